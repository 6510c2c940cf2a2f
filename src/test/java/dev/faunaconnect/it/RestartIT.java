package dev.faunaconnect.it;

import static dev.faunaconnect.it.Expected.assertTopic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
}
