package dev.faunaconnect.it;

import static com.faunadb.client.query.Language.Arr;
import static com.faunadb.client.query.Language.Collection;
import static com.faunadb.client.query.Language.Obj;
import static com.faunadb.client.query.Language.Ref;
import static com.faunadb.client.query.Language.Value;
import static dev.faunaconnect.it.Expected.assertTopic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.faunadb.client.query.Expr;
import dev.faunaconnect.testing.UsesFaunaBackend;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What records look like: deletes in each deletes.mode, additional columns of every type. */
@UsesFaunaBackend
class RecordsIT {
  private static ConnectHarness harness;

  @BeforeAll
  static void start() {
    harness = ConnectHarness.start("records-it");
  }

  @AfterAll
  static void stop() {
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  void deletesInEachMode() throws Exception {
    harness.fauna.createCollection("people", 30L);
    harness.fauna.createTsIndex("people_by_ts", "people");
    Written people = new Written(harness.fauna, "people");
    people.createAll(Map.of("1", Docs.sample("one", 1), "2", Docs.sample("two", 2), "3", Docs.sample("three", 3)));
    List<String> modes = List.of("ignore", "column", "tombstone", "column_and_tombstone");
    for (String mode : modes) {
      harness.createTopics(mode + ".people");
      harness.startConnector("deletes-" + mode, 1, harness.config("collections", "people", "deletes.mode", mode,
          "topic.prefix", mode + "."));
    }
    List<Written.Write> snapshot = people.live();
    for (String mode : modes) {
      harness.awaitRecords(mode + ".people", 3);
    }
    Written.Write deleted2 = people.delete("2");
    Written.Write updated3 = people.update("3", Docs.json("{'name': 'three, changed'}"));
    Written.Write deleted1 = people.delete("1");

    Map<String, List<Expected>> expected = new LinkedHashMap<>();
    for (String mode : modes) {
      List<Expected> records = new ArrayList<>(snapshot.stream().map(Expected::read).toList());
      for (Written.Write w : List.of(deleted2, updated3, deleted1)) {
        if (w.data() != null) {
          records.add(Expected.upsert(w));
          continue;
        }
        if (mode.startsWith("column")) {
          records.add(Expected.delete(w));
        }
        if (mode.endsWith("tombstone")) {
          records.add(Expected.tombstone(w));
        }
      }
      expected.put(mode, records);
    }
    for (String mode : modes) {
      List<TopicRecord> topic = harness.awaitRecords(mode + ".people", expected.get(mode).size());
      assertTopic(expected.get(mode), topic, "people");
      boolean column = mode.startsWith("column");
      topic.stream().filter(r -> !r.isTombstone())
          .forEach(r -> assertEquals(column, r.value().has("deleted_at"), mode + ": " + r.value()));
      harness.connect.deleteConnector("deletes-" + mode);
    }
  }

  @Test
  void additionalColumnsOfEveryTypeIncludingMissingAndMistypedValues() throws Exception {
    harness.fauna.createCollection("typed", 30L);
    harness.fauna.createTsIndex("typed_by_ts", "typed");
    Instant seen = Instant.parse("2024-05-01T10:15:30.123456Z");
    LocalDate born = LocalDate.of(1815, 12, 10);
    Map<String, Expr> docs = new LinkedHashMap<>();
    docs.put("1", Obj(Map.ofEntries(Map.entry("name", Value("Ada")), Map.entry("age", Value(36)),
        Map.entry("score", Value(9.5)), Map.entry("vip", Value(true)), Map.entry("seen", Value(seen)),
        Map.entry("seen_text", Value("2024-05-01T10:15:30Z")), Map.entry("born", Value(born)),
        Map.entry("address", Obj("city", Value("London"), "zip", Value("NW1"))),
        Map.entry("tags", Arr(Value("math"), Value("poetry"))), Map.entry("dotted.key", Value("dot")),
        Map.entry("friend", Ref(Collection("typed"), "2")))));
    docs.put("2", Obj());
    docs.put("3", Obj(Map.ofEntries(Map.entry("name", Value(5)), Map.entry("age", Value("36")),
        Map.entry("score", Value("high")), Map.entry("vip", Value("yes")), Map.entry("seen", Value(1714558530L)),
        Map.entry("seen_text", Value("not a time")), Map.entry("born", Value("1815-12-10")),
        Map.entry("address", Value("London")), Map.entry("tags", Value("math")),
        Map.entry("dotted.key", Value(3)), Map.entry("friend", Value("2")))));
    harness.fauna.createAll("typed", docs);
    harness.createTopics("typed.typed");
    harness.startConnector("typed", 1, harness.config("collections", "typed", "topic.prefix", "typed.",
        "collection.typed.columns", """
            [{"name": "name", "type": "string", "path": ["data", "name"], "required": false},
             {"name": "age", "type": "integer", "path": ["data", "age"], "required": false},
             {"name": "score", "type": "number", "path": ["data", "score"], "required": false},
             {"name": "vip", "type": "boolean", "path": ["data", "vip"], "required": false},
             {"name": "seen", "type": "timestamp", "path": ["data", "seen"], "required": false},
             {"name": "seen_text", "type": "timestamp", "path": ["data", "seen_text"], "required": false},
             {"name": "born", "type": "date", "path": ["data", "born"], "required": false},
             {"name": "address", "type": "json", "path": ["data", "address"], "required": false},
             {"name": "first_tag", "type": "string", "path": ["data", "tags", 0], "required": false},
             {"name": "dotted", "type": "string", "path": ["data", "dotted.key"], "required": false},
             {"name": "friend_id", "type": "string", "path": ["data", "friend", "id"], "required": false},
             {"name": "friend", "type": "json", "path": ["data", "friend"], "required": false}]"""));

    List<TopicRecord> records = harness.awaitRecords("typed.typed", 3);
    assertEquals(List.of("1", "2", "3"), records.stream().map(TopicRecord::ref).toList());
    assertColumns(records.get(0), Docs.json("{'name': 'Ada', 'age': 36, 'score': 9.5, 'vip': true, "
        + "'seen': " + seen.toEpochMilli() + ", 'seen_text': " + Instant.parse("2024-05-01T10:15:30Z").toEpochMilli()
        + ", 'born': " + born.toEpochDay() + ", "
        + "'first_tag': 'math', 'dotted': 'dot', 'friend_id': '2'}"),
        Map.of("address", Docs.json("{'city': 'London', 'zip': 'NW1'}"),
            "friend", Docs.json("{'id': '2', 'collection': 'typed', 'type': 'document'}")));
    assertColumns(records.get(1), Docs.json("{}"), Map.of());
    // a string column holds any other value as its JSON text: the number 5 is "5" (issue 11's decision)
    assertColumns(records.get(2), Docs.json("{'name': '5', 'dotted': '3'}"),
        Map.of("address", Docs.json("'London'".replace('\'', '"')), "friend", Docs.json("\"2\"")));
    harness.connect.deleteConnector("typed");
  }

  @Test
  void aRequiredColumnMissingFromADocumentFailsTheTaskSayingWhere() throws Exception {
    harness.fauna.createCollection("strict", 30L);
    harness.fauna.createTsIndex("strict_by_ts", "strict");
    harness.fauna.createAll("strict", Map.of("1", Obj("email", Value("a@example.com")), "2", Obj("name",
        Value("no email"))));
    harness.connect.configureConnector("strict", harness.config("collections", "strict", "topic.prefix", "strict.",
        "collection.strict.columns", "[{\"name\": \"email\", \"type\": \"string\", \"path\": [\"data\", \"email\"], "
            + "\"required\": true}]"));
    harness.connect.assertions().assertConnectorIsRunningAndTasksHaveFailed("strict", 1, "the task did not fail");
    ConnectorStateInfo status = harness.connect.connectorStatus("strict");
    String trace = status.tasks().get(0).trace();
    assertTrue(trace.contains("The path [\"data\",\"email\"] does not exist in document Ref(2, collection=strict)"),
        trace);
    harness.connect.deleteConnector("strict");
  }

  /** The additional columns of a record: {@code plain} ones equal as JSON, {@code json} ones parsed first. */
  private static void assertColumns(TopicRecord record, JsonNode plain, Map<String, JsonNode> json) {
    List<String> columns = List.of("name", "age", "score", "vip", "seen", "seen_text", "born", "address",
        "first_tag", "dotted", "friend_id", "friend");
    for (String column : columns) {
      JsonNode actual = record.value().get(column);
      assertTrue(record.value().has(column), column + " in " + record.value());
      if (json.containsKey(column)) {
        assertEquals(json.get(column), TopicRecord.parse(actual.asText()), column + " of " + record.ref());
      } else if (plain.has(column)) {
        assertEquals(plain.get(column), actual, column + " of " + record.ref());
      } else {
        assertTrue(actual.isNull(), column + " of " + record.ref() + " should be null: " + actual);
      }
    }
    assertFalse(record.value().get("data").isNull());
  }
}
