package dev.faunaconnect.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faunaconnect.config.ColumnSpec;
import dev.faunaconnect.config.ColumnType;
import dev.faunaconnect.config.DeletesMode;
import dev.faunaconnect.config.FaunaSourceConfig;
import dev.faunaconnect.testing.ConfigExamples;
import dev.faunaconnect.testing.PackagedPlugin;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.connect.runtime.SourceConnectorConfig;
import org.apache.kafka.connect.runtime.standalone.StandaloneConfig;
import org.junit.jupiter.api.Test;

/** Every example in config/ is valid for the connector's ConfigDef, Connect's own definitions and the column parser. */
class ConfigExamplesTest {
  private static final List<ColumnSpec> CUSTOMER_COLUMNS = List.of(
      new ColumnSpec("name", ColumnType.STRING, List.of("data", "name"), true),
      new ColumnSpec("city", ColumnType.STRING, List.of("data", "address", "city"), false),
      new ColumnSpec("signed_up", ColumnType.DATE, List.of("data", "signed_up"), false),
      new ColumnSpec("first_tag", ColumnType.STRING, List.of("data", "tags", 0L), false));
  private static final List<ColumnSpec> ORDER_COLUMNS = List.of(
      new ColumnSpec("customer_id", ColumnType.STRING, List.of("data", "customer", "id"), true),
      new ColumnSpec("customer", ColumnType.JSON, List.of("data", "customer"), false),
      new ColumnSpec("total", ColumnType.NUMBER, List.of("data", "total"), false),
      new ColumnSpec("items", ColumnType.INTEGER, List.of("data", "items"), false),
      new ColumnSpec("placed_at", ColumnType.TIMESTAMP, List.of("data", "placed_at"), false),
      new ColumnSpec("shipping_city", ColumnType.STRING, List.of("data", "shipping", "address", "city"), false));
  private static final String TOPIC_CREATION_DEFAULT = "topic.creation.default.";
  private static final Set<String> CONNECT_PREFIXES =
      Set.of("key.converter.", "value.converter.", "header.converter.", "transforms.", "predicates.", "errors.");

  @Test
  void propertiesExampleIsAValidConnectorConfig() {
    Map<String, String> props = ConfigExamples.properties(ConfigExamples.CONNECTOR_PROPERTIES);
    assertEquals(ConfigExamples.CONNECTOR_NAME, props.get("name"));
    FaunaSourceConfig config = assertValid(props);
    assertEquals(DeletesMode.COLUMN, config.deletesMode());
  }

  @Test
  void jsonExampleIsAValidConnectorConfig() {
    Map<String, String> props = ConfigExamples.connectorJson();
    assertEquals(null, props.get("name"), "the name is in the URL: PUT /connectors/fauna-source/config");
    Map<String, String> named = new HashMap<>(props);
    named.put("name", ConfigExamples.CONNECTOR_NAME);
    FaunaSourceConfig config = assertValid(named);
    assertEquals(DeletesMode.COLUMN_AND_TOMBSTONE, config.deletesMode());
  }

  @Test
  void tombstonesGoToCompactedTopicsAndTopicsAreCreatedWithTheBrokerDefaults() {
    Map<String, String> json = ConfigExamples.connectorJson();
    Map<String, String> props = ConfigExamples.properties(ConfigExamples.CONNECTOR_PROPERTIES);
    assertEquals("compact", json.get("topic.creation.default.cleanup.policy"), "column_and_tombstone: compacted");
    assertEquals(null, props.get("topic.creation.default.cleanup.policy"), "deletes.mode=column: no tombstones");
    for (Map<String, String> example : List.of(json, props)) {
      assertEquals("-1", example.get("topic.creation.default.replication.factor"));
      assertEquals("-1", example.get("topic.creation.default.partitions"));
    }
  }

  @Test
  void bothExamplesConfigureTheSameCollectionsAndColumns() {
    Map<String, String> json = ConfigExamples.connectorJson();
    Map<String, String> props = ConfigExamples.properties(ConfigExamples.CONNECTOR_PROPERTIES);
    for (String key : List.of("connector.class", "fauna.endpoint", "fauna.secret", "collections", "topic.prefix",
        "collection.customers.index", "collection.orders.index")) {
      assertEquals(props.get(key), json.get(key), key);
    }
  }

