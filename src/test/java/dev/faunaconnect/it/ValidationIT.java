package dev.faunaconnect.it;

import static com.faunadb.client.query.Language.Arr;
import static com.faunadb.client.query.Language.Collection;
import static com.faunadb.client.query.Language.CreateIndex;
import static com.faunadb.client.query.Language.CreateRole;
import static com.faunadb.client.query.Language.Obj;
import static com.faunadb.client.query.Language.Value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each bad configuration gets an error from the worker's REST validation, on the field to change. */
class ValidationIT {
  private static ConnectHarness harness;
  private static String noIndexesSecret;

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
}
