package dev.faunaconnect.it;

import static com.faunadb.client.query.Language.Arr;
import static com.faunadb.client.query.Language.Collection;
import static com.faunadb.client.query.Language.CreateIndex;
import static com.faunadb.client.query.Language.Collections;
import static com.faunadb.client.query.Language.CreateRole;
import static com.faunadb.client.query.Language.Index;
import static com.faunadb.client.query.Language.Indexes;
import static com.faunadb.client.query.Language.Obj;
import static com.faunadb.client.query.Language.Value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.faunadb.client.query.Expr;
import dev.faunaconnect.testing.LogCapture;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each bad configuration gets an error from the worker's REST validation, on the field to change. */
class ValidationIT {
  private static ConnectHarness harness;
  private static String noIndexesSecret;
  private static String readerSecret;

  @BeforeAll
  static void start() {
    harness = ConnectHarness.start("validation-it");
    harness.fauna.createCollection("valid", 30L);
    harness.fauna.createCollection("other", 30L);
    harness.fauna.createTsIndex("valid_by_ts", "valid");
    harness.fauna.createTsIndex("other_by_ts", "other");
    harness.fauna.query(CreateIndex(Obj("name", Value("with_terms"), "source", Collection("valid"),
        "terms", Arr(Obj("field", Arr(Value("data"), Value("x")))),
        "values", Arr(Obj("field", Value("ts")), Obj("field", Value("ref"))))));
    harness.fauna.query(CreateIndex(Obj("name", Value("wrong_values"), "source", Collection("valid"),
        "values", Arr(Obj("field", Value("ref")), Obj("field", Value("ts"))))));
    harness.fauna.query(CreateRole(Obj("name", Value("no-indexes"), "privileges",
        Arr(Obj("resource", Collection("valid"), "actions", Obj("read", Value(true)))))));
    noIndexesSecret = harness.fauna.createKey("no-indexes");
    harness.fauna.query(CreateRole(Obj("name", Value("reader"), "privileges", Arr(read(Collections()),
        read(Indexes()), read(Collection("valid")), read(Index("valid_by_ts")), read(Collection("other")),
        read(Index("other_by_ts"))))));
    readerSecret = harness.fauna.createKey("reader");
  }

  private static Expr read(Expr resource) {
    return Obj("resource", resource, "actions", Obj("read", Value(true)));
  }

  @AfterAll
  static void stop() {
    if (harness != null) {
      harness.close();
    }
  }

  /** The errors of a configuration: the valid one with {@code changes} (a null value removes the key). */
  private static Map<String, List<String>> errors(String... changes) {
    Map<String, String> config = new HashMap<>(harness.config("name", "validated", "collections", "valid"));
    for (int i = 0; i < changes.length; i += 2) {
      if (changes[i + 1] == null) {
        config.remove(changes[i]);
      } else {
        config.put(changes[i], changes[i + 1]);
      }
    }
    ConfigInfos infos = harness.connect.validateConnectorConfig("FaunaSourceConnector", config);
    Map<String, List<String>> errors = new LinkedHashMap<>();
    for (ConfigInfo info : infos.configs()) {
      if (!info.configValue().errors().isEmpty()) {
        errors.put(info.configValue().name(), info.configValue().errors());
      }
    }
    assertEquals(errors.values().stream().mapToInt(List::size).sum(), infos.errorCount(), "error count");
    return errors;
  }

  private static void assertOnlyError(Map<String, List<String>> errors, String field, String says) {
    assertEquals(List.of(field), new ArrayList<>(errors.keySet()), "fields with errors: " + errors);
    assertTrue(errors.get(field).stream().anyMatch(e -> e.contains(says)), field + ": " + errors.get(field));
  }

  @Test
  void aValidConfigurationHasNoErrors() {
    assertEquals(Map.of(), errors());
    assertEquals(Map.of(), errors("collections", "", "collection.valid.columns",
        "[{\"name\": \"x\", \"type\": \"string\", \"path\": [\"data\", \"x\"], \"required\": false}]"));
  }

