package dev.faunaconnect.source;

import static com.faunadb.client.query.Language.Collection;
import static com.faunadb.client.query.Language.Delete;
import static com.faunadb.client.query.Language.Index;
import static com.faunadb.client.query.Language.Obj;
import static com.faunadb.client.query.Language.Update;
import static com.faunadb.client.query.Language.Value;
import static dev.faunaconnect.source.ReaderHarness.data;
import static dev.faunaconnect.source.ReaderHarness.docs;
import static dev.faunaconnect.source.ReaderHarness.offsetOf;
import static dev.faunaconnect.source.ReaderHarness.untilResting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faunaconnect.fixtures.FaunaFixture;
import dev.faunaconnect.offset.CollectionOffset;
import dev.faunaconnect.testing.LogCapture;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What tells a collection deleted and created again from the same collection updated: the collection's identity in
 * the offset ({@code collection_ts}), checked against Fauna at every reader start. An updated collection (its
 * document's {@code ts} moves) is the same collection; a re-created one is a new collection, started by
 * {@code snapshot.mode} with no verdict on the old collection's position.
 */
class CollectionIdentityTest {
  private FaunaFixture fixture;

  @BeforeEach
  void start() {
    fixture = FaunaFixture.start();
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  private ReaderHarness harness(String collections, String snapshotMode) {
    return new ReaderHarness(fixture, Map.of("collections", collections, "page.size", "2", "deletes.mode", "column",
        "snapshot.mode", snapshotMode, "collections.refresh.interval.ms", "500"));
  }

  private void collectionWithIndex(long historyDays, Map<String, com.faunadb.client.query.Expr> documents) {
    fixture.createCollection("items", historyDays);
    fixture.createTsIndex("items_by_ts", "items");
    fixture.createAll("items", documents);
  }

  private void raiseHistoryThenDeleteIndex() {
    fixture.query(Update(Collection("items"), Obj("history_days", Value(7L))));
    fixture.query(Delete(Index("items_by_ts")));
  }

  private static boolean saysRecreated(LogCapture log) {
    return log.text().contains("created again");
  }

  // ---- an updated collection is the same collection (issue 18, item 2) ------------------------------------------

  @Test
  void withSnapshotModeNeverTheChangesMadeBeforeAnUpdatedCollectionLostItsIndexAreKept() {
    collectionWithIndex(30L, docs(1, 2));
    CollectionLifecycle items = harness("", "never").lifecycle("items", null);
    assertEquals(List.of(), data(untilResting(items)), "never: only the changes after the start");
    long created = fixture.create("items", "3", Obj("n", Value(3)));
    long deleted = fixture.delete("items", "1");
    raiseHistoryThenDeleteIndex();
    try (LogCapture log = LogCapture.open()) {
      List<String> read = data(untilResting(items));
      assertTrue(read.contains("delete 1 " + deleted), read.toString());
      assertTrue(read.stream().anyMatch(r -> r.endsWith(" 3 " + created) && !r.startsWith("delete")),
          read.toString());
      assertFalse(saysRecreated(log), log.text());
    }
  }

  @Test
  void withSnapshotModeInitialAnUpdatedCollectionThatLostItsIndexSendsNoRetainedDeleteAgain() {
    collectionWithIndex(30L, docs(1, 3));
    long deleted = fixture.delete("items", "1");
    CollectionLifecycle items = harness("", "initial").lifecycle("items", null);
    List<String> first = data(untilResting(items));
    assertEquals("delete 1 " + deleted, first.get(0), "a fresh start sends the retained deletes first");
    raiseHistoryThenDeleteIndex();
    try (LogCapture log = LogCapture.open()) {
      List<String> after = data(untilResting(items));
      assertFalse(after.contains("delete 1 " + deleted), "sent again: " + after);
      assertFalse(saysRecreated(log), log.text());
    }
  }

  @Test
  void aCollectionUpdatedWhileTheTaskWasStoppedResumesWhereItStood() {
    collectionWithIndex(30L, docs(1, 2));
    List<SourceRecord> first = untilResting(harness("items", "initial").lifecycle("items", null));
    fixture.query(Update(Collection("items"), Obj("history_days", Value(7L), "data", Obj("owner", Value("x")))));
    long updated = fixture.update("items", "2", Obj("n", Value(20)));
    List<String> resumed = data(untilResting(harness("items", "initial").lifecycle("items",
        offsetOf(first.get(first.size() - 1)))));
    assertEquals(List.of("upsert 2 " + updated), resumed);
  }

  // ---- a re-created collection is a new collection (issue 18, item 3) -------------------------------------------

  /** The offset of the old collection's last record, after the collection was deleted and created again. */
  private CollectionOffset storedThenRecreated(long historyDays, String snapshotMode) {
    collectionWithIndex(historyDays, docs(1, 2));
    fixture.delete("items", "2");
    List<SourceRecord> first = untilResting(harness("items", snapshotMode).lifecycle("items", null));
    fixture.query(Delete(Collection("items")));
    fixture.createCollection("items", historyDays);
    fixture.createTsIndex("items_by_ts", "items");
    return offsetOf(first.get(first.size() - 1));
  }

  @Test
  void aCollectionCreatedAgainWhileStoppedOnNoHistoryIsSnapshottedAfreshWithoutAFalseLoss() {
    CollectionOffset stored = storedThenRecreated(0L, "initial");
    long created = fixture.createAll("items", docs(5, 6));
    fixture.advanceClock(Duration.ofMinutes(20));
    try (LogCapture log = LogCapture.open()) {
      List<String> read = data(untilResting(harness("items", "initial").lifecycle("items", stored)));
      assertEquals(List.of("read 5 " + created, "read 6 " + created), read);
      assertFalse(log.text().contains("were LOST"), log.text());
      assertTrue(saysRecreated(log), log.text());
    }
  }

  @Test
  void aCollectionCreatedAgainWhileStoppedOnLongHistoryIsSnapshottedNotUpserted() {
    CollectionOffset stored = storedThenRecreated(30L, "initial");
    long created = fixture.createAll("items", docs(5, 6));
    List<String> read = data(untilResting(harness("items", "initial").lifecycle("items", stored)));
    assertEquals(List.of("read 5 " + created, "read 6 " + created), read);
  }

  @Test
  void withSnapshotModeNeverACollectionCreatedAgainWhileStoppedStreamsFromItsStartOnly() {
    CollectionOffset stored = storedThenRecreated(0L, "never");
    fixture.createAll("items", docs(5, 6));
    fixture.advanceClock(Duration.ofMinutes(20));
    CollectionLifecycle items = harness("items", "never").lifecycle("items", stored);
    assertEquals(List.of(), data(untilResting(items)), "never: a fresh start streams from now");
    long updated = fixture.update("items", "5", Obj("n", Value(50)));
    assertEquals(List.of("upsert 5 " + updated), data(untilResting(items)));
  }

  /** An offset of an earlier version has no identity: it is judged by whether the collection existed at its snapshot. */
  @Test
  void anOffsetWithoutIdentityOfACollectionCreatedAgainIsAFreshStart() {
    CollectionOffset stored = withoutIdentity(storedThenRecreated(30L, "initial"));
    long created = fixture.createAll("items", docs(5, 6));
    List<String> read = data(untilResting(harness("items", "initial").lifecycle("items", stored)));
    assertEquals(List.of("read 5 " + created, "read 6 " + created), read);
  }

  @Test
  void anOffsetWithoutIdentityOfTheSameCollectionResumesWhereItStood() {
    collectionWithIndex(30L, docs(1, 2));
    List<SourceRecord> first = untilResting(harness("items", "initial").lifecycle("items", null));
    fixture.query(Update(Collection("items"), Obj("history_days", Value(7L))));
    long updated = fixture.update("items", "1", Obj("n", Value(10)));
    CollectionOffset stored = withoutIdentity(offsetOf(first.get(first.size() - 1)));
    List<SourceRecord> resumed = untilResting(harness("items", "initial").lifecycle("items", stored));
    assertEquals(List.of("upsert 1 " + updated), data(resumed));
    assertTrue(offsetOf(resumed.get(resumed.size() - 1)).toMap().containsKey("collection_ts"),
        "the offset gets the collection's identity");
  }

  private static CollectionOffset withoutIdentity(CollectionOffset offset) {
    Map<String, Object> map = new HashMap<>(offset.toMap());
    map.remove("collection_ts");
    return CollectionOffset.fromMap(map);
  }
}
