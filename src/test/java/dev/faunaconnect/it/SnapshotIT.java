package dev.faunaconnect.it;

import static com.faunadb.client.query.Language.Delete;
import static com.faunadb.client.query.Language.Index;
import static dev.faunaconnect.it.Expected.assertTopic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faunaconnect.localfauna.FaultPlan.Fault;
import dev.faunaconnect.testing.LocalFaunaOnly;
import dev.faunaconnect.testing.UsesFaunaBackend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Snapshots and changes on a real Connect worker: several collections and tasks, writes during a snapshot. */
@UsesFaunaBackend
class SnapshotIT {
  private static ConnectHarness harness;

  @BeforeAll
  static void start() {
    harness = ConnectHarness.start("snapshot-it");
  }

  @AfterAll
  static void stop() {
    if (harness != null) {
      harness.close();
    }
  }

  private Written collection(String name, int docs) {
    harness.fauna.createCollection(name, 30L);
    harness.fauna.createTsIndex(name + "_by_ts", name);
    Written written = new Written(harness.fauna, name);
    Map<String, JsonNode> data = new LinkedHashMap<>();
    for (int i = 1; i <= docs; i++) {
      data.put(String.valueOf(i), Docs.sample(name + " " + i, i));
    }
    written.createAll(data);
    return written;
  }

  @Test
  void severalCollectionsOverSeveralTasksThenTheirChanges() throws Exception {
    Map<String, Written> collections = new LinkedHashMap<>();
    collections.put("authors", collection("authors", 5));
    collections.put("books", collection("books", 7));
    collections.put("reviews", collection("reviews", 3));
    harness.createTopics("multi.authors", "multi.books", "multi.reviews");
    harness.startConnector("multi", 2, harness.config("collections", "authors,books,reviews", "tasks.max", "2",
        "page.size", "3", "topic.prefix", "multi."));

    for (Map.Entry<String, Written> c : collections.entrySet()) {
      List<Expected> snapshot = c.getValue().live().stream().map(Expected::read).toList();
      assertTopic(snapshot, harness.awaitRecords("multi." + c.getKey(), snapshot.size()), c.getKey());
    }

    Written books = collections.get("books");
    List<Expected> expected = new ArrayList<>(books.live().stream().map(Expected::read).toList());
    expected.add(Expected.upsert(books.update("3", Docs.json("{'name': 'renamed'}"))));
    Map<String, JsonNode> batch = new LinkedHashMap<>();
    for (int i = 20; i < 30; i++) {
      batch.put(String.valueOf(i), Docs.sample("batch " + i, i));
    }
    books.createAll(batch).forEach(w -> expected.add(Expected.upsert(w)));
    expected.add(Expected.upsert(books.update("1", Docs.json("{'n': 100}"))));
    assertTopic(expected, harness.awaitRecords("multi.books", expected.size()), "books");
    harness.connect.deleteConnector("multi");
  }

  @Test
  @LocalFaunaOnly("slows every answer with the fault plan, so the writes land while the snapshot runs")
  void everyWriteMadeDuringTheSnapshotIsCaptured() throws Exception {
    Written events = collection("events", 30);
    List<Expected> expected = new ArrayList<>(events.live().stream().map(Expected::read).toList());
    harness.createTopics("during.events");
    // a fresh start first pages through the retained set events (the deletes before T), then the snapshot
    harness.fauna.faults().failNext(80, Fault.delay(Duration.ofMillis(150)));
    harness.startConnector("during", 1, harness.config("collections", "events", "page.size", "2",
        "topic.prefix", "during."));

    int readBeforeWrites = harness.awaitRecords("during.events", 2).size();
    expected.add(Expected.upsert(events.update("1", Docs.json("{'name': 'first, changed'}"))));
    expected.add(Expected.upsert(events.update("29", Docs.json("{'name': 'late, changed'}"))));
    expected.add(Expected.delete(events.delete("2")));
    expected.add(Expected.delete(events.delete("28")));
    expected.add(Expected.upsert(events.create("31", Docs.sample("new", 31))));
    expected.add(Expected.upsert(events.create("32", Docs.sample("newer", 32))));
    int readWhenWritten = harness.readAll("during.events").size();

    assertTopic(expected, harness.awaitRecords("during.events", expected.size()), "events");
    assertTrue(readBeforeWrites < 30 && readWhenWritten < 30, "the writes were made while the snapshot ran ("
        + readWhenWritten + " of 30 documents read by then)");
    harness.fauna.faults().clear();
    harness.connect.deleteConnector("during");
  }