  @Test
  void connectionProblems() {
    assertTrue(errors("fauna.endpoint", null).get("fauna.endpoint").get(0).contains("Missing required configuration"));
    assertTrue(errors("fauna.secret", null).get("fauna.secret").get(0).contains("Missing required configuration"));
    assertOnlyError(errors("fauna.endpoint", "http://127.0.0.1:1"), "fauna.endpoint", "Cannot reach Fauna at");
    assertOnlyError(errors("fauna.secret", "not-a-secret"), "fauna.secret", "401 Unauthorized");
    assertOnlyError(errors("fauna.secret", noIndexesSecret), "fauna.secret", "The key may not list indexes");
  }

  @Test
  void collectionAndIndexProblems() {
    assertOnlyError(errors("collections", "valid,missing"), "collections", "Collection 'missing' does not exist");
    assertOnlyError(errors("collection.valid.index", "nope"), "collection.valid.index",
        "Index 'nope' does not exist");
    assertOnlyError(errors("collection.valid.index", "other_by_ts"), "collection.valid.index",
        "should have source 'valid', but it has source 'other'");
    assertOnlyError(errors("collection.valid.index", "with_terms"), "collection.valid.index",
        "should have no terms");
    assertOnlyError(errors("collection.valid.index", "wrong_values"), "collection.valid.index",
        "should have values [{\"field\":\"ts\"},{\"field\":\"ref\"}]");
  }

  @Test
  void columnProblems() {
    String columns = "collection.valid.columns";
    for (String reserved : List.of("ref", "ts", "data", "deleted_at")) {
      assertOnlyError(errors(columns, "[{\"name\": \"" + reserved + "\", \"type\": \"string\", \"path\": [\"data\"]}]"),
          columns, "Additional column cannot have reserved name '" + reserved + "'");
    }
    assertOnlyError(errors(columns, "[{\"name\": \"a\", \"type\": \"string\", \"path\": [\"data\", \"a\"]}, "
        + "{\"name\": \"a\", \"type\": \"integer\", \"path\": [\"data\", \"b\"]}]"), columns,
        "Additional column cannot have duplicate name 'a'");
    assertOnlyError(errors(columns, "[{\"name\": \"a\", "), columns, "Not valid JSON");
    assertOnlyError(errors(columns, "[{\"name\": \"a\", \"type\": \"uuid\", \"path\": [\"data\", \"a\"]}]"), columns,
        "has type 'uuid'");
  }

