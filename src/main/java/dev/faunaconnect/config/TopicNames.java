package dev.faunaconnect.config;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigException;

/** Kafka's rules for topic names: at most 249 characters of {@code [a-zA-Z0-9._-]}, and not "." or "..". */
final class TopicNames {
  static final int MAX_LENGTH = 249;
  private static final Pattern ILLEGAL = Pattern.compile("[^a-zA-Z0-9._-]");

  private TopicNames() {}

  /** Checks a topic name or a prefix of one. */
  static void ensureValid(String key, String name) {
    problem(name).ifPresent(problem -> {
      throw new ConfigException(key, name, problem);
    });
  }

  /** What Kafka refuses in the name, or empty when it is a legal topic name (or prefix). */
  static Optional<String> problem(String name) {
    Matcher illegal = ILLEGAL.matcher(name);
    if (illegal.find()) {
      return Optional.of("A topic name may only contain ASCII letters, digits, '.', '_' and '-', not '"
          + illegal.group() + "'.");
    }
    if (name.length() > MAX_LENGTH) {
      return Optional.of("A topic name may be at most " + MAX_LENGTH + " characters long, not " + name.length() + ".");
    }
    if (name.equals(".") || name.equals("..")) {
      return Optional.of("A topic cannot be named '" + name + "'.");
    }
    return Optional.empty();
  }

  /** A legal name close to {@code name}: illegal characters replaced by '_', cut to the maximum length. */
  static String legalized(String name) {
    String legal = ILLEGAL.matcher(name).replaceAll("_");
    return legal.length() > MAX_LENGTH ? legal.substring(0, MAX_LENGTH) : legal;
  }
}
