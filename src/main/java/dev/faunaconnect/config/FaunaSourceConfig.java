package dev.faunaconnect.config;

import dev.faunaconnect.config.CollectionKeys.Setting;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The connector's configuration: the keys of {@link #CONFIG_DEF} plus the per-collection keys
 * {@code collection.<name>.index}, {@code .columns} and {@code .topic}. Every value is parsed and checked when the
 * object is built, so a bad configuration fails with a {@link ConfigException} that says what to fix.
 */
public final class FaunaSourceConfig extends AbstractConfig {
  public static final String ENDPOINT_CONFIG = "fauna.endpoint";
  public static final String SECRET_CONFIG = "fauna.secret";
  public static final String QUERY_TIMEOUT_CONFIG = "fauna.query.timeout.ms";
  public static final String COLLECTIONS_CONFIG = "collections";
  public static final String COLLECTIONS_REFRESH_INTERVAL_CONFIG = "collections.refresh.interval.ms";
  public static final String TOPIC_PREFIX_CONFIG = "topic.prefix";
  public static final String DATA_COLUMN_CONFIG = "data.column";
  public static final String DELETES_MODE_CONFIG = "deletes.mode";
  public static final String DELETES_COLUMN_CONFIG = "deletes.column";
  public static final String SNAPSHOT_MODE_CONFIG = "snapshot.mode";
  public static final String FULL_SYNC_INTERVAL_CONFIG = "full.sync.interval.ms";
  public static final String PAGE_SIZE_CONFIG = "page.size";
  public static final String POLL_INTERVAL_CONFIG = "poll.interval.ms";
  public static final String RETRY_BACKOFF_INITIAL_CONFIG = "retry.backoff.initial.ms";
  public static final String RETRY_BACKOFF_MAX_CONFIG = "retry.backoff.max.ms";
  public static final String RETRY_MAX_ATTEMPTS_CONFIG = "retry.max.attempts";
  public static final String HEARTBEAT_INTERVAL_CONFIG = "heartbeat.interval.ms";
  public static final String HEARTBEAT_TOPIC_CONFIG = "heartbeat.topic";
  public static final String HISTORY_LOSS_ACTION_CONFIG = "history.loss.action";
  public static final String CHANGES_MODE_CONFIG = "changes.mode";
  /** Internal: the collections one task owns, set by the connector in each task's configuration. */
  public static final String TASK_COLLECTIONS_CONFIG = "task.collections";

  /** The built-in value columns that additional columns may not be named after (plus the deletes column). */
  public static final List<String> RESERVED_COLUMNS = List.of("ref", "ts", "data");

  public static final ConfigDef CONFIG_DEF = FaunaSourceConfigDef.build();
  /** {@link #CONFIG_DEF} without the internal keys: what {@code Connector.config()} shows to UIs. */
  public static final ConfigDef PUBLIC_CONFIG_DEF = FaunaSourceConfigDef.buildPublic();

  private final Map<String, CollectionSettings> explicitSettings;

  public FaunaSourceConfig(Map<String, String> props) {
    super(CONFIG_DEF, props);
    CrossChecks.problems(values(), props).forEach((key, problems) -> {
      throw new ConfigException(problems.get(0).startsWith(key) ? problems.get(0) : key + ": " + problems.get(0));
    });
    this.explicitSettings = parseCollectionSettings(props);
  }

  /** The key of a per-collection setting, e.g. {@code collection.orders.index}. */
  public static String indexKey(String collection) {
    return CollectionKeys.key(collection, Setting.INDEX);
  }

  public static String columnsKey(String collection) {
    return CollectionKeys.key(collection, Setting.COLUMNS);
  }

  public static String topicKey(String collection) {
    return CollectionKeys.key(collection, Setting.TOPIC);
  }

  public String endpoint() {
    return getString(ENDPOINT_CONFIG).trim();
  }

  public Password secret() {
    return getPassword(SECRET_CONFIG);
  }

  public Duration queryTimeout() {
    return Duration.ofMillis(getLong(QUERY_TIMEOUT_CONFIG));
  }

  /** The configured collections; empty means every collection the key can see. */
  public List<String> collections() {
    return trimmed(getList(COLLECTIONS_CONFIG));
  }

