package dev.faunaconnect.it;

import static dev.faunaconnect.it.Expected.assertTopic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faunaconnect.localfauna.FaultPlan.Fault;
import java.nio.charset.StandardCharsets;
import dev.faunaconnect.testing.LocalFaunaOnly;
import dev.faunaconnect.testing.UsesFaunaBackend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.runtime.rest.errors.ConnectRestException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Stopping and resuming the connector mid-snapshot and mid-changes loses nothing and repeats nothing, on a worker
 * with exactly-once source support (records and offsets commit in one transaction).
 */
@UsesFaunaBackend
class RestartIT {
  private static final Fault SLOW = Fault.delay(Duration.ofMillis(150));
  private static ConnectHarness harness;

  @BeforeAll
  static void start() {
    harness = ConnectHarness.start("restart-it", Map.of("exactly.once.source.support", "enabled"));
  }

  @AfterAll
  static void stop() {
    if (harness != null) {
      harness.close();
    }
  }

  private static Map<String, JsonNode> docs(int from, int to) {
    Map<String, JsonNode> docs = new LinkedHashMap<>();
    for (int i = from; i <= to; i++) {
      docs.put(String.valueOf(i), Docs.sample("order " + i, i));
    }
    return docs;
  }

  private static Map<String, ?> storedOffset(String connector) {
    return harness.connect.connectorOffsets(connector).offsets().get(0).offset();
  }

  private static void stopConnector(String connector) throws InterruptedException {
    harness.connect.stopConnector(connector);
    harness.connect.assertions().assertConnectorIsStopped(connector, "the connector did not stop");
  }

  @Test
  @LocalFaunaOnly("slows every answer with the fault plan, so the connector can be stopped mid-snapshot")
  void restartsMidSnapshotAndMidChangesLoseAndRepeatNothing() throws Exception {
    harness.fauna.createCollection("orders", 30L);
    harness.fauna.createTsIndex("orders_by_ts", "orders");
    Written orders = new Written(harness.fauna, "orders");
    orders.createAll(docs(1, 30));
    List<Expected> expected = new ArrayList<>(orders.live().stream().map(Expected::read).toList());
    harness.createTopics("restart.orders");
    harness.fauna.faults().failFraction(1.0, SLOW, 1);
    harness.startConnector("restart", 1, harness.config("collections", "orders", "page.size", "2",
        "topic.prefix", "restart.", "exactly.once.support", "required"));

    harness.awaitRecords("restart.orders", 6);
    stopConnector("restart");
    Map<String, ?> midSnapshot = storedOffset("restart");
    assertEquals("snapshot", midSnapshot.get("phase"));
    int readBeforeStop = harness.readAll("restart.orders").size();
    assertTrue(readBeforeStop < 30, "stopped mid-snapshot, after " + readBeforeStop + " documents");
    assertEquals(expected.get(readBeforeStop - 1).ref(), midSnapshot.get("snapshot_ref"));
    harness.connect.resumeConnector("restart");
    assertTopic(expected, harness.awaitRecords("restart.orders", 30), "orders");

    orders.createAll(docs(31, 50)).forEach(w -> expected.add(Expected.upsert(w)));
    expected.add(Expected.upsert(orders.update("7", Docs.json("{'name': 'seven, changed'}"))));
    expected.add(Expected.delete(orders.delete("8")));
    expected.add(Expected.upsert(orders.update("20", Docs.json("{'name': 'twenty, changed'}"))));
    harness.awaitRecords("restart.orders", 34);
    stopConnector("restart");
    Map<String, ?> midChanges = storedOffset("restart");
    assertEquals("streaming", midChanges.get("phase"));
    int beforeStop = harness.readAll("restart.orders").size();
    assertTrue(beforeStop < expected.size(), "stopped mid-changes, after " + beforeStop + " records");
    harness.connect.resumeConnector("restart");
    assertTopic(expected, harness.awaitRecords("restart.orders", expected.size()), "orders");
    harness.fauna.faults().clear();
    harness.connect.deleteConnector("restart");
  }

  @Test
  void offsetsCanBeRewoundButOnlyToShapesTheConnectorWrites() throws Exception {
    harness.fauna.createCollection("ledger", 30L);
    harness.fauna.createTsIndex("ledger_by_ts", "ledger");
    Written ledger = new Written(harness.fauna, "ledger");
    ledger.createAll(docs(1, 3));
    harness.createTopics("rewind.ledger");
    harness.startConnector("rewind", 1, harness.config("collections", "ledger", "topic.prefix", "rewind."));
    List<Expected> expected = new ArrayList<>(ledger.live().stream().map(Expected::read).toList());
    harness.awaitRecords("rewind.ledger", 3);
    Written.Write first = ledger.update("2", Docs.json("{'name': 'two, changed'}"));
    Written.Write second = ledger.update("3", Docs.json("{'name': 'three, changed'}"));
    expected.add(Expected.upsert(first));
    expected.add(Expected.upsert(second));
    harness.awaitRecords("rewind.ledger", 5);
    stopConnector("rewind");

    Map<String, Object> rewound = new LinkedHashMap<>(storedOffset("rewind"));
    rewound.put("change_ts", first.ts());
    rewound.put("change_ref", first.ref());
    Map<String, String> partition = Map.of("collection", "ledger");
    Map<String, Object> unknownKey = new LinkedHashMap<>(rewound);
    unknownKey.put("cursor", "x");
    assertThrows(ConnectRestException.class,
        () -> harness.connect.alterSourceConnectorOffset("rewind", partition, unknownKey));
    assertThrows(ConnectRestException.class,
        () -> harness.connect.alterSourceConnectorOffset("rewind", Map.of("table", "ledger"), rewound));
    harness.connect.alterSourceConnectorOffset("rewind", partition, rewound);
    harness.connect.resumeConnector("rewind");
    expected.add(Expected.upsert(second));
    assertTopic(expected, harness.awaitRecords("rewind.ledger", 6), "ledger");
    harness.connect.deleteConnector("rewind");
  }

