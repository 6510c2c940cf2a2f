package dev.faunaconnect.source;

import static dev.faunaconnect.source.ReaderHarness.docs;

import static com.faunadb.client.query.Language.Arr;
import static com.faunadb.client.query.Language.Collection;
import static com.faunadb.client.query.Language.Create;
import static com.faunadb.client.query.Language.Delete;
import static com.faunadb.client.query.Language.Obj;
import static com.faunadb.client.query.Language.Ref;
import static com.faunadb.client.query.Language.Update;
import static com.faunadb.client.query.Language.Value;
import static dev.faunaconnect.source.ReaderHarness.describe;
import static dev.faunaconnect.source.ReaderHarness.offsetOf;
import static dev.faunaconnect.source.ReaderHarness.untilCaughtUp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.faunadb.client.query.Expr;
import dev.faunaconnect.fixtures.FaunaFixture;
import com.faunadb.client.types.Codec;
import dev.faunaconnect.localfauna.FaultPlan.Fault;
import dev.faunaconnect.offset.CollectionOffset;
import dev.faunaconnect.offset.CollectionOffset.Phase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reader's cursor logic, end to end against the local Fauna server. */
class CollectionReaderTest {
  private FaunaFixture fixture;

  @BeforeEach
  void start() {
    fixture = FaunaFixture.start();
  }

  @AfterEach
  void stop() {
    fixture.close();
  }


  private ReaderHarness harness(String deletesMode, String... more) {
    return ReaderHarness.ofItems(fixture, deletesMode, more);
  }

  @Test
  void snapshotThenChangesAndDeletesInOrderAndEveryOffsetResumesExactly() {
    fixture.createCollection("items", 30L);
    fixture.createTsIndex("items_by_ts", "items");
    long a = fixture.createAll("items", docs(1, 5));
    long b = fixture.create("items", "6", Obj("n", Value(6)));
    ReaderHarness harness = harness("column_and_tombstone");
    CollectionReader reader = harness.reader("items", null);

    List<SourceRecord> all = new ArrayList<>(reader.step().records());
    long c = fixture.update("items", "2", Obj("n", Value(22)));
    long d = fixture.createAll("items", docs(7, 11));
    long e = fixture.delete("items", "3");
    long f = fixture.delete("items", "7");
    long g = fixture.create("items", "12", Obj("n", Value(12)));
    all.addAll(untilCaughtUp(reader));

    List<String> expected = List.of("read 1 " + a, "read 2 " + a, "read 3 " + a, "read 4 " + a, "read 5 " + a,
        "read 6 " + b, "upsert 2 " + c, "upsert 8 " + d, "upsert 9 " + d, "upsert 10 " + d, "upsert 11 " + d,
        "delete 3 " + e, "tombstone 3 " + e, "delete 7 " + f, "tombstone 7 " + f, "upsert 12 " + g);
    assertEquals(expected, describe(all));
    assertEquals(Phase.STREAMING, reader.offset().phase());

    assertEachOffsetResumesTheRest(harness, all);
  }

  @Test
  void aCaughtUpReaderRestsAndThenSeesNewChanges() {
    fixture.createCollection("items", 30L);
    fixture.createTsIndex("items_by_ts", "items");
    fixture.createAll("items", docs(1, 2));
    CollectionReader reader = harness("column").reader("items", null);
    assertEquals(2, untilCaughtUp(reader).size());
    Step idle = reader.step();
    assertEquals(List.of(), idle.records());
    assertEquals(Duration.ofSeconds(1), idle.rest());
    long ts = fixture.update("items", "1", Obj("n", Value(11)));
    assertEquals(List.of("upsert 1 " + ts), describe(untilCaughtUp(reader)));
  }

  @Test
  void createsAreNotReadAgainWhileLookingForDeletes() {
    fixture.createCollection("items", 30L);
    fixture.createTsIndex("items_by_ts", "items");
    CollectionReader reader = harness("column").reader("items", null);
    assertEquals(List.of("heartbeat streaming"), describe(untilCaughtUp(reader)), "an empty snapshot's end stored");
    long ts = fixture.createAll("items", docs(1, 20));
    fixture.fauna().faults().failFraction(1.0, Fault.delay(Duration.ZERO), 7);
    List<String> read = new ArrayList<>();
    int steps = 0;
    Step step;
    do {
      step = reader.step();
      steps++;
      read.addAll(describe(step.records()));
    } while (step.rest().isZero());
    assertEquals(docs(1, 20).keySet().stream().map(id -> "upsert " + id + " " + ts).toList(), read);
    assertEquals(10, steps, "a page of 2 changes per step, the last one ending both streams");
    assertEquals(2 * steps, fixture.fauna().faults().injected(), "one query for changes, one for deletes");
  }

