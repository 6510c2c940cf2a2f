package dev.faunaconnect.config;

import static dev.faunaconnect.config.FaunaSourceConfig.CHANGES_MODE_CONFIG;
import static dev.faunaconnect.config.FaunaSourceConfig.COLLECTIONS_CONFIG;
import static dev.faunaconnect.config.FaunaSourceConfig.COLLECTIONS_REFRESH_INTERVAL_CONFIG;
import static dev.faunaconnect.config.FaunaSourceConfig.DATA_COLUMN_CONFIG;
import static dev.faunaconnect.config.FaunaSourceConfig.DELETES_COLUMN_CONFIG;
import static dev.faunaconnect.config.FaunaSourceConfig.DELETES_MODE_CONFIG;
import static dev.faunaconnect.config.FaunaSourceConfig.ENDPOINT_CONFIG;
import static dev.faunaconnect.config.FaunaSourceConfig.FULL_SYNC_INTERVAL_CONFIG;
import static dev.faunaconnect.config.FaunaSourceConfig.HEARTBEAT_INTERVAL_CONFIG;
import static dev.faunaconnect.config.FaunaSourceConfig.HEARTBEAT_TOPIC_CONFIG;
import static dev.faunaconnect.config.FaunaSourceConfig.HISTORY_LOSS_ACTION_CONFIG;
import static dev.faunaconnect.config.FaunaSourceConfig.PAGE_SIZE_CONFIG;
import static dev.faunaconnect.config.FaunaSourceConfig.POLL_INTERVAL_CONFIG;
import static dev.faunaconnect.config.FaunaSourceConfig.QUERY_TIMEOUT_CONFIG;
import static dev.faunaconnect.config.FaunaSourceConfig.RETRY_BACKOFF_INITIAL_CONFIG;
import static dev.faunaconnect.config.FaunaSourceConfig.RETRY_BACKOFF_MAX_CONFIG;
import static dev.faunaconnect.config.FaunaSourceConfig.RETRY_MAX_ATTEMPTS_CONFIG;
import static dev.faunaconnect.config.FaunaSourceConfig.SECRET_CONFIG;
import static dev.faunaconnect.config.FaunaSourceConfig.SNAPSHOT_MODE_CONFIG;
import static dev.faunaconnect.config.FaunaSourceConfig.TASK_COLLECTIONS_CONFIG;
import static dev.faunaconnect.config.FaunaSourceConfig.TOPIC_PREFIX_CONFIG;

import java.util.List;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** The definition of every key: group, order, width, display name, validator, recommender and documentation. */
final class FaunaSourceConfigDef {
  static final String CONNECTION_GROUP = "Connection";
  static final String COLLECTIONS_GROUP = "Collections";
  static final String PER_COLLECTION_GROUP = "Per-collection settings";
  static final String RECORDS_GROUP = "Records";
  static final String SYNC_GROUP = "Snapshot and sync";
  static final String POLLING_GROUP = "Polling and retries";

  /** The server refuses a larger {@code X-Query-Timeout} ({@code max_query_time_secs}: 10 minutes). */
  static final long MAX_QUERY_TIMEOUT_MS = 600_000L;
  /** Paginate() silently caps larger pages ({@code ReadAdaptor.MaxPageSize}). */
  static final int MAX_PAGE_SIZE = 100_000;
  static final long MIN_POLL_INTERVAL_MS = 50L;
  static final long ONE_DAY_MS = 86_400_000L;
  static final long ONE_HOUR_MS = 3_600_000L;
  static final long ONE_YEAR_MS = 365 * ONE_DAY_MS;

  private FaunaSourceConfigDef() {}

  /** Every key the connector reads, the internal {@code task.collections} included. */
  static ConfigDef build() {
    ConfigDef def = buildPublic();
    def.defineInternal(TASK_COLLECTIONS_CONFIG, Type.LIST, "", Validators.collectionNames(), Importance.LOW,
        "The collections this task owns; set by the connector.");
    return def;
  }

  /** The keys a user sets: what the connector shows to configuration UIs and validation. */
  static ConfigDef buildPublic() {
    ConfigDef def = new ConfigDef();
    connection(def);
    collections(def);
    perCollection(def);
    records(def);
    sync(def);
    polling(def);
    delivery(def);
    return def;
  }

