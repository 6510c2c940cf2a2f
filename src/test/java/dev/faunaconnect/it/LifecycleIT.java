package dev.faunaconnect.it;

import static dev.faunaconnect.it.Expected.assertTopic;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The lifecycle of discovered collections (issue 8): deleted, re-created, while the others go on. */
class LifecycleIT {
  private static ConnectHarness harness;

  @BeforeAll
  static void start() {
    harness = ConnectHarness.start("lifecycle-it");
  }

  @AfterAll
  static void stop() {
    if (harness != null) {
      harness.close();
    }
  }

  private Written collection(String name, boolean index, int docs) {
    harness.fauna.createCollection(name, 30L);
    if (index) {
      harness.fauna.createTsIndex(name + "_by_ts", name);
    }
    Written written = new Written(harness.fauna, name);
    for (int i = 1; i <= docs; i++) {
      written.create(String.valueOf(i), Docs.sample(name + " " + i, i));
    }
    return written;
  }

  /**
   * Collections with indexes: one deleted (Fauna deletes its index with it, so the index query fails first), and
   * one deleted and created again faster than the listings notice. The task goes on with the others.
   */
  @Test
  void deletedAndRecreatedCollectionsWithIndexesNeverStopTheOthers() throws Exception {
    Written keep = collection("keep", true, 2);
    collection("drop", true, 2);
    collection("churn", true, 2);
    harness.createTopics("life.keep", "life.drop", "life.churn");
    harness.startConnector("life", 1, harness.config("topic.prefix", "life.", "collections.refresh.interval.ms",
        "1500"));
    harness.awaitRecords("life.keep", 2);
    harness.awaitRecords("life.drop", 2);
    harness.awaitRecords("life.churn", 2);

    harness.fauna.query(com.faunadb.client.query.Language.Delete(
        com.faunadb.client.query.Language.Collection("drop")));
    harness.fauna.query(com.faunadb.client.query.Language.Delete(
        com.faunadb.client.query.Language.Collection("churn")));
    Written reborn = collection("churn", true, 0);
    reborn.create("9", Docs.sample("churn 9, reborn", 9));
    reborn.create("10", Docs.sample("churn 10, reborn", 10));

    List<TopicRecord> churned = harness.awaitRecords("life.churn", records -> records.stream()
        .filter(r -> !r.isTombstone() && (r.ref().equals("9") || r.ref().equals("10"))).count() == 2,
        "the re-created collection's documents");
    for (TopicRecord r : churned.subList(2, churned.size())) {
      assertEquals(reborn.current(r.ref()), r.data(), "data of " + r.summary());
    }
    List<Expected> expected = new ArrayList<>(keep.live().stream().map(Expected::read).toList());
    expected.add(Expected.upsert(keep.update("1", Docs.json("{'name': 'keep going'}"))));
    assertTopic(expected, harness.awaitRecords("life.keep", expected.size()), "keep");
    harness.connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("life", 1, "the task still runs");
    harness.connect.deleteConnector("life");
  }

  /**
   * Issue 9, at least once: a task that died before its first offset flush starts with no stored offset (here the
   * offsets are reset, which is what the worker sees). The document the first attempt emitted and that was deleted
   * since must end with its delete, so a compacted topic forgets it.
   */
  @Test
  void aStartWithNoStoredOffsetEndsTheDocumentsAnEarlierAttemptEmittedAndThatWereDeletedSince() throws Exception {
    Written orders = collection("orders", true, 3);
    harness.createTopics("fresh.orders");
    harness.startConnector("fresh", 1, harness.config("collections", "orders", "topic.prefix", "fresh.",
        "deletes.mode", "column_and_tombstone"));
    List<Expected> expected = new ArrayList<>(orders.live().stream().map(Expected::read).toList());
    assertTopic(expected, harness.awaitRecords("fresh.orders", 3), "orders");
    harness.connect.stopConnector("fresh");
    harness.connect.assertions().assertConnectorIsStopped("fresh", "the connector did not stop");
    harness.connect.resetConnectorOffsets("fresh");

    Written.Write deleted = orders.delete("2");
    harness.connect.resumeConnector("fresh");
    expected.add(Expected.delete(deleted));
    expected.add(Expected.tombstone(deleted));
    orders.live().forEach(w -> expected.add(Expected.read(w)));
    assertTopic(expected, harness.awaitRecords("fresh.orders", expected.size()), "orders");
    harness.connect.deleteConnector("fresh");
    // the other test discovers every collection: leave none behind
    harness.fauna.query(com.faunadb.client.query.Language.Delete(
        com.faunadb.client.query.Language.Collection("orders")));
  }
}
