package dev.faunaconnect.validation;

import static dev.faunaconnect.config.FaunaSourceConfig.CHANGES_MODE_CONFIG;
import static dev.faunaconnect.config.FaunaSourceConfig.COLLECTIONS_CONFIG;
import static dev.faunaconnect.config.FaunaSourceConfig.DELETES_COLUMN_CONFIG;
import static dev.faunaconnect.config.FaunaSourceConfig.DELETES_MODE_CONFIG;
import static dev.faunaconnect.config.FaunaSourceConfig.ENDPOINT_CONFIG;
import static dev.faunaconnect.config.FaunaSourceConfig.POLL_INTERVAL_CONFIG;
import static dev.faunaconnect.config.FaunaSourceConfig.QUERY_TIMEOUT_CONFIG;
import static dev.faunaconnect.config.FaunaSourceConfig.SECRET_CONFIG;
import static dev.faunaconnect.config.FaunaSourceConfig.TOPIC_PREFIX_CONFIG;

import dev.faunaconnect.config.ChangesMode;
import dev.faunaconnect.config.CrossChecks;
import dev.faunaconnect.config.DeletesMode;
import dev.faunaconnect.config.FaunaSourceConfig;
import dev.faunaconnect.fauna.FaunaGateway;
import dev.faunaconnect.fauna.RetryPolicy;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code FaunaSourceConnector.validate()} returns: Kafka's per-field checks of the ConfigDef, the per-collection
 * keys checked one by one, the checks across settings, then live checks against Fauna (endpoint reachable and
 * Fauna, secret authorised, key may list indexes and collections, collections exist, indexes exist and fit, key may
 * read them, topics legal). Each problem is reported on the field to change and quotes the FQL to run; the secret is
 * never echoed. It never throws: anything unexpected becomes an error on {@code fauna.endpoint}.
 *
 * <p>A key that may do more than read (an admin or server key) passes, with a warning in the worker's log: a
 * {@code ConfigValue} has only errors, and an error would stop the worker from creating the connector.
 */
public final class ConnectorValidator {
  private static final Logger log = LoggerFactory.getLogger(ConnectorValidator.class);
  /** Validation answers a REST call: it waits at most this long for each query. */
  static final Duration MAX_QUERY_TIMEOUT = Duration.ofSeconds(10);
  /** Validation's own short retry budget: two retries, 0.2 s then 0.4 s, so a passing 503 or 429 does not fail it. */
  static final RetryPolicy RETRIES = new RetryPolicy(Duration.ofMillis(200), Duration.ofSeconds(1), 2);

  public Config validate(Map<String, String> props) {
    Map<String, String> given = withoutNulls(props);
    ValidationReport report = new ValidationReport(Map.of(), given.get(SECRET_CONFIG));
    try {
      report = new ValidationReport(FaunaSourceConfig.PUBLIC_CONFIG_DEF.validateAll(given), given.get(SECRET_CONFIG));
      check(given, report);
    } catch (RuntimeException | LinkageError | AssertionError e) {
      String cause = report.redact(LiveFailures.describe(e));
      log.error("Validation failed unexpectedly: {}", cause);
      report.error(ENDPOINT_CONFIG, "Validation could not finish (" + cause + "). Check "
          + ENDPOINT_CONFIG + " and that Fauna runs there, then validate again.");
    }
    return report.toConfig(Set.of(FaunaSourceConfig.TASK_COLLECTIONS_CONFIG));
  }

  private static void check(Map<String, String> props, ValidationReport report) {
    Map<String, String> indexes = checkCollectionSettings(props, report);
    checkTopicsDistinct(props, report);
    CrossChecks.problems(report.parsedValid(), props)
        .forEach((key, problems) -> problems.forEach(problem -> report.error(key, problem)));
    if (liveChecksPossible(report)) {
      String endpoint = report.parsed(ENDPOINT_CONFIG).toString().trim();
      Duration timeout = queryTimeout(report);
      FaunaGateway gateway = FaunaGateway.forChecks(endpoint, (Password) report.parsed(SECRET_CONFIG), timeout,
          RETRIES);
      LiveChecks.Target target = new LiveChecks.Target(endpoint, collections(report), indexes,
          String.valueOf(report.parsed(TOPIC_PREFIX_CONFIG)).trim(), props);
      new LiveChecks(gateway, report, new LiveFailures(endpoint, timeout, RETRIES.maxRetries() + 1,
          report.redaction())).run(target)
          .ifPresent(warning -> log.warn("{}", warning));
      if (everyVersion(report)) {
        VersionHistoryCheck.warnings(gateway, collections(report), pollInterval(report))
            .forEach(warning -> log.warn("{}", warning));
      }
    }
  }

