package dev.faunaconnect.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

class FaunaSourceConfigTest {
  private static final String SECRET = "fnAE_very-secret-value";

  @Test
  void defaults() {
    FaunaSourceConfig config = config(Map.of());
    assertEquals("http://localhost:8443", config.endpoint());
    assertEquals(SECRET, config.secret().value());
    assertEquals(Duration.ofSeconds(60), config.queryTimeout());
    assertEquals(List.of(), config.collections());
    assertEquals(Duration.ofMinutes(1), config.collectionsRefreshInterval());
    assertEquals("fauna.", config.topicPrefix());
    assertTrue(config.dataColumn());
    assertEquals(DeletesMode.COLUMN, config.deletesMode());
    assertEquals("deleted_at", config.deletesColumn());
    assertEquals(SnapshotMode.INITIAL, config.snapshotMode());
    assertEquals(Duration.ofHours(1), config.fullSyncInterval());
    assertEquals(1000, config.pageSize());
    assertEquals(Duration.ofSeconds(1), config.pollInterval());
    assertEquals(Duration.ofMillis(200), config.retryBackoffInitial());
    assertEquals(Duration.ofSeconds(30), config.retryBackoffMax());
    assertEquals(10, config.retryMaxAttempts());
    assertEquals(List.of(), config.taskCollections());
    assertEquals(Set.of(), config.collectionsWithSettings());
    assertEquals(new CollectionSettings("orders", Optional.empty(), List.of(), "fauna.orders"),
        config.settingsFor("orders"));
  }

  @Test
  void everyKeySet() {
    FaunaSourceConfig config = config(Map.ofEntries(
        Map.entry("fauna.query.timeout.ms", "5000"),
        Map.entry("collections", " customers , orders"),
        Map.entry("collections.refresh.interval.ms", "250"),
        Map.entry("topic.prefix", "cdc."),
        Map.entry("data.column", "false"),
        Map.entry("deletes.mode", "Column_And_Tombstone"),
        Map.entry("deletes.column", "removed_at"),
        Map.entry("snapshot.mode", "NEVER"),
        Map.entry("full.sync.interval.ms", "1000"),
        Map.entry("page.size", "500"),
        Map.entry("poll.interval.ms", "50"),
        Map.entry("retry.backoff.initial.ms", "10"),
        Map.entry("retry.backoff.max.ms", "100"),
        Map.entry("retry.max.attempts", "-1"),
        Map.entry("task.collections", "orders")));
    assertEquals(Duration.ofSeconds(5), config.queryTimeout());
    assertEquals(List.of("customers", "orders"), config.collections());
    assertEquals(Duration.ofMillis(250), config.collectionsRefreshInterval());
    assertEquals("cdc.", config.topicPrefix());
    assertFalse(config.dataColumn());
    assertEquals(DeletesMode.COLUMN_AND_TOMBSTONE, config.deletesMode());
    assertEquals("removed_at", config.deletesColumn());
    assertEquals(SnapshotMode.NEVER, config.snapshotMode());
    assertEquals(Duration.ofSeconds(1), config.fullSyncInterval());
    assertEquals(500, config.pageSize());
    assertEquals(Duration.ofMillis(50), config.pollInterval());
    assertEquals(Duration.ofMillis(10), config.retryBackoffInitial());
    assertEquals(Duration.ofMillis(100), config.retryBackoffMax());
    assertEquals(-1, config.retryMaxAttempts());
    assertEquals(List.of("orders"), config.taskCollections());
    assertEquals(Set.of("ref", "ts", "data", "removed_at"), config.reservedColumnNames());
  }

  @Test
  void perCollectionSettingsAreParsedAndNamesMayContainDots() {
    FaunaSourceConfig config = config(Map.of(
        "collection.orders.index", " orders_by_ts ",
        "collection.orders.columns", "[{\"name\":\"city\",\"type\":\"STRING\",\"path\":[\"data\",\"a.b\",0]}]",
        "collection.orders.topic", "orders-topic",
        "collection.app.logs.index", "logs_ts",
        "collection.empty.index", ""));
    assertEquals(new CollectionSettings("orders", Optional.of("orders_by_ts"),
        List.of(new ColumnSpec("city", ColumnType.STRING, List.of("data", "a.b", 0L), false)), "orders-topic"),
        config.settingsFor("orders"));
    assertEquals(new CollectionSettings("app.logs", Optional.of("logs_ts"), List.of(), "fauna.app.logs"),
        config.settingsFor("app.logs"));
    assertEquals(Optional.empty(), config.settingsFor("empty").index());
    assertEquals(Set.of("orders", "app.logs", "empty"), config.collectionsWithSettings());
    assertEquals("collection.app.logs.columns", FaunaSourceConfig.columnsKey("app.logs"));
    assertEquals(Optional.of("app.logs"), FaunaSourceConfig.collectionOf("collection.app.logs.topic"));
  }

  @Test
  void deletesColumnIsReservedOnlyWhenDeletesAreRecordedAsAColumn() {
    String columns = "[{\"name\":\"deleted_at\",\"type\":\"timestamp\",\"path\":[\"data\",\"gone\"]}]";
    assertEquals("deleted_at", config(Map.of("deletes.mode", "tombstone", "collection.c.columns", columns))
        .settingsFor("c").columns().get(0).name());
    ConfigException e = assertThrows(ConfigException.class, () -> config(Map.of("collection.c.columns", columns)));
    assertEquals("collection.c.columns: Additional column cannot have reserved name 'deleted_at': ref, ts, data, "
        + "deleted_at are built-in columns. Rename the column.", e.getMessage());
  }

