package dev.faunaconnect.config;

import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigException;

/** Kafka's rules for topic names: at most 249 characters of {@code [a-zA-Z0-9._-]}. */
final class TopicNames {
  static final int MAX_LENGTH = 249;
  private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]*");

  private TopicNames() {}

  /** Checks a topic name or a prefix of one. */
  static void ensureValid(String key, String name) {
    if (!LEGAL.matcher(name).matches()) {
      throw new ConfigException(key, name, "A topic name may only contain ASCII letters, digits, '.', '_' and '-'.");
    }
    if (name.length() > MAX_LENGTH) {
      throw new ConfigException(key, name, "A topic name may be at most " + MAX_LENGTH + " characters long.");
    }
  }
}