  /** Stopped for longer than the history window (16 minutes on the local server's clock), then resumed. */
  @Test
  void resumingSixteenMinutesLaterRepeatsNothingAndMissesNothing() throws Exception {
    harness.fauna.createCollection("ledger16", 1L);
    harness.fauna.createTsIndex("ledger16_by_ts", "ledger16");
    Written ledger = new Written(harness.fauna, "ledger16");
    ledger.createAll(docs(1, 6));
    List<Expected> expected = new ArrayList<>(ledger.live().stream().map(Expected::read).toList());
    harness.createTopics("later.ledger16");
    Map<String, String> config = harness.config("collections", "ledger16", "page.size", "2", "topic.prefix",
        "later.", "exactly.once.support", "required", "heartbeat.interval.ms", "200");
    harness.startConnector("later", 1, config);
    assertTopic(expected, harness.awaitRecords("later.ledger16", 6), "ledger16");
    ConnectHarness.await(() -> "streaming".equals(phase("later", "ledger16")),
        "the end of the snapshot stored with its last record");

    // stopped right after a snapshot that no change followed
    stopConnector("later");
    harness.fauna.fauna().advanceClock(Duration.ofMinutes(16));
    expected.add(Expected.upsert(ledger.update("2", Docs.json("{'name': 'two, later'}"))));
    expected.add(Expected.delete(ledger.delete("3")));
    expected.add(Expected.upsert(ledger.create("7", Docs.sample("order 7", 7))));
    harness.connect.resumeConnector("later");
    assertTopic(expected, harness.awaitRecords("later.ledger16", expected.size()), "ledger16");

    // stopped while idle, long after its last record: the heartbeats kept its stored position fresh
    Map<String, ?> beforeIdle = harness.storedOffset("later", "ledger16");
    harness.fauna.fauna().advanceClock(Duration.ofMinutes(10));
    ConnectHarness.await(() -> removeTs(harness.storedOffset("later", "ledger16"))
        > removeTs(beforeIdle) + 9 * 60_000_000L, "the idle collection's stored offset advances");
    stopConnector("later");
    harness.fauna.fauna().advanceClock(Duration.ofMinutes(16));
    expected.add(Expected.delete(ledger.delete("4")));
    harness.connect.resumeConnector("later");
    assertTopic(expected, harness.awaitRecords("later.ledger16", expected.size()), "ledger16");
    Thread.sleep(2000);
    assertTopic(expected, harness.readAll("later.ledger16"), "ledger16");
    harness.connect.deleteConnector("later");
  }

  @Test
  void anIdleCollectionsStoredOffsetAdvancesWithHeartbeats() throws Exception {
    harness.fauna.createCollection("idle", 0L);
    harness.fauna.createTsIndex("idle_by_ts", "idle");
    Written idle = new Written(harness.fauna, "idle");
    idle.createAll(docs(1, 2));
    harness.createTopics("beat.idle");
    harness.startConnector("beat", 1, harness.config("collections", "idle", "topic.prefix", "beat.",
        "exactly.once.support", "required", "heartbeat.interval.ms", "200"));
    harness.awaitRecords("beat.idle", 2);
    ConnectHarness.await(() -> harness.storedOffset("beat", "idle") != null, "an offset stored");
    long first = removeTs(harness.storedOffset("beat", "idle"));
    harness.fauna.fauna().advanceClock(Duration.ofMinutes(1));
    ConnectHarness.await(() -> removeTs(harness.storedOffset("beat", "idle")) > first + 60_000_000L,
        "the stored offset advances while nothing is written");
    assertEquals(2, harness.readAll("beat.idle").size(), "no record in the collection's topic");
    List<JsonNode> beats = heartbeats("idle");
    assertTrue(!beats.isEmpty(), "heartbeat records in " + ConnectHarness.HEARTBEAT_TOPIC);
    JsonNode last = beats.get(beats.size() - 1);
    assertEquals("streaming", last.get("phase").asText());
    assertTrue(last.get("ts").asLong() > first, last.toString());
    harness.connect.deleteConnector("beat");
  }

  private static String phase(String connector, String collection) {
    Map<String, ?> offset = harness.storedOffset(connector, collection);
    return offset == null ? null : String.valueOf(offset.get("phase"));
  }

  private static long removeTs(Map<String, ?> offset) {
    return offset == null ? Long.MIN_VALUE : ((Number) offset.get("remove_ts")).longValue();
  }

  /** The values of the committed heartbeat records of a collection, in order. */
  private static List<JsonNode> heartbeats(String collection) throws Exception {
    List<JsonNode> values = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : harness.connect.kafka().consumeAll(ConnectHarness.WAIT.toMillis(),
        Map.of("isolation.level", "read_committed"), null, ConnectHarness.HEARTBEAT_TOPIC)) {
      JsonNode key = TopicRecord.parse(new String(r.key(), StandardCharsets.UTF_8));
      if (collection.equals(key.get("collection").asText())) {
        values.add(TopicRecord.parse(new String(r.value(), StandardCharsets.UTF_8)));
      }
    }
    return values;
  }
}
