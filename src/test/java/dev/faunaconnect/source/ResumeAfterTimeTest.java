package dev.faunaconnect.source;

import static dev.faunaconnect.source.ReaderHarness.docs;

import static com.faunadb.client.query.Language.Obj;
import static com.faunadb.client.query.Language.Value;
import static dev.faunaconnect.source.ReaderHarness.data;
import static dev.faunaconnect.source.ReaderHarness.describe;
import static dev.faunaconnect.source.ReaderHarness.offsetOf;
import static dev.faunaconnect.source.ReaderHarness.untilCaughtUp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faunaconnect.fixtures.FaunaFixture;
import dev.faunaconnect.offset.CollectionOffset;
import dev.faunaconnect.offset.CollectionOffset.Phase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Restarts long after the last record: the local server's clock is advanced past the collection's history window
 * (history_days + 15 minutes), then a reader resumes from every offset that was emitted. Nothing already emitted is
 * emitted again, nothing is skipped, and where history was really lost the reader says so instead of going on.
 */
class ResumeAfterTimeTest {
  private static final Duration PAST_WINDOW = Duration.ofMinutes(16);
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

  /**
   * From the offset of every record, a new reader emits exactly the data records after it, then {@code later}. The
   * deletes-column record of a delete carries the offset from before the delete, so it resumes with both records.
   */
  private static void assertEveryOffsetResumes(ReaderHarness harness, List<SourceRecord> all, List<String> later) {
    List<String> described = describe(all);
    for (int i = 0; i < all.size(); i++) {
      boolean firstOfDelete = i + 1 < all.size()
          && described.get(i + 1).equals(described.get(i).replace("delete", "tombstone"));
      List<String> expected = new ArrayList<>(data(all.subList(firstOfDelete ? i : i + 1, all.size())));
      expected.addAll(later);
      assertEquals(expected, data(untilCaughtUp(harness.reader("items", offsetOf(all.get(i))))),
          "resumed after record " + i + " (" + described.get(i) + ")");
    }
  }

  /**
   * A task that keeps running but cannot read for longer than the history (Kafka down, the task paused) would read
   * the deletes past the history's start without an error (Fauna cuts history reads there): its first page checks
   * the position, so the retention policy decides, as at a start.
   */
  @Test
  void aRunningReaderWhoseDeletesLeftTheHistoryFailsOrTakesAFreshSnapshot() {
    fixture.createCollection("items", 0L);
    fixture.createTsIndex("items_by_ts", "items");
    long a = fixture.createAll("items", docs(1, 3));
    CollectionReader failing = harness("column").reader("items", null);
    CollectionReader snapshotting = harness("column", "history.loss.action", "snapshot").reader("items", null);
    List<String> snapshot = List.of("read 1 " + a, "read 2 " + a, "read 3 " + a);
    assertEquals(snapshot, data(untilCaughtUp(failing)));
    assertEquals(snapshot, data(untilCaughtUp(snapshotting)));
    fixture.delete("items", "3");
    fixture.fauna().advanceClock(PAST_WINDOW);
    long u = fixture.update("items", "1", Obj("n", Value(11)));

    ConnectException lost = assertThrows(ConnectException.class, () -> untilCaughtUp(failing));
    assertTrue(lost.getMessage().contains("its deletes were read up to") && lost.getMessage().contains("LOST"),
        lost.getMessage());
    assertEquals(List.of("read 1 " + u, "read 2 " + a), data(untilCaughtUp(snapshotting)),
        "a fresh snapshot, without document 3, whose delete is gone from the history");
  }

  @Test
  void aSnapshotThatEndedWithNoChangeResumesFromEveryOffsetAfterTheWindow() {
    fixture.createCollection("items", 0L);
    fixture.createTsIndex("items_by_ts", "items");
    long a = fixture.createAll("items", docs(1, 5));
    ReaderHarness harness = harness("ignore");
    List<SourceRecord> all = untilCaughtUp(harness.reader("items", null));
    assertEquals(List.of("read 1 " + a, "read 2 " + a, "read 3 " + a, "read 4 " + a, "read 5 " + a), describe(all));
    assertEquals(Phase.STREAMING, offsetOf(all.get(4)).phase(), "the last snapshot record carries the next phase");

    long u = fixture.update("items", "1", Obj("n", Value(11)));
    long c = fixture.create("items", "6", Obj("n", Value(6)));
    fixture.fauna().advanceClock(PAST_WINDOW);
    // mid-snapshot offsets go on at a new time; the documents written after T come as changes, as they did first
    assertEveryOffsetResumes(harness, all, List.of("upsert 1 " + u, "upsert 6 " + c));
  }