  private static void connection(ConfigDef def) {
    int order = 0;
    def.define(ENDPOINT_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Validators.endpoint(), Importance.HIGH,
        "URL of the Fauna HTTP API: scheme, host and port in one value, e.g. http://localhost:8443 for a "
            + "self-hosted fauna/faunadb server on the worker's machine, or https://fauna.example.com:8443.",
        CONNECTION_GROUP, ++order, Width.LONG, "Fauna endpoint");
    def.define(SECRET_CONFIG, Type.PASSWORD, ConfigDef.NO_DEFAULT_VALUE, Validators.secret(),
        Importance.HIGH, "The secret of the Fauna key the connector uses. Create a read-only role and a key as the "
            + "docs show (CreateRole with read on Collections(), Indexes() and each collection and index, then "
            + "CreateKey). The secret is never logged or stored in records or offsets, and validation hides it; "
            + "but the worker's REST API returns connector and task configurations as given, so pass it through a "
            + "config provider, e.g. ${env:FAUNA_SECRET}.",
        CONNECTION_GROUP, ++order, Width.LONG, "Fauna secret");
    def.define(QUERY_TIMEOUT_CONFIG, Type.LONG, 60_000L, Range.between(1, MAX_QUERY_TIMEOUT_MS), Importance.LOW,
        "How long Fauna may take to answer one query, in milliseconds (sent as X-Query-Timeout). At most "
            + MAX_QUERY_TIMEOUT_MS + " (10 minutes): Fauna refuses every query with a larger X-Query-Timeout.",
        CONNECTION_GROUP, ++order, Width.SHORT, "Query timeout (ms)");
  }

  private static void collections(ConfigDef def) {
    int order = 0;
    def.define(COLLECTIONS_CONFIG, Type.LIST, "", Validators.collectionNames(), Importance.HIGH,
        "Comma-separated names of the collections to stream. Empty (the default) streams every collection the key "
            + "can see; the list is re-read every " + COLLECTIONS_REFRESH_INTERVAL_CONFIG + ", so new collections "
            + "are picked up and removed ones let go without a restart. Per collection, collection.<name>.index "
            + "names the incremental index (default: found automatically, an index on the collection with no terms "
            + "whose values start with ts then ref), collection.<name>.columns adds columns (a JSON array of "
            + "{\"name\", \"type\", \"path\", \"required\"}; types string, integer, number, boolean, timestamp, date, "
            + "json) and collection.<name>.topic overrides the topic.",
        COLLECTIONS_GROUP, ++order, Width.LONG, "Collections");
    def.define(COLLECTIONS_REFRESH_INTERVAL_CONFIG, Type.LONG, 60_000L, Range.between(100, ONE_DAY_MS),
        Importance.LOW,
        "How often the list of collections is re-read when " + COLLECTIONS_CONFIG + " is empty, in milliseconds.",
        COLLECTIONS_GROUP, ++order, Width.SHORT, "Collections refresh interval (ms)");
  }

  /** Templates of the per-collection keys, shown to UIs; the real keys put the collection's name for {@code <name>}. */
  private static void perCollection(ConfigDef def) {
    int order = 0;
    def.define(FaunaSourceConfig.indexKey(CollectionKeys.TEMPLATE_NAME), Type.STRING, "", Importance.MEDIUM,
        "The incremental index of collection <name> (write the collection's name for <name>, e.g. "
            + "collection.orders.index): source the collection, no terms, values starting with ts then ref. Default: "
            + "found automatically; without one, the collection is fully re-read every " + FULL_SYNC_INTERVAL_CONFIG
            + ".", PER_COLLECTION_GROUP, ++order, Width.MEDIUM, "Index of a collection");
    def.define(FaunaSourceConfig.columnsKey(CollectionKeys.TEMPLATE_NAME), Type.STRING, "", Importance.MEDIUM,
        "Additional columns of collection <name>: a JSON array of {\"name\", \"type\", \"path\", \"required\"}, e.g. "
            + "[{\"name\": \"city\", \"type\": \"string\", \"path\": [\"data\", \"address\", \"city\"]}]. Types: "
            + String.join(", ", ColumnType.configValues()) + ". A string column holds a Fauna string as it is and "
            + "any other value as its JSON text; a timestamp column takes a Fauna @ts or an ISO-8601 string (without "
            + "an offset it is read as UTC).", PER_COLLECTION_GROUP, ++order, Width.LONG,
        "Additional columns of a collection");
    def.define(FaunaSourceConfig.topicKey(CollectionKeys.TEMPLATE_NAME), Type.STRING, "", Importance.MEDIUM,
        "The topic of collection <name>. Default: " + TOPIC_PREFIX_CONFIG + " followed by the collection name; set it "
            + "when that is not a legal topic name ([a-zA-Z0-9._-], at most 249 characters), e.g. for orders$2024.",
        PER_COLLECTION_GROUP, ++order, Width.MEDIUM, "Topic of a collection");
  }