  /** The bad inputs issue 11 fixed, through the worker's REST validation, with a read-only key of its own. */
  @Test
  void theInputsThatUsedToFailOrLeakAreReportedOnTheSettingToChange() {
    String dash = "fnAE\u2013pasted-secret-with-an-en-dash";
    assertOnlyError(errors("fauna.secret", readerSecret, "fauna.query.timeout.ms", "600001"), "fauna.query.timeout.ms",
        "Value must be no more than 600000");
    assertOnlyError(errors("fauna.secret", readerSecret, "retry.backoff.initial.ms", "5000", "retry.backoff.max.ms",
        "1000"), "retry.backoff.initial.ms", "is larger than retry.backoff.max.ms (1000)");
    assertOnlyError(errors("fauna.secret", readerSecret, "poll.interval.ms", "1"), "poll.interval.ms",
        "Value must be at least 50");
    assertOnlyError(errors("fauna.secret", readerSecret, "full.sync.interval.ms", String.valueOf(Long.MAX_VALUE)),
        "full.sync.interval.ms", "Value must be no more than 31536000000");
    assertOnlyError(errors("fauna.secret", readerSecret, "collection.valid.columns", "[{\"name\": \"a\""),
        "collection.valid.columns", "Not valid JSON (Unexpected end-of-input: expected close marker for Object "
            + "(start marker at line 1, column 2)");
    assertOnlyError(errors("fauna.secret", "${env:FAUNA_SECRET}"), "fauna.secret",
        "fauna.secret is the config-provider placeholder ${env:FAUNA_SECRET}, which the worker did not resolve");
    Map<String, String> withNull = new HashMap<>(harness.config("name", "validated", "collections", "valid",
        "fauna.secret", readerSecret));
    withNull.put("collection.valid.index", null);
    // the worker answers (no 500); Kafka 4.3 itself refuses null values, on the key, before the connector sees them
    ConfigInfos nullInfos = harness.connect.validateConnectorConfig("FaunaSourceConnector", withNull);
    assertEquals(1, nullInfos.errorCount(), nullInfos.toString());
    assertTrue(nullInfos.configs().stream().anyMatch(info -> info.configValue().name().equals("collection.valid.index")
        && info.configValue().errors().equals(List.of("Null value can not be supplied as the configuration value."))),
        nullInfos.toString());
    try (LogCapture log = LogCapture.open()) {
      Map<String, List<String>> errors = errors("fauna.secret", dash);
      assertOnlyError(errors, "fauna.secret", "fauna.secret has the character U+2013 (EN DASH) at character 5");
      assertFalse(errors.toString().contains("pasted-secret"), errors.toString());
      // the test's own REST client (EmbeddedConnect) logs the request body at DEBUG: not the worker, not the plugin
      assertEquals(List.of(), log.lines().stream().filter(line -> line.contains("pasted-secret"))
          .filter(line -> !line.contains(" org.apache.kafka.connect.util.clusters."))
          .map(line -> line.substring(0, Math.min(line.length(), 160))).toList(), "the worker's log shows the secret");
    }
  }

  @Test
  void restShowsPerCollectionValuesAndTemplatesButNotTheInternalTaskKey() {
    Map<String, String> config = new HashMap<>(harness.config("name", "shown", "collections", "valid",
        "fauna.secret", readerSecret, "collection.valid.index", "valid_by_ts"));
    ConfigInfos infos = harness.connect.validateConnectorConfig("FaunaSourceConnector", config);
    Map<String, ConfigInfo> byName = new HashMap<>();
    infos.configs().forEach(info -> byName.put(info.configValue().name(), info));
    assertFalse(byName.containsKey("task.collections"), "internal key shown: " + byName.keySet());
    assertEquals("valid_by_ts", byName.get("collection.valid.index").configValue().value());
    assertTrue(byName.get("collection.<name>.index").configKey().documentation().contains("collection.orders.index"));
    assertEquals(0, infos.errorCount(), infos.toString());
    assertFalse(infos.toString().contains(readerSecret), "the REST answer shows the secret");
  }

  /** A collection created while the connector runs, whose name is no topic name: the task says what to set. */
  @Test
  void aDiscoveredCollectionWhoseTopicKafkaRefusesFailsTheTaskNamingTheSetting() throws Exception {
    harness.startConnector("discovering", 1, harness.config("fauna.secret", readerSecret,
        "collections.refresh.interval.ms", "200"));
    harness.fauna.createCollection("orders$2024", 30L);
    harness.connect.assertions().assertConnectorIsRunningAndTasksHaveFailed("discovering", 1,
        "the task did not fail");
    ConnectorStateInfo status = harness.connect.connectorStatus("discovering");
    String trace = status.tasks().get(0).trace();
    assertTrue(trace.contains("collection.orders$2024.topic: Collection 'orders$2024' goes to topic "
        + "'fauna.orders$2024' (topic.prefix + name), which Kafka refuses. A topic name may only contain ASCII "
        + "letters, digits, '.', '_' and '-', not '$'. Set collection.orders$2024.topic to a legal topic name, e.g. "
        + "collection.orders$2024.topic=fauna.orders_2024."), trace);
    assertFalse(trace.contains(readerSecret));
    harness.connect.deleteConnector("discovering");
    harness.fauna.query(com.faunadb.client.query.Language.Delete(Collection("orders$2024")));
  }
}
