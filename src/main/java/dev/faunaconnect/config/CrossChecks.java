package dev.faunaconnect.config;

import static dev.faunaconnect.config.FaunaSourceConfig.COLLECTIONS_CONFIG;
import static dev.faunaconnect.config.FaunaSourceConfig.RETRY_BACKOFF_INITIAL_CONFIG;
import static dev.faunaconnect.config.FaunaSourceConfig.RETRY_BACKOFF_MAX_CONFIG;
import static dev.faunaconnect.config.FaunaSourceConfig.TOPIC_PREFIX_CONFIG;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The checks that involve more than one setting, which no ConfigDef validator can make. Each problem is keyed by
 * the setting to change and says what to write instead.
 */
public final class CrossChecks {
  private CrossChecks() {}

  /**
   * The problems of a configuration whose single settings are valid: {@code parsed} holds the parsed values by name
   * (missing or invalid ones are skipped), {@code props} the raw configuration (for the per-collection keys).
   */
  public static Map<String, List<String>> problems(Map<String, ?> parsed, Map<String, String> props) {
    Map<String, List<String>> problems = new LinkedHashMap<>();
    backoffProblem(parsed).ifPresent(p -> add(problems, RETRY_BACKOFF_INITIAL_CONFIG, p));
    if (parsed.get(TOPIC_PREFIX_CONFIG) instanceof String prefix
        && parsed.get(COLLECTIONS_CONFIG) instanceof List<?> collections) {
      for (Object item : collections) {
        String collection = item.toString().trim();
        topicProblem(collection, prefix.trim(), props.get(FaunaSourceConfig.topicKey(collection)))
            .ifPresent(p -> add(problems, FaunaSourceConfig.topicKey(collection), p));
      }
    }
    return problems;
  }

  /** The first wait before a retry may not be longer than the longest. */
  static Optional<String> backoffProblem(Map<String, ?> parsed) {
    if (parsed.get(RETRY_BACKOFF_INITIAL_CONFIG) instanceof Long initial
        && parsed.get(RETRY_BACKOFF_MAX_CONFIG) instanceof Long max && initial > max) {
      return Optional.of(RETRY_BACKOFF_INITIAL_CONFIG + " (" + initial + ") is larger than " + RETRY_BACKOFF_MAX_CONFIG
          + " (" + max + "): the first wait before a retry cannot be longer than the longest. Lower "
          + RETRY_BACKOFF_INITIAL_CONFIG + " or raise " + RETRY_BACKOFF_MAX_CONFIG + ".");
    }
    return Optional.empty();
  }

  /**
   * Whether the collection's records can go to their topic: an explicit {@code collection.<name>.topic} is checked
   * on its own, so only the default topic (prefix + name) is checked here; a Fauna collection name such as
   * {@code orders$2024} can make it one Kafka refuses.
   */
  public static Optional<String> topicProblem(String collection, String prefix, String override) {
    if (override != null && !override.isBlank()) {
      return Optional.empty();
    }
    String topic = prefix + collection;
    String key = FaunaSourceConfig.topicKey(collection);
    return TopicNames.problem(topic).map(problem -> "Collection '" + collection + "' goes to topic '" + topic
        + "' (" + TOPIC_PREFIX_CONFIG + " + name), which Kafka refuses. " + problem + " Set " + key + " to a legal "
        + "topic name, e.g. " + key + "=" + TopicNames.legalized(topic) + ".");
  }

  private static void add(Map<String, List<String>> problems, String key, String problem) {
    problems.computeIfAbsent(key, k -> new ArrayList<>()).add(problem);
  }
}