  private static void records(ConfigDef def) {
    int order = 0;
    def.define(TOPIC_PREFIX_CONFIG, Type.STRING, "fauna.", Validators.topicPrefix(), Importance.MEDIUM,
        "The topic of a collection is this prefix followed by the collection name, unless "
            + "collection.<name>.topic overrides it.", RECORDS_GROUP, ++order, Width.MEDIUM, "Topic prefix");
    def.define(DATA_COLUMN_CONFIG, Type.BOOLEAN, true, Importance.MEDIUM,
        "Whether each record carries the document's data as JSON text in the data column.",
        RECORDS_GROUP, ++order, Width.SHORT, "Data column");
    def.define(DELETES_MODE_CONFIG, Type.STRING, DeletesMode.COLUMN.configValue(),
        ConfigEnums.validator(DeletesMode.class), Importance.MEDIUM,
        "What a deleted document becomes: 'ignore' (nothing), 'column' (a record whose " + DELETES_COLUMN_CONFIG
            + " column holds the deletion time), 'tombstone' (a record with the key and a null value, for "
            + "compacted topics) or 'column_and_tombstone' (both). Deletes are read from the collection's history, "
            + "so its history_days must cover the time the connector may be down.",
        RECORDS_GROUP, ++order, Width.MEDIUM, "Deletes mode", List.of(DELETES_COLUMN_CONFIG),
        ConfigEnums.recommender(DeletesMode.class));
    def.define(DELETES_COLUMN_CONFIG, Type.STRING, "deleted_at", Validators.deletesColumn(), Importance.LOW,
        "Name of the optional Timestamp column that is set when a document is deleted.",
        RECORDS_GROUP, ++order, Width.MEDIUM, "Deletes column", Validators.visibleWhenDeletesRecorded());
  }

  private static void sync(ConfigDef def) {
    int order = 0;
    def.define(SNAPSHOT_MODE_CONFIG, Type.STRING, SnapshotMode.INITIAL.configValue(),
        ConfigEnums.validator(SnapshotMode.class), Importance.MEDIUM,
        "'initial': read each collection consistently at one transaction time, then stream the changes from that "
            + "time on. 'never': stream only the changes made after the collection is first seen.",
        SYNC_GROUP, ++order, Width.SHORT, "Snapshot mode", ConfigEnums.recommender(SnapshotMode.class));
    def.define(FULL_SYNC_INTERVAL_CONFIG, Type.LONG, 3_600_000L, Range.between(1_000, ONE_YEAR_MS), Importance.LOW,
        "For a collection without a usable incremental index: a fresh full snapshot is taken every this many "
            + "milliseconds (1 second to 365 days).", SYNC_GROUP, ++order, Width.SHORT, "Full sync interval (ms)");
    def.define(CHANGES_MODE_CONFIG, Type.STRING, ChangesMode.LATEST.configValue(),
        ConfigEnums.validator(ChangesMode.class), Importance.MEDIUM,
        "Which changes a collection with an incremental index delivers after its snapshot. 'latest': one record "
            + "per changed document with its newest state when it is read, so several updates between two reads "
            + "arrive as one record. 'every_version': one record per version written (each create, update and "
            + "replace, with that version's ts and data), in (ts, ref) order, read from the history of the index; "
            + "the collection's history_days must then cover the time the connector may be behind or stopped.",
        SYNC_GROUP, ++order, Width.SHORT, "Changes mode", ConfigEnums.recommender(ChangesMode.class));
  }