  @Test
  void standaloneWorkerExampleIsAValidWorkerConfig() {
    Map<String, String> props = ConfigExamples.properties(ConfigExamples.STANDALONE_WORKER);
    StandaloneConfig worker = new StandaloneConfig(props);
    assertEquals(List.of("localhost:9092"), worker.getList("bootstrap.servers"));
    assertEquals(PackagedPlugin.PACKAGES_DIR, props.get("plugin.path"),
        "plugin.path must be where mvn package puts the plugin folder");
    assertEquals(Map.of(), unknownKeys(props, worker.values().keySet()));
  }

  private static FaunaSourceConfig assertValid(Map<String, String> example) {
    assertEquals(PackagedPlugin.CONNECTOR_CLASS, example.get("connector.class"));
    assertEquals("${env:FAUNA_SECRET}", example.get("fauna.secret"), "examples never hold a literal secret");
    // the worker resolves the placeholder (config.providers=env) before the connector sees the configuration
    Map<String, String> props = new HashMap<>(example);
    props.put("fauna.secret", "fnAE-resolved-by-the-worker");
    assertEquals(Map.of(), errors(FaunaSourceConfig.CONFIG_DEF, props));
    assertEquals(Map.of(), errors(SourceConnectorConfig.configDef(), props));

    FaunaSourceConfig config = new FaunaSourceConfig(props);
    assertEquals(List.of("customers", "orders"), config.collections());
    assertEquals(CUSTOMER_COLUMNS, config.settingsFor("customers").columns());
    assertEquals(ORDER_COLUMNS, config.settingsFor("orders").columns());
    assertEquals(Optional.of("orders_by_ts"), config.settingsFor("orders").index());
    assertEquals("fauna.customers", config.settingsFor("customers").topic());
    assertTrue(config.deletesMode().tracksDeletes(), "the examples show deletes");

    assertEquals(Map.of(), errors(SourceConnectorConfig.embedDefaultGroup(SourceConnectorConfig.configDef()), props));
    assertTrue(SourceConnectorConfig.usesTopicCreation(props), "the examples let the worker create the topics");
    assertEquals(Set.of(), topicCreationKeysThatAreNoTopicConfig(props));

    Map<String, String> unknown = unknownKeys(props, FaunaSourceConfig.CONFIG_DEF.names());
    unknown.keySet().removeIf(k -> k.startsWith(TOPIC_CREATION_DEFAULT));
    unknown.keySet().removeIf(k -> SourceConnectorConfig.configDef().names().contains(k)
        || CONNECT_PREFIXES.stream().anyMatch(k::startsWith)
        || config.collections().stream().anyMatch(c -> Set.of(FaunaSourceConfig.indexKey(c),
            FaunaSourceConfig.columnsKey(c), FaunaSourceConfig.topicKey(c)).contains(k)));
    assertEquals(Map.of(), unknown, "keys that neither the connector nor Connect knows (typos?)");
    return config;
  }

  /** The topic settings under {@code topic.creation.default.} besides its own keys must be topic configs. */
  private static Set<String> topicCreationKeysThatAreNoTopicConfig(Map<String, String> props) {
    Set<String> topicConfigs = new TreeSet<>();
    for (java.lang.reflect.Field field : TopicConfig.class.getFields()) {
      if (field.getName().endsWith("_CONFIG")) {
        try {
          topicConfigs.add((String) field.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    topicConfigs.addAll(Set.of("replication.factor", "partitions", "include", "exclude"));
    Set<String> others = new TreeSet<>();
    props.keySet().stream().filter(k -> k.startsWith(TOPIC_CREATION_DEFAULT))
        .map(k -> k.substring(TOPIC_CREATION_DEFAULT.length())).filter(k -> !topicConfigs.contains(k))
        .forEach(others::add);
    return others;
  }

  private static Map<String, List<String>> errors(ConfigDef def, Map<String, String> props) {
    Map<String, List<String>> errors = new TreeMap<>();
    for (ConfigValue value : def.validate(props)) {
      if (!value.errorMessages().isEmpty()) {
        errors.put(value.name(), value.errorMessages());
      }
    }
    return errors;
  }

  private static Map<String, String> unknownKeys(Map<String, String> props, Set<String> known) {
    Map<String, String> unknown = new TreeMap<>(props);
    unknown.keySet().removeAll(known);
    unknown.keySet().removeIf(k -> k.startsWith("config.providers.") || k.startsWith("key.converter.")
        || k.startsWith("value.converter."));
    return unknown;
  }
}