  public Duration collectionsRefreshInterval() {
    return Duration.ofMillis(getLong(COLLECTIONS_REFRESH_INTERVAL_CONFIG));
  }

  public String topicPrefix() {
    return getString(TOPIC_PREFIX_CONFIG).trim();
  }

  public boolean dataColumn() {
    return getBoolean(DATA_COLUMN_CONFIG);
  }

  public DeletesMode deletesMode() {
    return DeletesMode.parse(getString(DELETES_MODE_CONFIG));
  }

  public String deletesColumn() {
    return getString(DELETES_COLUMN_CONFIG).trim();
  }

  public SnapshotMode snapshotMode() {
    return SnapshotMode.parse(getString(SNAPSHOT_MODE_CONFIG));
  }

  public Duration fullSyncInterval() {
    return Duration.ofMillis(getLong(FULL_SYNC_INTERVAL_CONFIG));
  }

  public int pageSize() {
    return getInt(PAGE_SIZE_CONFIG);
  }

  public Duration pollInterval() {
    return Duration.ofMillis(getLong(POLL_INTERVAL_CONFIG));
  }

  public Duration retryBackoffInitial() {
    return Duration.ofMillis(getLong(RETRY_BACKOFF_INITIAL_CONFIG));
  }

  public Duration retryBackoffMax() {
    return Duration.ofMillis(getLong(RETRY_BACKOFF_MAX_CONFIG));
  }

  /** How many times a retriable failure is retried before the task fails; -1 retries forever. */
  public int retryMaxAttempts() {
    return getInt(RETRY_MAX_ATTEMPTS_CONFIG);
  }

  /** How often an idle collection's reader sends a heartbeat; zero: only at phase changes. */
  public Duration heartbeatInterval() {
    return Duration.ofMillis(getLong(HEARTBEAT_INTERVAL_CONFIG));
  }

  public String heartbeatTopic() {
    return getString(HEARTBEAT_TOPIC_CONFIG).trim();
  }

  public HistoryLossAction historyLossAction() {
    return HistoryLossAction.parse(getString(HISTORY_LOSS_ACTION_CONFIG));
  }

  public ChangesMode changesMode() {
    return ChangesMode.parse(getString(CHANGES_MODE_CONFIG));
  }

  /**
   * Two collections routed to one topic would overwrite each other's documents in a compacted topic (keys are
   * document ids), and the heartbeat topic holds other records: says which collections clash, if any.
   */
  public Optional<String> topicClash(Collection<String> collections) {
    Map<String, String> owners = new HashMap<>();
    owners.put(heartbeatTopic(), HEARTBEAT_TOPIC_CONFIG);
    for (String collection : new TreeSet<>(collections)) {
      // A topic Kafka refuses is reported on its own (settingsFor, where the task meets it); it clashes with nothing.
      String topic = explicitSettings.containsKey(collection) ? explicitSettings.get(collection).topic()
          : topicPrefix() + collection;
      String owner = owners.putIfAbsent(topic, "collection '" + collection + "'");
      if (owner != null) {
        return Optional.of("Topic '" + topic + "' would receive both " + owner + " and collection '" + collection
            + "'; their records are keyed by document id alone, so they would overwrite each other in a compacted "
            + "topic. Give each collection its own topic with collection.<name>.topic.");
      }
    }
    return Optional.empty();
  }

  /** The collections assigned to this task (task configurations only). */
  public List<String> taskCollections() {
    return trimmed(getList(TASK_COLLECTIONS_CONFIG));
  }

  /** The names the additional columns of every collection may not use. */
  public Set<String> reservedColumnNames() {
    return reservedColumnNames(deletesMode(), deletesColumn());
  }

  /** ref, ts, data, and the deletes column when deletes are recorded as a column. */
  public static Set<String> reservedColumnNames(DeletesMode deletesMode, String deletesColumn) {
    Set<String> reserved = new LinkedHashSet<>(RESERVED_COLUMNS);
    if (deletesMode.recordsColumn()) {
      reserved.add(deletesColumn);
    }
    return reserved;
  }