  @Test
  void snapshotModeNeverStartsFromNow() {
    fixture.createCollection("items", 30L);
    fixture.createTsIndex("items_by_ts", "items");
    fixture.createAll("items", docs(1, 3));
    CollectionReader reader = harness("ignore", "snapshot.mode", "never").reader("items", null);
    assertEquals(List.of("heartbeat streaming"), describe(untilCaughtUp(reader)), "the start position is stored");
    long ts = fixture.create("items", "4", Obj("n", Value(4)));
    fixture.delete("items", "1");
    assertEquals(List.of("upsert 4 " + ts), describe(untilCaughtUp(reader)));
  }

  @Test
  void withoutAnIndexItSyncsInFullEveryIntervalAfterTheDeletesBeforeIt() {
    fixture.createCollection("items", 30L);
    long a = fixture.createAll("items", docs(1, 2));
    CollectionReader reader = harness("column", "full.sync.interval.ms", "3600000").reader("items", null);
    assertEquals(List.of("read 1 " + a, "read 2 " + a), describe(untilCaughtUp(reader)));
    assertEquals(Phase.FULL_SYNC, reader.offset().phase());

    long d1 = fixture.delete("items", "1");
    assertEquals(List.of("delete 1 " + d1), describe(untilCaughtUp(reader)));
    long b = fixture.update("items", "2", Obj("n", Value(22)));
    long c = fixture.create("items", "3", Obj("n", Value(3)));
    assertEquals(List.of(), untilCaughtUp(reader), "changes wait for the next full sync");
    long d2 = fixture.delete("items", "2");
    fixture.fauna().advanceClock(Duration.ofMinutes(61));
    assertEquals(List.of("delete 2 " + d2, "read 3 " + c), describe(untilCaughtUp(reader)));
    assertTrue(b < d2);
  }

  @Test
  void aSnapshotThatOutlivesTheHistoryKeptGoesOnAtANewTimeAndReadsLaterWritesAsChanges() {
    fixture.createCollection("items", 0L);
    fixture.createTsIndex("items_by_ts", "items");
    long a = fixture.createAll("items", docs(1, 4));
    CollectionReader reader = harness("ignore").reader("items", null);
    assertEquals(List.of(), reader.step().records(), "the start is a step of its own");
    assertEquals(List.of("read 1 " + a, "read 2 " + a), describe(reader.step().records()));
    long b = fixture.update("items", "1", Obj("n", Value(11)));
    fixture.fauna().advanceClock(Duration.ofMinutes(16));
    List<SourceRecord> rest = untilCaughtUp(reader);
    // it goes on at a new time after document 2; document 1, changed since, is read as a change
    assertEquals(List.of("read 3 " + a, "read 4 " + a, "upsert 1 " + b), describe(rest));
    assertTrue(offsetOf(rest.get(0)).snapshotTs() > b);
  }

  @Test
  void deletesOneMicrosecondAfterTheSnapshotAreRead() {
    fixture.createCollection("items", 30L);
    fixture.createTsIndex("items_by_ts", "items");
    long a = fixture.createAll("items", docs(1, 3));
    long d = fixture.delete("items", "2");
    // a snapshot taken at d - 1: the delete is the very next event, a remove at snapshot ts + 1
    CollectionReader reader = harness("column").reader("items", CollectionOffset.snapshotAt(d - 1));
    assertEquals(List.of("read 1 " + a, "read 2 " + a, "read 3 " + a, "delete 2 " + d),
        describe(untilCaughtUp(reader)));
    CollectionReader streaming = harness("column").reader("items", CollectionOffset.streamingFrom(d - 1));
    assertEquals(List.of("delete 2 " + d), describe(untilCaughtUp(streaming)));
    CollectionReader fullSync = harness("column").reader("items",
        CollectionOffset.streamingFrom(d - 1).withPhase(Phase.FULL_SYNC));
    fixture.fauna().query("{\"delete\": {\"index\": \"items_by_ts\"}}");
    assertEquals(List.of("delete 2 " + d), describe(untilCaughtUp(fullSync)));
  }

