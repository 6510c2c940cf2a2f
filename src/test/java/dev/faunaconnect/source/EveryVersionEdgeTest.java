package dev.faunaconnect.source;

import static com.faunadb.client.query.Language.Arr;
import static com.faunadb.client.query.Language.Collection;
import static com.faunadb.client.query.Language.Delete;
import static com.faunadb.client.query.Language.Insert;
import static com.faunadb.client.query.Language.Now;
import static com.faunadb.client.query.Language.Obj;
import static com.faunadb.client.query.Language.Ref;
import static com.faunadb.client.query.Language.ToMicros;
import static com.faunadb.client.query.Language.Value;
import static dev.faunaconnect.source.ReaderHarness.data;
import static dev.faunaconnect.source.ReaderHarness.offsetOf;
import static dev.faunaconnect.source.ReaderHarness.untilCaughtUp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.faunadb.client.query.Expr;
import com.faunadb.client.types.Codec;
import dev.faunaconnect.fixtures.FaunaFixture;
import dev.faunaconnect.offset.CollectionOffset;
import dev.faunaconnect.offset.CollectionOffset.Phase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code changes.mode=every_version} at its edges: pages of removes only, a switch from full sync to streaming. */
class EveryVersionEdgeTest {
  private FaunaFixture fixture;