  @Test
  void requiredKeysAreReported() {
    assertTrue(assertThrows(ConfigException.class, () -> new FaunaSourceConfig(Map.of("fauna.secret", SECRET)))
        .getMessage().contains("\"fauna.endpoint\" which has no default value"));
    assertTrue(assertThrows(ConfigException.class,
        () -> new FaunaSourceConfig(Map.of("fauna.endpoint", "http://localhost:8443")))
        .getMessage().contains("\"fauna.secret\" which has no default value"));
  }

  @Test
  void badValuesSayWhatToWrite() {
    assertError(Map.of("fauna.endpoint", "localhost:8443"), "Invalid value localhost:8443 for configuration "
        + "fauna.endpoint: Write the URL of the Fauna HTTP API with scheme, host and port, e.g. https://db.fauna.com "
        + "or http://localhost:8443.");
    assertError(Map.of("fauna.endpoint", "ftp://db.fauna.com"), "Invalid value ftp://db.fauna.com for configuration "
        + "fauna.endpoint: Write the URL of the Fauna HTTP API with scheme, host and port, e.g. https://db.fauna.com "
        + "or http://localhost:8443.");
    assertError(Map.of("fauna.secret", "  "), "fauna.secret must not be empty: use the secret of a Fauna key "
        + "(CreateKey returns it once).");
    assertError(Map.of("deletes.mode", "soft"), "Invalid value soft for configuration deletes.mode: "
        + "Must be one of ignore, column, tombstone, column_and_tombstone.");
    assertError(Map.of("snapshot.mode", "always"), "Invalid value always for configuration snapshot.mode: "
        + "Must be one of initial, never.");
    assertError(Map.of("collections", "a,,b"), "Invalid value [a, , b] for configuration collections: "
        + "The list contains an empty collection name.");
    assertError(Map.of("collections", "a,b,a"), "Invalid value [a, b, a] for configuration collections: "
        + "Collection 'a' is listed twice.");
    assertError(Map.of("page.size", "0"), "Invalid value 0 for configuration page.size: "
        + "Value must be at least 1");
    assertError(Map.of("page.size", "100001"), "Invalid value 100001 for configuration page.size: "
        + "Value must be no more than 100000");
    assertError(Map.of("topic.prefix", "fauna/"), "Invalid value fauna/ for configuration topic.prefix: "
        + "A topic name may only contain ASCII letters, digits, '.', '_' and '-'.");
    assertError(Map.of("deletes.column", "ts"), "Invalid value ts for configuration deletes.column: "
        + "'ts' is a built-in column (ref, ts, data); choose another name, e.g. deleted_at.");
    assertError(Map.of("collection.orders.topic", "a topic"), "Invalid value a topic for configuration "
        + "collection.orders.topic: A topic name may only contain ASCII letters, digits, '.', '_' and '-'.");
    assertError(Map.of("collection.orders.colums", "[]"), "Unknown setting 'collection.orders.colums'. "
        + "Per-collection settings are collection.<name>.index, collection.<name>.columns and "
        + "collection.<name>.topic.");
    assertError(Map.of("retry.max.attempts", "-2"), "Invalid value -2 for configuration retry.max.attempts: "
        + "Value must be at least -1");
  }

  @Test
  void theSecretIsNeverPrinted() {
    FaunaSourceConfig config = config(Map.of());
    assertFalse(config.values().toString().contains(SECRET));
    assertFalse(config.secret().toString().contains(SECRET));
    ConfigException e = assertThrows(ConfigException.class, () -> config(Map.of("page.size", "x")));
    assertFalse(e.getMessage().contains(SECRET));
  }

  @Test
  void configDefDocumentsEveryKeyInAGroup() {
    ConfigDef def = FaunaSourceConfig.CONFIG_DEF;
    assertEquals(List.of("Connection", "Collections", "Records", "Snapshot and sync", "Polling and retries"),
        def.groups().stream().filter(g -> !g.isEmpty()).toList(), "the internal task key adds the group \"\"");
    def.configKeys().values().stream().filter(k -> !k.internalConfig).forEach(key -> {
      assertFalse(key.documentation == null || key.documentation.isBlank(), key.name);
      assertFalse(key.displayName == null || key.displayName.isBlank(), key.name);
      assertTrue(def.groups().contains(key.group), key.name);
    });
    assertEquals(ConfigDef.Type.PASSWORD, def.configKeys().get("fauna.secret").type);
    assertTrue(def.configKeys().get("task.collections").internalConfig);
    assertEquals(List.of("deletes.column"), def.configKeys().get("deletes.mode").dependents);
  }

  @Test
  void recommendersOfferEnumValuesAndHideTheDeletesColumnWhenUnused() {
    Map<String, String> props = props(Map.of("deletes.mode", "tombstone"));
    Map<String, ConfigValue> values = FaunaSourceConfig.CONFIG_DEF.validateAll(props);
    assertEquals(List.of("ignore", "column", "tombstone", "column_and_tombstone"),
        values.get("deletes.mode").recommendedValues());
    assertEquals(List.of("initial", "never"), values.get("snapshot.mode").recommendedValues());
    assertFalse(values.get("deletes.column").visible());
    assertTrue(FaunaSourceConfig.CONFIG_DEF.validateAll(props(Map.of())).get("deletes.column").visible());
  }

  private static void assertError(Map<String, String> extra, String message) {
    assertEquals(message, assertThrows(ConfigException.class, () -> config(extra)).getMessage());
  }

  static FaunaSourceConfig config(Map<String, String> extra) {
    return new FaunaSourceConfig(props(extra));
  }

  static Map<String, String> props(Map<String, String> extra) {
    Map<String, String> props = new HashMap<>(Map.of("fauna.endpoint", "http://localhost:8443",
        "fauna.secret", SECRET));
    props.putAll(extra);
    return props;
  }
}