  /**
   * The settings of a collection: its own keys where given, else the defaults (discovered index, no columns).
   *
   * @throws ConfigException when the collection's default topic is one Kafka refuses (e.g. a discovered collection
   *     named {@code orders$2024}), naming the {@code collection.<name>.topic} to set
   */
  public CollectionSettings settingsFor(String collection) {
    CollectionSettings explicit = explicitSettings.get(collection);
    if (explicit != null) {
      return explicit;
    }
    CrossChecks.topicProblem(collection, topicPrefix(), null).ifPresent(problem -> {
      throw new ConfigException(topicKey(collection) + ": " + problem);
    });
    return new CollectionSettings(collection, Optional.empty(), List.of(), topicPrefix() + collection);
  }

  /** The collections that have at least one {@code collection.<name>.*} setting. */
  public Set<String> collectionsWithSettings() {
    return explicitSettings.keySet();
  }

  /**
   * Checks one per-collection setting on its own ({@code collection.<name>.index|columns|topic}), so that
   * validation can report every bad key. {@code reservedColumns} are the names additional columns may not take.
   *
   * @throws ConfigException saying what is wrong and what to write instead
   */
  public static void validateCollectionSetting(String key, String value, Set<String> reservedColumns) {
    Setting setting = CollectionKeys.parse(key)
        .orElseThrow(() -> new ConfigException(CollectionKeys.unknownKeyMessage(key)))
        .setting();
    if (CollectionKeys.isTemplate(key)) {
      if (value != null && !value.isBlank()) {
        throw new ConfigException(CollectionKeys.templateMessage(key));
      }
      return;
    }
    switch (setting) {
      case COLUMNS -> ColumnSpecParser.parse(key, value, reservedColumns);
      case TOPIC -> TopicNames.ensureValid(key, value == null ? "" : value.trim());
      case INDEX -> { }
    }
  }

  /** Whether a key belongs to the per-collection settings {@code collection.<name>.*}. */
  public static boolean isCollectionSetting(String key) {
    return CollectionKeys.isCollectionKey(key);
  }

  /** Whether the key is one of the {@code collection.<name>.*} templates the ConfigDef shows UIs. */
  public static boolean isCollectionTemplate(String key) {
    return CollectionKeys.isTemplate(key);
  }

  /** The collection a per-collection key is about, if the key is well formed. */
  public static Optional<String> collectionOf(String key) {
    return CollectionKeys.parse(key).map(CollectionKeys.Key::collection);
  }

  private Map<String, CollectionSettings> parseCollectionSettings(Map<String, String> props) {
    Map<String, CollectionSettings> settings = new HashMap<>();
    for (String key : props.keySet()) {
      if (CollectionKeys.isTemplate(key)) {
        validateCollectionSetting(key, props.get(key), Set.of());
      } else if (CollectionKeys.isCollectionKey(key)) {
        String collection = CollectionKeys.parse(key)
            .orElseThrow(() -> new ConfigException(CollectionKeys.unknownKeyMessage(key)))
            .collection();
        settings.computeIfAbsent(collection, c -> parseSettings(c, props));
      }
    }
    return Map.copyOf(settings);
  }

  private CollectionSettings parseSettings(String collection, Map<String, String> props) {
    Optional<String> index = Optional.ofNullable(props.get(indexKey(collection)))
        .map(String::trim).filter(s -> !s.isEmpty());
    List<ColumnSpec> columns = ColumnSpecParser.parse(columnsKey(collection), props.get(columnsKey(collection)),
        reservedColumnNames());
    String topicKey = topicKey(collection);
    Optional<String> override = Optional.ofNullable(props.get(topicKey)).map(String::trim).filter(s -> !s.isEmpty());
    override.ifPresent(topic -> TopicNames.ensureValid(topicKey, topic));
    CrossChecks.topicProblem(collection, topicPrefix(), override.orElse(null)).ifPresent(problem -> {
      throw new ConfigException(topicKey + ": " + problem);
    });
    String topic = override.orElse(topicPrefix() + collection);
    return new CollectionSettings(collection, index, columns, topic);
  }

  private static List<String> trimmed(List<String> values) {
    return values.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /** Prints the configuration reference, e.g. for the README. */
  public static void main(String[] args) {
    System.out.println(CONFIG_DEF.toEnrichedRst());
  }
}