  @Test
  void deletesWithinTheKeptHistoryResumeFromEveryOffsetAfterFifteenMinutes() {
    fixture.createCollection("items", 1L);
    fixture.createTsIndex("items_by_ts", "items");
    long a = fixture.createAll("items", docs(1, 4));
    ReaderHarness harness = harness("column_and_tombstone");
    List<SourceRecord> all = new ArrayList<>(untilCaughtUp(harness.reader("items", null)));
    long d = fixture.delete("items", "2");
    CollectionReader reader = harness.reader("items", offsetOf(all.get(all.size() - 1)));
    all.addAll(untilCaughtUp(reader));
    assertEquals(List.of("read 1 " + a, "read 2 " + a, "read 3 " + a, "read 4 " + a, "delete 2 " + d,
        "tombstone 2 " + d), data(all));

    fixture.fauna().advanceClock(PAST_WINDOW);
    long e = fixture.delete("items", "3");
    assertEveryOffsetResumes(harness, all, List.of("delete 3 " + e, "tombstone 3 " + e));
  }

  @Test
  void anIdleCollectionsHeartbeatsKeepItsStoredPositionInsideTheHistory() {
    fixture.createCollection("items", 0L);
    fixture.createTsIndex("items_by_ts", "items");
    long a = fixture.createAll("items", docs(1, 2));
    ReaderHarness harness = harness("column", "heartbeat.interval.ms", "1");
    CollectionReader reader = harness.reader("items", null);
    List<SourceRecord> first = untilCaughtUp(reader);
    assertEquals(List.of("read 1 " + a, "read 2 " + a), data(first));

    List<SourceRecord> beats = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      fixture.fauna().advanceClock(Duration.ofMinutes(5));
      sleepMillis(2);
      beats.addAll(untilCaughtUp(reader));
    }
    assertEquals(List.of("heartbeat streaming", "heartbeat streaming", "heartbeat streaming",
        "heartbeat streaming"), describe(beats), "one heartbeat per idle interval, while nothing is written");
    for (int i = 1; i < beats.size(); i++) {
      assertTrue(offsetOf(beats.get(i)).remove().ts() > offsetOf(beats.get(i - 1)).remove().ts() + 4 * 60_000_000L,
          "the stored position advances with the time read through");
    }

    long d = fixture.delete("items", "1");
    CollectionOffset latest = offsetOf(beats.get(beats.size() - 1));
    assertEquals(List.of("delete 1 " + d), data(untilCaughtUp(harness.reader("items", latest))),
        "20 minutes later, the latest heartbeat still resumes inside the 15 minutes of history");