  /** Checks each {@code collection.<name>.*} key; returns the explicit index of each collection. */
  private static Map<String, String> checkCollectionSettings(Map<String, String> props, ValidationReport report) {
    Set<String> reserved = reservedColumns(report);
    List<String> listed = collections(report);
    Map<String, String> indexes = new LinkedHashMap<>();
    for (String key : new TreeSet<>(props.keySet())) {
      if (!FaunaSourceConfig.isCollectionSetting(key)) {
        continue;
      }
      String value = props.get(key);
      report.value(key, value);
      try {
        FaunaSourceConfig.validateCollectionSetting(key, value, reserved);
      } catch (ConfigException e) {
        report.error(key, e.getMessage());
        continue;
      }
      if (FaunaSourceConfig.isCollectionTemplate(key)) {
        continue;
      }
      String collection = FaunaSourceConfig.collectionOf(key).orElseThrow();
      if (!listed.isEmpty() && !listed.contains(collection)) {
        report.error(key, "Collection '" + collection + "' is not listed in " + COLLECTIONS_CONFIG + " ("
            + String.join(",", listed) + "): add it there or remove " + key + ".");
      } else if (key.equals(FaunaSourceConfig.indexKey(collection)) && !value.isBlank()) {
        indexes.put(collection, value.trim());
      }
    }
    return indexes;
  }

  /** Two named collections routed to one topic are refused (see {@link FaunaSourceConfig#topicClash}). */
  private static void checkTopicsDistinct(Map<String, String> props, ValidationReport report) {
    try {
      FaunaSourceConfig config = new FaunaSourceConfig(props);
      Set<String> named = new TreeSet<>(config.collections());
      named.addAll(config.collectionsWithSettings());
      config.topicClash(named).ifPresent(clash -> report.error(COLLECTIONS_CONFIG, clash));
    } catch (ConfigException e) {
      // already reported on its field
    }
  }

  private static Set<String> reservedColumns(ValidationReport report) {
    DeletesMode mode;
    try {
      mode = DeletesMode.parse(String.valueOf(report.parsed(DELETES_MODE_CONFIG)));
    } catch (ConfigException e) {
      mode = DeletesMode.COLUMN;
    }
    Object column = report.parsed(DELETES_COLUMN_CONFIG);
    return FaunaSourceConfig.reservedColumnNames(mode, column == null ? "deleted_at" : column.toString().trim());
  }

  private static boolean liveChecksPossible(ValidationReport report) {
    return List.of(ENDPOINT_CONFIG, SECRET_CONFIG, QUERY_TIMEOUT_CONFIG, COLLECTIONS_CONFIG).stream()
        .noneMatch(report::hasErrors)
        && report.parsed(ENDPOINT_CONFIG) != null && report.parsed(SECRET_CONFIG) instanceof Password;
  }

  private static boolean everyVersion(ValidationReport report) {
    return !report.hasErrors(CHANGES_MODE_CONFIG) && report.parsed(CHANGES_MODE_CONFIG) != null
        && ChangesMode.parse(report.parsed(CHANGES_MODE_CONFIG).toString()) == ChangesMode.EVERY_VERSION;
  }

  private static Duration pollInterval(ValidationReport report) {
    Object value = report.parsed(POLL_INTERVAL_CONFIG);
    return Duration.ofMillis(value instanceof Long ms ? ms : 1_000L);
  }

  private static Duration queryTimeout(ValidationReport report) {
    Duration configured = Optional.ofNullable((Long) report.parsed(QUERY_TIMEOUT_CONFIG)).map(Duration::ofMillis)
        .orElse(MAX_QUERY_TIMEOUT);
    return configured.compareTo(MAX_QUERY_TIMEOUT) < 0 ? configured : MAX_QUERY_TIMEOUT;
  }

  @SuppressWarnings("unchecked")
  private static List<String> collections(ValidationReport report) {
    Object value = report.parsed(COLLECTIONS_CONFIG);
    return value instanceof List<?> list
        ? ((List<String>) list).stream().map(String::trim).filter(s -> !s.isEmpty()).toList() : List.of();
  }

  /**
   * A key given with a null value (REST JSON {@code "key": null}): a key of the ConfigDef counts as not given (its
   * default applies, or it is reported missing), a per-collection key as given empty.
   */
  private static Map<String, String> withoutNulls(Map<String, String> props) {
    Map<String, String> given = new HashMap<>();
    props.forEach((key, value) -> {
      if (value != null) {
        given.put(key, value);
      } else if (!FaunaSourceConfig.CONFIG_DEF.configKeys().containsKey(key)) {
        given.put(key, "");
      }
    });
    return given;
  }
}