  @BeforeEach
  void start() {
    fixture = FaunaFixture.start();
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  /**
   * Deletes write only removes in the ts/ref index: with pages of 1, many pages hold no add at all (Filter leaves
   * them empty, with an after cursor). The reader reads past them, emits the version after them, and a reader
   * resumed from any offset emits exactly the records after it.
   */
  @Test
  void pagesHoldingOnlyRemovesAreReadPast() {
    fixture.createCollection("items", 30L);
    fixture.createTsIndex("items_by_ts", "items");
    fixture.createAll("items", ReaderHarness.docs(1, 6));
    ReaderHarness harness = ReaderHarness.ofItems(fixture, "column", "page.size", "1", "changes.mode",
        "every_version");
    CollectionReader reader = harness.reader("items", null);
    List<SourceRecord> topic = new ArrayList<>(untilCaughtUp(reader));
    List<Expr> deletes = new ArrayList<>();
    for (int id = 1; id <= 5; id++) {
      deletes.add(Delete(Ref(Collection("items"), String.valueOf(id))));
    }
    deletes.add(ToMicros(Now()));
    long d = fixture.query(Arr(deletes)).at(5).to(Codec.LONG).get();
    long d2 = fixture.delete("items", "6");
    long u = fixture.create("items", "7", Obj("n", Value(7)));
    List<SourceRecord> changes = untilCaughtUp(reader);
    assertEquals(List.of("delete 1 " + d, "delete 2 " + d, "delete 3 " + d, "delete 4 " + d, "delete 5 " + d,
        "delete 6 " + d2, "upsert 7 " + u), data(changes));
    topic.addAll(changes);
    for (int i = 0; i < topic.size(); i++) {
      assertEquals(data(topic.subList(i + 1, topic.size())), data(untilCaughtUp(harness.reader("items",
          offsetOf(topic.get(i))))), "resumed after record " + i);
    }
  }

  /** A full sync, then an index appears: the versions since the last full sync are read from its history. */
  @Test
  void anIndexCreatedAfterAFullSyncDeliversTheVersionsSinceIt() {
    fixture.createCollection("items", 30L);
    long a = fixture.createAll("items", ReaderHarness.docs(1, 2));
    CollectionOffset fullSync = fullSync();
    long u1 = fixture.update("items", "1", Obj("n", Value(11)));
    long u2 = fixture.update("items", "1", Obj("n", Value(12)));
    fixture.createTsIndex("items_by_ts", "items");
    CollectionReader reader = ReaderHarness.ofItems(fixture, "column", "changes.mode", "every_version")
        .reader("items", fullSync);
    assertEquals(List.of("upsert 1 " + u1, "upsert 1 " + u2), data(untilCaughtUp(reader)));
    assertEquals(Phase.STREAMING, reader.offset().phase());
    assertTrue(a < u1);
  }

  /**
   * A full sync, then the history passes the last full sync, then an index appears: the versions in between are
   * gone from the index's history, so the reader fails loudly, or takes a fresh snapshot, never streams on
   * silently from the last full sync.
   */
  @Test
  void anIndexCreatedAfterTheHistoryPassedTheLastFullSyncFailsOrTakesAFreshSnapshot() {
    fixture.createCollection("items", 0L);
    fixture.createAll("items", ReaderHarness.docs(1, 2));
    CollectionOffset fullSync = fullSync();
    fixture.update("items", "1", Obj("n", Value(11)));
    fixture.fauna().advanceClock(Duration.ofMinutes(16));
    long u2 = fixture.update("items", "2", Obj("n", Value(22)));
    long u3 = fixture.update("items", "1", Obj("n", Value(12)));
    fixture.createTsIndex("items_by_ts", "items");

    ConnectException lost = assertThrows(ConnectException.class, () -> untilCaughtUp(ReaderHarness.ofItems(fixture,
        "ignore", "changes.mode", "every_version").reader("items", fullSync)));
    assertTrue(lost.getMessage().contains("LOST"), lost.getMessage());
    List<SourceRecord> again = untilCaughtUp(ReaderHarness.ofItems(fixture, "ignore", "changes.mode",
        "every_version", "history.loss.action", "snapshot").reader("items", fullSync));
    assertEquals(List.of("read 1 " + u3, "read 2 " + u2), data(again), "a fresh snapshot");
  }

  /**
   * A running reader that could not read for longer than the history (Kafka down, the task paused): the versions
   * written meanwhile are gone from the index's history, so its next read fails loudly, or takes a fresh snapshot,
   * never goes on silently past them.
   */
  @Test
  void aRunningReaderBehindTheHistoryFailsOrTakesAFreshSnapshot() {
    fixture.createCollection("items", 0L);
    fixture.createTsIndex("items_by_ts", "items");
    long a = fixture.createAll("items", ReaderHarness.docs(1, 2));
    CollectionReader failing = ReaderHarness.ofItems(fixture, "ignore", "changes.mode", "every_version")
        .reader("items", null);
    CollectionReader snapshotting = ReaderHarness.ofItems(fixture, "ignore", "changes.mode", "every_version",
        "history.loss.action", "snapshot").reader("items", null);
    assertEquals(List.of("read 1 " + a, "read 2 " + a), data(untilCaughtUp(failing)));
    assertEquals(List.of("read 1 " + a, "read 2 " + a), data(untilCaughtUp(snapshotting)));
    fixture.update("items", "1", Obj("n", Value(11)));
    fixture.fauna().advanceClock(Duration.ofMinutes(16));
    long u2 = fixture.update("items", "1", Obj("n", Value(12)));

    ConnectException lost = assertThrows(ConnectException.class, () -> untilCaughtUp(failing));
    assertTrue(lost.getMessage().contains("versions (changes.mode=every_version) were read up to")
        && lost.getMessage().contains("LOST"), lost.getMessage());
    assertEquals(List.of("read 1 " + u2, "read 2 " + a), data(untilCaughtUp(snapshotting)), "a fresh snapshot");
  }

  /** Offsets move between the modes: each resumes after the position the other stored. */
  @Test
  void offsetsOfLatestResumeInEveryVersionAndBack() {
    fixture.createCollection("items", 30L);
    fixture.createTsIndex("items_by_ts", "items");
    fixture.createAll("items", ReaderHarness.docs(1, 3));
    ReaderHarness latest = ReaderHarness.ofItems(fixture, "column", "page.size", "1");
    ReaderHarness everyVersion = ReaderHarness.ofItems(fixture, "column", "page.size", "1", "changes.mode",
        "every_version");
    CollectionReader reader = latest.reader("items", null);
    untilCaughtUp(reader);
    long t1 = fixture.update("items", "1", Obj("n", Value(11)));
    long t2 = fixture.update("items", "2", Obj("n", Value(21)));
    List<SourceRecord> latestTopic = untilCaughtUp(reader);
    assertEquals(List.of("upsert 1 " + t1, "upsert 2 " + t2), data(latestTopic));
    long t3 = fixture.update("items", "1", Obj("n", Value(12)));
    long t4 = fixture.update("items", "1", Obj("n", Value(13)));
    long d = fixture.delete("items", "2");
    long t5 = fixture.update("items", "3", Obj("n", Value(31)));

    assertEquals(List.of("upsert 2 " + t2, "upsert 1 " + t3, "upsert 1 " + t4, "delete 2 " + d,
        "upsert 3 " + t5), data(untilCaughtUp(everyVersion.reader("items", offsetOf(latestTopic.get(0))))));
    List<SourceRecord> versions = untilCaughtUp(everyVersion.reader("items", offsetOf(latestTopic.get(1))))
        .stream().filter(r -> !ReaderHarness.describe(r).startsWith("heartbeat")).toList();
    assertEquals(List.of("upsert 1 " + t3, "upsert 1 " + t4, "delete 2 " + d, "upsert 3 " + t5),
        data(versions));
    assertEquals(List.of("upsert 1 " + t4, "delete 2 " + d, "upsert 3 " + t5),
        data(untilCaughtUp(latest.reader("items", offsetOf(versions.get(0))))));
    assertEquals(List.of("upsert 3 " + t5), data(untilCaughtUp(latest.reader("items", offsetOf(versions.get(2))))),
        "from the offset of a delete");
    assertEquals(List.of(), data(untilCaughtUp(latest.reader("items", offsetOf(versions.get(3))))));
  }

  /**
   * Back-dated writes ({@code Insert} at a past ts) land in the history at that ts: one after the position read is
   * delivered in its (ts, ref) place; one at or before it is never read (the reader does not go back).
   */
  @Test
  void backDatedVersionsAreDeliveredOnlyAfterThePositionRead() {
    fixture.createCollection("items", 30L);
    fixture.createTsIndex("items_by_ts", "items");
    long a = fixture.createAll("items", ReaderHarness.docs(1, 2));
    CollectionReader reader = ReaderHarness.ofItems(fixture, "column", "changes.mode", "every_version")
        .reader("items", null);
    untilCaughtUp(reader);
    long read = reader.offset().change().ts();
    fixture.fauna().advanceClock(Duration.ofSeconds(10));
    long u = fixture.update("items", "2", Obj("n", Value(22)));
    fixture.query(Insert(Ref(Collection("items"), "1"), Value(read), Value("update"), Obj("data", Obj("n",
        Value(10)))));
    fixture.query(Insert(Ref(Collection("items"), "1"), Value(read + 1), Value("update"), Obj("data", Obj("n",
        Value(11)))));
    assertEquals(List.of("upsert 1 " + (read + 1), "upsert 2 " + u), data(untilCaughtUp(reader)));
    assertTrue(a < read);
  }

  /** The offset of a reader that read collection {@code items} in full (no index). */
  private CollectionOffset fullSync() {
    CollectionReader reader = ReaderHarness.ofItems(fixture, "ignore", "changes.mode", "every_version",
        "full.sync.interval.ms", "86400000").reader("items", null);
    untilCaughtUp(reader);
    assertEquals(Phase.FULL_SYNC, reader.offset().phase());
    return reader.offset();
  }
}
