package dev.faunaconnect.config;

import static dev.faunaconnect.config.FaunaSourceConfig.COLLECTIONS_CONFIG;
import static dev.faunaconnect.config.FaunaSourceConfig.COLLECTIONS_REFRESH_INTERVAL_CONFIG;
import static dev.faunaconnect.config.FaunaSourceConfig.DATA_COLUMN_CONFIG;
import static dev.faunaconnect.config.FaunaSourceConfig.DELETES_COLUMN_CONFIG;
import static dev.faunaconnect.config.FaunaSourceConfig.DELETES_MODE_CONFIG;
import static dev.faunaconnect.config.FaunaSourceConfig.ENDPOINT_CONFIG;
import static dev.faunaconnect.config.FaunaSourceConfig.FULL_SYNC_INTERVAL_CONFIG;
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
  static final String RECORDS_GROUP = "Records";
  static final String SYNC_GROUP = "Snapshot and sync";
  static final String POLLING_GROUP = "Polling and retries";

  private FaunaSourceConfigDef() {}

  static ConfigDef build() {
    ConfigDef def = new ConfigDef();
    connection(def);
    collections(def);
    records(def);
    sync(def);
    polling(def);
    def.defineInternal(TASK_COLLECTIONS_CONFIG, Type.LIST, "", Validators.collectionNames(), Importance.LOW,
        "The collections this task owns; set by the connector.");
    return def;
  }

  private static void connection(ConfigDef def) {
    int order = 0;
    def.define(ENDPOINT_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Validators.endpoint(), Importance.HIGH,
        "URL of the Fauna HTTP API: scheme, host and port in one value, e.g. https://db.fauna.com or "
            + "http://localhost:8443.", CONNECTION_GROUP, ++order, Width.LONG, "Fauna endpoint");
    def.define(SECRET_CONFIG, Type.PASSWORD, ConfigDef.NO_DEFAULT_VALUE, Validators.nonEmptyPassword(),
        Importance.HIGH, "The secret of the Fauna key the connector uses. Create a read-only role and a key as the "
            + "docs show (CreateRole with read on Collections(), Indexes() and each collection and index, then "
            + "CreateKey). The secret is never logged or stored in records or offsets, and validation hides it; "
            + "but the worker's REST API returns connector and task configurations as given, so pass it through a "
            + "config provider, e.g. ${env:FAUNA_SECRET}.",
        CONNECTION_GROUP, ++order, Width.LONG, "Fauna secret");
    def.define(QUERY_TIMEOUT_CONFIG, Type.LONG, 60_000L, Range.atLeast(1), Importance.LOW,
        "How long Fauna may take to answer one query, in milliseconds (sent as X-Query-Timeout).",
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
    def.define(COLLECTIONS_REFRESH_INTERVAL_CONFIG, Type.LONG, 60_000L, Range.atLeast(100), Importance.LOW,
        "How often the list of collections is re-read when " + COLLECTIONS_CONFIG + " is empty, in milliseconds.",
        COLLECTIONS_GROUP, ++order, Width.SHORT, "Collections refresh interval (ms)");
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
    def.define(FULL_SYNC_INTERVAL_CONFIG, Type.LONG, 3_600_000L, Range.atLeast(1), Importance.LOW,
        "For a collection without a usable incremental index: a fresh full snapshot is taken every this many "
            + "milliseconds.", SYNC_GROUP, ++order, Width.SHORT, "Full sync interval (ms)");
  }

  private static void polling(ConfigDef def) {
    int order = 0;
    def.define(PAGE_SIZE_CONFIG, Type.INT, 1000, Range.between(1, 100_000), Importance.LOW,
        "Documents per Paginate() page in every query.", POLLING_GROUP, ++order, Width.SHORT, "Page size");
    def.define(POLL_INTERVAL_CONFIG, Type.LONG, 1_000L, Range.atLeast(1), Importance.LOW,
        "How often each collection is asked for changes and deletes once it is caught up, in milliseconds.",
        POLLING_GROUP, ++order, Width.SHORT, "Poll interval (ms)");
    def.define(RETRY_BACKOFF_INITIAL_CONFIG, Type.LONG, 200L, Range.atLeast(1), Importance.LOW,
        "The first wait before retrying a transient failure (throttling, 503, 409, time-outs, refused "
            + "connections), in milliseconds; it doubles on every attempt.",
        POLLING_GROUP, ++order, Width.SHORT, "Initial retry backoff (ms)");
    def.define(RETRY_BACKOFF_MAX_CONFIG, Type.LONG, 30_000L, Range.atLeast(1), Importance.LOW,
        "The longest wait between retries, in milliseconds.",
        POLLING_GROUP, ++order, Width.SHORT, "Maximum retry backoff (ms)");
    def.define(RETRY_MAX_ATTEMPTS_CONFIG, Type.INT, 10, Range.atLeast(-1), Importance.LOW,
        "How many times a transient failure is retried before the task fails; -1 retries forever.",
        POLLING_GROUP, ++order, Width.SHORT, "Maximum retry attempts");
  }
}