  @Test
  void oneTransactionOfDeletesUpdatesAndCreatesAcrossPagesResumesExactlyFromEveryOffset() {
    fixture.createCollection("items", 30L);
    fixture.createTsIndex("items_by_ts", "items");
    long a = fixture.createAll("items", docs(1, 9));
    ReaderHarness harness = harness("column_and_tombstone");
    CollectionReader reader = harness.reader("items", null);
    List<SourceRecord> all = new ArrayList<>(untilCaughtUp(reader));
    // one transaction: five deletes (ids on both sides of the changed ones), two updates and two creates
    List<Expr> writes = new ArrayList<>();
    for (String id : List.of("1", "3", "5", "8", "9")) {
      writes.add(Delete(Ref(Collection("items"), id)));
    }
    writes.add(Update(Ref(Collection("items"), "4"), Obj("data", Obj("n", Value(44)))));
    writes.add(Update(Ref(Collection("items"), "6"), Obj("data", Obj("n", Value(66)))));
    writes.add(Create(Ref(Collection("items"), "10"), Obj("data", Obj("n", Value(10)))));
    writes.add(Create(Ref(Collection("items"), "20"), Obj("data", Obj("n", Value(20)))));
    long t = fixture.query(Arr(writes)).at(5).at("ts").to(Codec.LONG).get();
    // a second transaction of deletes only, read after the first
    long u = fixture.delete("items", "2");
    all.addAll(untilCaughtUp(reader));

    List<String> expected = new ArrayList<>();
    for (int i = 1; i <= 9; i++) {
      expected.add("read " + i + " " + a);
    }
    expected.addAll(List.of("delete 1 " + t, "tombstone 1 " + t, "delete 3 " + t, "tombstone 3 " + t,
        "upsert 4 " + t, "delete 5 " + t, "tombstone 5 " + t, "upsert 6 " + t, "delete 8 " + t, "tombstone 8 " + t,
        "delete 9 " + t, "tombstone 9 " + t, "upsert 10 " + t, "upsert 20 " + t, "delete 2 " + u,
        "tombstone 2 " + u));
    List<String> described = describe(all);
    assertEquals(expected, described);
    assertEachOffsetResumesTheRest(harness, all);
  }

  @Test
  void deletesPlacedAtTheSameTsAsAChangeByInsertAreAllRead() {
    fixture.createCollection("items", 30L);
    fixture.createTsIndex("items_by_ts", "items");
    long a = fixture.createAll("items", docs(1, 6));
    long t = fixture.update("items", "3", Obj("n", Value(33)));
    // deletes of 1, 2, 5 and 6 written into history at exactly t, the ts of the change of 3
    for (String id : List.of("1", "2", "5", "6")) {
      fixture.fauna().query("{\"insert\": {\"ref\": {\"collection\": \"items\"}, \"id\": \"" + id
          + "\"}, \"ts\": " + t + ", \"action\": \"delete\", \"params\": {\"object\": {}}}");
    }
    ReaderHarness harness = harness("column");
    List<SourceRecord> all = untilCaughtUp(harness.reader("items", CollectionOffset.streamingFrom(a)));
    List<String> described = describe(all);
    assertEquals(List.of("delete 1 " + t, "delete 2 " + t, "upsert 3 " + t, "delete 5 " + t, "delete 6 " + t),
        described);
    assertEachOffsetResumesTheRest(harness, all);
  }

  /**
   * A reader started from the offset of any record emits exactly the records after it. The deletes-column record of
   * a delete carries the offset from before the delete, so resuming from it emits both records of that delete.
   */
  private static void assertEachOffsetResumesTheRest(ReaderHarness harness, List<SourceRecord> all) {
    List<String> described = describe(all);
    for (int i = 0; i < all.size(); i++) {
      boolean firstOfDelete = i + 1 < all.size()
          && described.get(i + 1).equals(described.get(i).replace("delete", "tombstone"));
      List<SourceRecord> resumed = untilCaughtUp(harness.reader("items", offsetOf(all.get(i))));
      assertEquals(described.subList(firstOfDelete ? i : i + 1, all.size()), describe(resumed),
          "resumed after record " + i);
    }
  }
}