  @Test
  @LocalFaunaOnly("advances the clock by an hour to reach the next full sync")
  void aCollectionWithoutAnIndexIsSyncedInFullEveryInterval() throws Exception {
    harness.fauna.createCollection("notes", 30L);
    Written notes = new Written(harness.fauna, "notes");
    notes.createAll(Map.of("1", Docs.sample("one", 1), "2", Docs.sample("two", 2), "3", Docs.sample("three", 3)));
    harness.createTopics("full.notes");
    harness.startConnector("full", 1, harness.config("collections", "notes", "topic.prefix", "full.",
        "full.sync.interval.ms", "3600000"));
    List<Expected> expected = new ArrayList<>(notes.live().stream().map(Expected::read).toList());
    assertTopic(expected, harness.awaitRecords("full.notes", 3), "notes");

    notes.update("2", Docs.json("{'name': 'two, changed'}"));
    notes.create("4", Docs.sample("four", 4));
    expected.add(Expected.delete(notes.delete("3")));
    assertTopic(expected, harness.awaitRecords("full.notes", 4), "notes");
    assertEquals(4, harness.readAll("full.notes").size(), "changes wait for the next full sync");

    harness.fauna.advanceClock(Duration.ofMinutes(61));
    notes.live().forEach(w -> expected.add(Expected.read(w)));
    assertTopic(expected, harness.awaitRecords("full.notes", expected.size()), "notes");
    harness.connect.deleteConnector("full");
  }

  @Test
  @LocalFaunaOnly("injects three 503 answers with the fault plan")
  void transientFailuresWhileStreamingAreRetriedWithNothingLostAndTheTaskRunning() throws Exception {
    Written items = collection("flaky", 3);
    harness.createTopics("flaky.flaky");
    harness.startConnector("flaky", 1, harness.config("collections", "flaky", "topic.prefix", "flaky.",
        "poll.interval.ms", "2000"));
    List<Expected> expected = new ArrayList<>(items.live().stream().map(Expected::read).toList());
    assertTopic(expected, harness.awaitRecords("flaky.flaky", 3), "flaky");

    expected.add(Expected.upsert(items.update("2", Docs.json("{'name': 'two, changed'}"))));
    expected.add(Expected.delete(items.delete("3")));
    expected.add(Expected.upsert(items.create("4", Docs.sample("four", 4))));
    // the connector rests between polls: its next reads of these writes meet three 503s in a row
    harness.fauna.faults().clear().failNext(3, Fault.status(503));
    assertTopic(expected, harness.awaitRecords("flaky.flaky", expected.size()), "flaky");
    assertEquals(3, harness.fauna.faults().injected());
    harness.connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("flaky", 1, "the task failed");
    harness.fauna.faults().clear();
    harness.connect.deleteConnector("flaky");
  }

  @Test
  void anIndexDroppedWhileStreamingFailsTheTaskSayingHowToRecreateIt() throws Exception {
    collection("dropped", 2);
    harness.createTopics("dropped.dropped");
    harness.startConnector("dropped", 1, harness.config("collections", "dropped", "topic.prefix", "dropped.",
        "collection.dropped.index", "dropped_by_ts"));
    harness.awaitRecords("dropped.dropped", 2);
    harness.fauna.query(Delete(Index("dropped_by_ts")));
    harness.connect.assertions().assertConnectorIsRunningAndTasksHaveFailed("dropped", 1, "the task did not fail");
    ConnectorStateInfo status = harness.connect.connectorStatus("dropped");
    String trace = status.tasks().get(0).trace();
    assertTrue(trace.contains("Index 'dropped_by_ts' does not exist") && trace.contains("CreateIndex({name: "
        + "\"dropped_by_ts\", source: Collection(\"dropped\"), terms: [], values: [{field: \"ts\"}, "
        + "{field: \"ref\"}]})"), trace);
    harness.connect.deleteConnector("dropped");
  }
}