    ConnectException lost = assertThrows(ConnectException.class,
        () -> untilCaughtUp(harness.reader("items", offsetOf(first.get(1)))));
    assertTrue(lost.getMessage().contains("LOST") && lost.getMessage().contains("history.loss.action=snapshot"),
        lost.getMessage());
  }

  @Test
  void historyLossActionSnapshotTakesAFreshSnapshotAfterTheDeletesStillKept() {
    fixture.createCollection("items", 0L);
    fixture.createTsIndex("items_by_ts", "items");
    long a = fixture.createAll("items", docs(1, 3));
    List<SourceRecord> first = untilCaughtUp(harness("column").reader("items", null));
    fixture.fauna().advanceClock(PAST_WINDOW);
    long d = fixture.delete("items", "1");
    long u = fixture.update("items", "2", Obj("n", Value(22)));
    ReaderHarness harness = harness("column", "history.loss.action", "snapshot");
    CollectionReader reader = harness.reader("items", offsetOf(first.get(first.size() - 1)));
    List<SourceRecord> again = untilCaughtUp(reader);
    assertEquals(List.of("delete 1 " + d, "read 2 " + u, "read 3 " + a), data(again),
        "the deletes still kept, then every document again");
    assertTrue(offsetOf(again.get(0)).snapshotTs() > offsetOf(first.get(0)).snapshotTs(), "a new snapshot");
  }

  @Test
  void snapshotModeNeverStoresItsStartSoAChangeWhileStoppedIsRead() {
    fixture.createCollection("items", 0L);
    fixture.createTsIndex("items_by_ts", "items");
    fixture.createAll("items", docs(1, 3));
    ReaderHarness harness = harness("ignore", "snapshot.mode", "never");
    List<SourceRecord> started = untilCaughtUp(harness.reader("items", null));
    assertEquals(List.of("heartbeat streaming"), describe(started));
    // the task stops right after storing its start; a change is made; long after, it resumes
    long u = fixture.update("items", "2", Obj("n", Value(22)));
    fixture.fauna().advanceClock(PAST_WINDOW);
    long c = fixture.create("items", "4", Obj("n", Value(4)));
    assertEveryOffsetResumes(harness, started, List.of("upsert 2 " + u, "upsert 4 " + c));
  }

  @Test
  void snapshotModeNeverWithoutAnIndexEmitsOnlyWhatChangedSinceItStarted() {
    fixture.createCollection("items", 0L);
    fixture.createAll("items", docs(1, 3));
    ReaderHarness harness = harness("ignore", "snapshot.mode", "never", "full.sync.interval.ms", "3600000");
    CollectionReader reader = harness.reader("items", null);
    List<SourceRecord> all = new ArrayList<>(untilCaughtUp(reader));
    assertEquals(List.of("heartbeat full_sync"), describe(all));
    long u = fixture.update("items", "2", Obj("n", Value(22)));
    long c = fixture.create("items", "4", Obj("n", Value(4)));
    fixture.fauna().advanceClock(Duration.ofMinutes(61));
    all.addAll(untilCaughtUp(reader));
    assertEquals(List.of("read 2 " + u, "read 4 " + c), data(all), "not documents 1 and 3, unchanged since");

    long v = fixture.update("items", "3", Obj("n", Value(33)));
    fixture.fauna().advanceClock(Duration.ofMinutes(61));
    List<SourceRecord> second = untilCaughtUp(reader);
    assertEquals(List.of("read 3 " + v), data(second), "the next full sync emits only what changed since the last");
    assertEveryOffsetResumes(harness, second, List.of());
  }

  @Test
  void aFullSyncResumesFromEveryOffsetAfterTheWindow() {
    fixture.createCollection("items", 0L);
    long a = fixture.createAll("items", docs(1, 4));
    ReaderHarness harness = harness("ignore", "full.sync.interval.ms", "3600000");
    List<SourceRecord> all = untilCaughtUp(harness.reader("items", null));
    assertEquals(List.of("read 1 " + a, "read 2 " + a, "read 3 " + a, "read 4 " + a), describe(all));
    assertEquals(Phase.FULL_SYNC, offsetOf(all.get(3)).phase());
    fixture.fauna().advanceClock(PAST_WINDOW);
    // the snapshot ended: nothing is read again before the next full sync is due
    assertEquals(List.of(), data(untilCaughtUp(harness.reader("items", offsetOf(all.get(3))))));
    // mid-snapshot, without an index too, the snapshot that left the history goes on at a new time after document 2
    List<String> again = data(untilCaughtUp(harness.reader("items", offsetOf(all.get(1)))));
    assertEquals(List.of("read 3 " + a, "read 4 " + a), again);
  }

  @Test
  void aFreshStartAfterAnAttemptThatStoredNoOffsetEmitsTheDeletesOfWhatItMayHaveEmitted() {
    fixture.createCollection("items", 0L);
    fixture.createTsIndex("items_by_ts", "items");
    long a = fixture.createAll("items", docs(1, 3));
    ReaderHarness harness = harness("column_and_tombstone");
    // attempt 1 snapshots at T1 and emits every document, then dies before any offset is stored
    List<SourceRecord> topic = new ArrayList<>(untilCaughtUp(harness.reader("items", null)));
    assertEquals(List.of("read 1 " + a, "read 2 " + a, "read 3 " + a), describe(topic));
    long d = fixture.delete("items", "2");
    long u = fixture.update("items", "3", Obj("n", Value(33)));
    // attempt 2 starts with no offset and snapshots at T2 > d
    List<SourceRecord> second = untilCaughtUp(harness.reader("items", null));
    assertEquals(List.of("delete 2 " + d, "tombstone 2 " + d, "read 1 " + a, "read 3 " + u), describe(second));
    topic.addAll(second);
    assertEquals(Map.of("1", "read 1 " + a, "3", "read 3 " + u), compacted(topic),
        "the compacted topic holds exactly Fauna's documents");
  }

  /** What a compacted topic keeps: the last record of each key, tombstones and delete records removed. */
  private static Map<String, String> compacted(List<SourceRecord> topic) {
    Map<String, String> last = new LinkedHashMap<>();
    for (String r : data(topic)) {
      String ref = r.split(" ")[1];
      if (r.startsWith("read ") || r.startsWith("upsert ")) {
        last.put(ref, r);
      } else {
        last.remove(ref);
      }
    }
    return last;
  }

  private static void sleepMillis(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
