package dev.faunaconnect.validation;

import static dev.faunaconnect.config.FaunaSourceConfig.COLLECTIONS_CONFIG;
import static dev.faunaconnect.config.FaunaSourceConfig.DELETES_COLUMN_CONFIG;
import static dev.faunaconnect.config.FaunaSourceConfig.DELETES_MODE_CONFIG;
import static dev.faunaconnect.config.FaunaSourceConfig.ENDPOINT_CONFIG;
import static dev.faunaconnect.config.FaunaSourceConfig.QUERY_TIMEOUT_CONFIG;
import static dev.faunaconnect.config.FaunaSourceConfig.SECRET_CONFIG;

import com.faunadb.client.FaunaClient;
import dev.faunaconnect.config.DeletesMode;
import dev.faunaconnect.config.FaunaSourceConfig;
import dev.faunaconnect.fauna.FaunaClients;
import dev.faunaconnect.fauna.IndexInspector;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * What {@code FaunaSourceConnector.validate()} returns: Kafka's per-field checks of the ConfigDef, the per-collection
 * keys checked one by one, then live checks against Fauna (endpoint reachable, secret authorised, key may list
 * indexes and collections, collections exist, indexes exist and fit, key may read them). Each problem is reported on
 * the field to change, says what to fix, and quotes the FQL to run; the secret is never echoed.
 */
public final class ConnectorValidator {
  /** Validation answers a REST call: it waits at most this long for each query. */
  static final Duration MAX_QUERY_TIMEOUT = Duration.ofSeconds(10);

  private final IndexInspector inspector = new IndexInspector();

  public Config validate(Map<String, String> props) {
    ValidationReport report = new ValidationReport(FaunaSourceConfig.CONFIG_DEF.validateAll(props));
    Map<String, String> indexes = checkCollectionSettings(props, report);
    checkTopicsDistinct(props, report);
    if (liveChecksPossible(report)) {
      FaunaClient client = FaunaClients.create(endpoint(report), (Password) report.parsed(SECRET_CONFIG),
          queryTimeout(report));
      new LiveChecks(client, report, inspector).run(endpoint(report), collections(report), indexes);
    }
    return report.toConfig();
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
      try {
        FaunaSourceConfig.validateCollectionSetting(key, props.get(key), reserved);
      } catch (ConfigException e) {
        report.error(key, e.getMessage());
        continue;
      }
      String collection = FaunaSourceConfig.collectionOf(key).orElseThrow();
      if (!listed.isEmpty() && !listed.contains(collection)) {
        report.error(key, "Collection '" + collection + "' is not listed in " + COLLECTIONS_CONFIG + " ("
            + String.join(",", listed) + "): add it there or remove " + key + ".");
      } else if (key.equals(FaunaSourceConfig.indexKey(collection)) && !props.get(key).isBlank()) {
        indexes.put(collection, props.get(key).trim());
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

  private static String endpoint(ValidationReport report) {
    return report.parsed(ENDPOINT_CONFIG).toString().trim();
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
}