  private static void polling(ConfigDef def) {
    int order = 0;
    def.define(PAGE_SIZE_CONFIG, Type.INT, 1000, Range.between(1, MAX_PAGE_SIZE), Importance.LOW,
        "Documents per Paginate() page in every query; at most " + MAX_PAGE_SIZE + ", Fauna's largest page.",
        POLLING_GROUP, ++order, Width.SHORT, "Page size");
    def.define(POLL_INTERVAL_CONFIG, Type.LONG, 1_000L, Range.between(MIN_POLL_INTERVAL_MS, ONE_DAY_MS),
        Importance.LOW, "How often each collection is asked for changes and deletes once it is caught up, in "
            + "milliseconds (" + MIN_POLL_INTERVAL_MS + " ms to one day; each poll is two queries per collection).",
        POLLING_GROUP, ++order, Width.SHORT, "Poll interval (ms)");
    def.define(RETRY_BACKOFF_INITIAL_CONFIG, Type.LONG, 200L, Range.between(1, ONE_HOUR_MS), Importance.LOW,
        "The first wait before retrying a transient failure (throttling, 503, 409, time-outs, refused "
            + "connections), in milliseconds; it doubles on every attempt, and each wait is drawn between half and all "
            + "of it (jitter). At most " + RETRY_BACKOFF_MAX_CONFIG + ".",
        POLLING_GROUP, ++order, Width.SHORT, "Initial retry backoff (ms)");
    def.define(RETRY_BACKOFF_MAX_CONFIG, Type.LONG, 30_000L, Range.between(1, ONE_HOUR_MS), Importance.LOW,
        "The longest wait between retries, in milliseconds (before jitter; at most one hour).",
        POLLING_GROUP, ++order, Width.SHORT, "Maximum retry backoff (ms)");
    def.define(RETRY_MAX_ATTEMPTS_CONFIG, Type.INT, -1, Range.atLeast(-1), Importance.LOW,
        "How many times a transient failure is retried before the task fails; -1 (the default) retries until Fauna "
            + "answers, logging at WARN, with the cause, every retry of a query failing for over a minute.",
        POLLING_GROUP, ++order, Width.SHORT, "Maximum retry attempts");
  }

  /** Heartbeats and what to do when history was lost (owned with the source readers, issue 8), after sync(). */
  private static void delivery(ConfigDef def) {
    int order = 10;
    def.define(HEARTBEAT_INTERVAL_CONFIG, Type.LONG, 30_000L, Range.atLeast(0), Importance.MEDIUM,
        "How often a caught-up collection whose stored offset is behind where its reader stands sends a heartbeat "
            + "record to " + HEARTBEAT_TOPIC_CONFIG + ", in milliseconds, so that idle collections keep their "
            + "stored positions inside the history Fauna keeps. 0 turns the periodic heartbeats off; a heartbeat "
            + "is still sent at once when a reader changes phase without a record to carry it (a snapshot that "
            + "ends with no document, the start of snapshot.mode=never).",
        SYNC_GROUP, ++order, Width.SHORT, "Heartbeat interval (ms)");
    def.define(HEARTBEAT_TOPIC_CONFIG, Type.STRING, "__fauna-heartbeats",
        ConfigDef.CompositeValidator.of(new ConfigDef.NonEmptyString(), Validators.topicPrefix()),
        Importance.LOW, "The topic of heartbeat records: key {collection}, value {collection, phase, ts}, and the "
            + "collection's source offset. Create it, or let Connect's topic creation do so.",
        SYNC_GROUP, ++order, Width.MEDIUM, "Heartbeat topic");
    def.define(HISTORY_LOSS_ACTION_CONFIG, Type.STRING, HistoryLossAction.FAIL.configValue(),
        ConfigEnums.validator(HistoryLossAction.class), Importance.MEDIUM,
        "What to do when a collection's stored position is older than the history Fauna still keeps for it "
            + "(history_days + 15 minutes), so that deletes made since were lost: 'fail' (the task fails with a "
            + "message saying what was lost and what to do) or 'snapshot' (an ERROR is logged and the collection "
            + "is read again from a fresh snapshot, in the spirit of Debezium's snapshot.mode=when_needed).",
        SYNC_GROUP, ++order, Width.SHORT, "On history loss", ConfigEnums.recommender(HistoryLossAction.class));
  }
}
