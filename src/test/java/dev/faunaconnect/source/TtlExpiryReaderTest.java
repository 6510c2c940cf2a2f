package dev.faunaconnect.source;

import static com.faunadb.client.query.Language.Arr;
import static com.faunadb.client.query.Language.Collection;
import static com.faunadb.client.query.Language.Create;
import static com.faunadb.client.query.Language.CreateIndex;
import static com.faunadb.client.query.Language.Epoch;
import static com.faunadb.client.query.Language.Null;
import static com.faunadb.client.query.Language.Now;
import static com.faunadb.client.query.Language.Obj;
import static com.faunadb.client.query.Language.Ref;
import static com.faunadb.client.query.Language.ToMicros;
import static com.faunadb.client.query.Language.Update;
import static com.faunadb.client.query.Language.Value;
import static dev.faunaconnect.source.ReaderHarness.data;
import static dev.faunaconnect.source.ReaderHarness.offsetOf;
import static dev.faunaconnect.source.ReaderHarness.untilCaughtUp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.faunadb.client.query.Expr;
import com.faunadb.client.query.Language.TimeUnit;
import com.faunadb.client.types.Codec;
import dev.faunaconnect.convert.RecordBuilder;
import dev.faunaconnect.fauna.TtlIndex;
import dev.faunaconnect.fixtures.FaunaFixture;
import dev.faunaconnect.offset.CollectionOffset;
import dev.faunaconnect.offset.Position;
import dev.faunaconnect.testing.LogCapture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Documents that expire by ttl reach Kafka as deletes at (ttl, ref), once, in order with the other changes and
 * deletes, against the local server, whose clock makes them expire (it models the real server's ttl: no remove
 * event at expiry, an expired document hidden from every later read, {@code At} included).
 */
class TtlExpiryReaderTest {
  private static final Duration MINUTE = Duration.ofMinutes(1);
  private FaunaFixture fixture;

  @BeforeEach
  void start() {
    fixture = FaunaFixture.start();
    fixture.createCollection("items", 30L);
    fixture.createTsIndex("items_by_ts", "items");
    fixture.query(CreateIndex(Obj("name", Value("items_by_ttl"), "source", Collection("items"), "terms", Arr(),
        "values", Arr(Obj("field", Value("ttl")), Obj("field", Value("ref"))))));
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  private long now() {
    return fixture.query(ToMicros(Now())).to(Codec.LONG).get();
  }

  private static Expr time(long micros) {
    return Epoch(Value(micros), TimeUnit.MICROSECOND);
  }

  /** Creates a document {n: id} with the ttl (micros); returns its ts. */
  private long createWithTtl(String id, long ttl) {
    return fixture.query(Create(Ref(Collection("items"), id), Obj("data", Obj("n", Value(Long.parseLong(id))),
        "ttl", time(ttl)))).at("ts").to(Codec.LONG).get();
  }

  /** Sets (or, with null, clears) a document's ttl; returns the update's ts. */
  private long setTtl(String id, Long ttl) {
    return fixture.query(Update(Ref(Collection("items"), id), Obj("ttl", ttl == null ? Null() : time(ttl))))
        .at("ts").to(Codec.LONG).get();
  }

  /** Steps the reader until it is caught up, with the clock moved by {@code by} first. */
  private List<SourceRecord> after(Duration by, CollectionReader reader) {
    fixture.advanceClock(by);
    return untilCaughtUp(reader);
  }

  @ParameterizedTest
  @ValueSource(strings = {"column", "tombstone", "column_and_tombstone"})
  void expiriesWhileStreamingAreDeletesAtTheirTtlInOrderInEveryDeletesMode(String mode) {
    long t0 = now();
    long a = createWithTtl("1", t0 + 10 * 60_000_000L);
    long b = createWithTtl("2", t0 + 20 * 60_000_000L);
    long c = fixture.create("items", "3", Obj("n", Value(3)));
    ReaderHarness harness = ReaderHarness.ofItems(fixture, mode);
    CollectionReader reader = harness.reader("items", null);
    List<SourceRecord> all = new ArrayList<>(untilCaughtUp(reader));
    all.addAll(after(MINUTE.multipliedBy(5), reader));
    long d = fixture.update("items", "3", Obj("n", Value(33)));
    all.addAll(after(MINUTE.multipliedBy(6), reader));
    long e = fixture.delete("items", "3");
    all.addAll(after(MINUTE.multipliedBy(10), reader));

    List<String> expected = new ArrayList<>(List.of("read 1 " + a, "read 2 " + b, "read 3 " + c, "upsert 3 " + d));
    expected.addAll(deletes(mode, "1", t0 + 10 * 60_000_000L));
    expected.addAll(deletes(mode, "3", e));
    expected.addAll(deletes(mode, "2", t0 + 20 * 60_000_000L));
    assertEquals(expected, data(all));
    all.stream().filter(r -> r.value() instanceof Struct s && s.schema().field("deleted_at") != null
            && s.get("deleted_at") != null)
        .forEach(r -> assertDeleteRecord(r, mode));
    // resumed now, the snapshot no longer shows 2 (expired), nor the changes the change of 3 (deleted since):
    // their deletes follow anyway
    assertEachOffsetResumesTheRest(harness, all, "read 2 " + b, "upsert 3 " + d);
  }

  @Test
  void deletesModeIgnoreEmitsNoExpiry() {
    long t0 = now();
    long a = createWithTtl("1", t0 + 60_000_000L);
    CollectionReader reader = ReaderHarness.ofItems(fixture, "ignore").reader("items", null);
    List<SourceRecord> all = new ArrayList<>(untilCaughtUp(reader));
    all.addAll(after(MINUTE.multipliedBy(5), reader));
    assertEquals(List.of("read 1 " + a), data(all));
  }

  @Test
  void ttlSetChangedAndClearedByUpdatesGiveOnlyTheRealExpiries() {
    long t0 = now();
    long a = fixture.createAll("items", ReaderHarness.docs(1, 4));
    ReaderHarness harness = ReaderHarness.ofItems(fixture, "column");
    CollectionReader reader = harness.reader("items", null);
    List<SourceRecord> all = new ArrayList<>(untilCaughtUp(reader));
    long set1 = setTtl("1", t0 + 10 * 60_000_000L);            // set: expires at +10 min
    long set2 = setTtl("2", t0 + 5 * 60_000_000L);             // set, then pushed later to +30 min
    long moved2 = setTtl("2", t0 + 30 * 60_000_000L);
    long set3 = setTtl("3", t0 + 8 * 60_000_000L);             // set, then cleared: never expires
    long cleared3 = setTtl("3", null);
    long past4 = setTtl("4", t0 - 60_000_000L);                // a ttl already passed: gone at once
    all.addAll(untilCaughtUp(reader));
    all.addAll(after(MINUTE.multipliedBy(15), reader));
    all.addAll(after(MINUTE.multipliedBy(20), reader));

    // set2 and set3 were superseded before they were read: their documents arrive once, in their newer state
    assertEquals(List.of("read 1 " + a, "read 2 " + a, "read 3 " + a, "read 4 " + a, "upsert 1 " + set1,
        "upsert 2 " + moved2, "upsert 3 " + cleared3, "delete 4 " + past4, "delete 1 " + (t0 + 10 * 60_000_000L),
        "delete 2 " + (t0 + 30 * 60_000_000L)), data(all), "writes at " + List.of(set2, set3));
    // resumed now, a snapshot at T still shows 2 and 4 (their versions at T have no ttl), but the changes no longer
    // show the updates of 1 and 2, which have expired since: only their deletes follow
    assertEachOffsetResumesTheRest(harness, all, "upsert 1 " + set1, "upsert 2 " + moved2);
  }

  @Test
  void expiriesWhileTheTaskIsStoppedArriveOnResume() {
    long t0 = now();
    long a = createWithTtl("1", t0 + 10 * 60_000_000L);
    long b = createWithTtl("2", t0 + 3 * 60 * 60_000_000L);
    long c = fixture.create("items", "3", Obj("n", Value(3)));
    ReaderHarness harness = ReaderHarness.ofItems(fixture, "column_and_tombstone");
    List<SourceRecord> before = untilCaughtUp(harness.reader("items", null));
    assertEquals(List.of("read 1 " + a, "read 2 " + b, "read 3 " + c), data(before));
    CollectionOffset stored = offsetOf(before.get(before.size() - 1));

    fixture.advanceClock(Duration.ofHours(4)); // the task is stopped while both expire
    long d = fixture.update("items", "3", Obj("n", Value(33)));
    CollectionReader resumed = harness.reader("items", stored);
    List<SourceRecord> after = untilCaughtUp(resumed);
    assertEquals(List.of("delete 1 " + (t0 + 10 * 60_000_000L), "tombstone 1 " + (t0 + 10 * 60_000_000L),
        "delete 2 " + (t0 + 3 * 60 * 60_000_000L), "tombstone 2 " + (t0 + 3 * 60 * 60_000_000L), "upsert 3 " + d),
        data(after));
    List<SourceRecord> all = new ArrayList<>(before);
    all.addAll(after);
    assertEachOffsetResumesTheRest(harness, all, "read 2 " + b);
  }

  @Test
  void aDocumentExpiringDuringAPagedSnapshotDropsOutOfItAndFollowsItAsADelete() {
    long t0 = now();
    long a = fixture.createAll("items", ReaderHarness.docs(1, 4));
    long ttl = t0 + 2 * 60_000_000L;
    long b = createWithTtl("5", ttl);
    long ttl6 = t0 + 30 * 60_000_000L;
    long c = createWithTtl("6", ttl6);
    ReaderHarness harness = ReaderHarness.ofItems(fixture, "column");
    CollectionReader reader = harness.reader("items", null);
    List<SourceRecord> all = new ArrayList<>();
    while (!data(all).contains("read 4 " + a)) { // the first two pages of the snapshot: documents 1 to 4
      all.addAll(reader.step().records());
    }
    fixture.advanceClock(MINUTE.multipliedBy(5)); // 5 expires at T + 2 min, before its page is read
    all.addAll(untilCaughtUp(reader));
    all.addAll(after(MINUTE.multipliedBy(30), reader));
    assertEquals(List.of("read 1 " + a, "read 2 " + a, "read 3 " + a, "read 4 " + a, "read 6 " + c,
        "delete 5 " + ttl, "delete 6 " + ttl6), data(all), "5 (written at " + b + ") is not read");
    // resumed now, the snapshot no longer shows 6 either: it has expired too, and follows as a delete
    assertEachOffsetResumesTheRest(harness, all, "read 6 " + c);
  }

  @Test
  void aReaderPausedLongerThanItsWindowReplaysTheIndexHistoryAndMissesNothing() {
    long t0 = now();
    long a = createWithTtl("1", t0 + 90 * 60_000_000L);
    long b = createWithTtl("2", t0 + 100 * 60_000_000L);
    ReaderHarness harness = ReaderHarness.ofItems(fixture, "column");
    CollectionReader reader = harness.reader("items", null);
    List<SourceRecord> all = new ArrayList<>(untilCaughtUp(reader));
    String logged;
    try (LogCapture log = LogCapture.open()) {
      all.addAll(after(Duration.ofHours(2), reader)); // the window (an hour ahead) lapsed: both expired in the gap
      logged = log.text();
    }
    assertEquals(List.of("read 1 " + a, "read 2 " + b, "delete 1 " + (t0 + 90 * 60_000_000L),
        "delete 2 " + (t0 + 100 * 60_000_000L)), data(all));
    assertTrue(logged.contains("ttl expiries were not followed up to"), logged);
    assertEachOffsetResumesTheRest(harness, all, "read 2 " + b);
  }

  @Test
  void aFreshStartEmitsTheExpiriesHistoryStillShowsBeforeItsSnapshot() {
    long t0 = now();
    createWithTtl("1", t0 + 60_000_000L);
    long b = fixture.create("items", "2", Obj("n", Value(2)));
    fixture.advanceClock(MINUTE.multipliedBy(2)); // 1 expired before the connector ever started
    ReaderHarness harness = ReaderHarness.ofItems(fixture, "column");
    List<SourceRecord> all = untilCaughtUp(harness.reader("items", null));
    // like the deletes history keeps up to T: an earlier attempt may have emitted 1 without storing an offset
    assertEquals(List.of("delete 1 " + (t0 + 60_000_000L), "read 2 " + b), data(all));
    assertEachOffsetResumesTheRest(harness, all);
  }

  @Test
  void withoutATsIndexExpiriesArriveBetweenFullSyncs() {
    fixture.createCollection("synced", 30L);
    fixture.query(CreateIndex(Obj("name", Value("synced_by_ttl"), "source", Collection("synced"), "terms", Arr(),
        "values", Arr(Obj("field", Value("ttl")), Obj("field", Value("ref"))))));
    long ttl = now() + 5 * 60_000_000L;
    long a = fixture.query(Create(Ref(Collection("synced"), "1"), Obj("data", Obj("n", Value(1)), "ttl", time(ttl))))
        .at("ts").to(Codec.LONG).get();
    ReaderHarness harness = new ReaderHarness(fixture, java.util.Map.of("collections", "synced", "deletes.mode",
        "column", "full.sync.interval.ms", "86400000"));
    CollectionReader reader = harness.reader("synced", null);
    List<SourceRecord> all = new ArrayList<>(untilCaughtUp(reader));
    all.addAll(after(MINUTE.multipliedBy(10), reader));
    assertEquals(List.of("read 1 " + a, "delete 1 " + ttl), data(all));
    assertEquals(CollectionOffset.Phase.FULL_SYNC, reader.offset().phase());
  }

  /**
   * While a snapshot is read, the ttl index's events are not held in memory: the documents created meanwhile (each
   * one an event of the ttl index) are read after the snapshot, a page at a time, as its changes are.
   */
  @Test
  void theMemoryOfExpiriesStaysWithinAPageWhileALongSnapshotIsRead() {
    List<String> snapshot = new ArrayList<>();
    for (int i = 1; i <= 40; i += 5) { // transactions of 5: a ts of its own is read a page at a time
      long ts = fixture.createAll("items", ReaderHarness.docs(i, i + 4));
      ReaderHarness.docs(i, i + 4).keySet().forEach(id -> snapshot.add("read " + id + " " + ts));
    }
    long ttl = now() + 30 * 60_000_000L;
    CollectionReader reader = ReaderHarness.ofItems(fixture, "column").reader("items", null);
    List<SourceRecord> all = new ArrayList<>();
    int most = 0;
    int created = 0;
    do { // every step up to the end of the snapshot, with 5 documents created after each
      all.addAll(reader.step().records());
      fixture.createAll("items", ReaderHarness.docs(100 + created, 104 + created));
      created += 5;
      most = Math.max(most, reader.expiries().remembered());
    } while (reader.offset().phase() == CollectionOffset.Phase.SNAPSHOT);
    long b = createWithTtl("9999", ttl);
    all.addAll(untilCaughtUp(reader));
    most = Math.max(most, reader.expiries().remembered());
    all.addAll(after(MINUTE.multipliedBy(31), reader));
    // at most the events of one transaction (5) and a page (2): the remembered adds are let go once read past
    assertTrue(most <= 7, "held " + most + " positions");
    List<String> records = data(all);
    assertEquals(snapshot, records.subList(0, 40));
    assertEquals(List.of("upsert 9999 " + b, "delete 9999 " + ttl), records.subList(records.size() - 2, records.size()));
    assertEquals(40 + created + 2, records.size());
  }

  /**
   * Stopped for longer than the collection's history (1 day + 15 minutes) while a document expired: the expiry is
   * beyond what Fauna still shows, and {@code history.loss.action} applies, never a silent loss.
   */
  @Test
  void anExpiryWhileStoppedLongerThanTheHistoryGoesThroughHistoryLossAction() {
    fixture.createCollection("short", 1L);
    fixture.createTsIndex("short_by_ts", "short");
    fixture.query(CreateIndex(Obj("name", Value("short_by_ttl"), "source", Collection("short"), "terms", Arr(),
        "values", Arr(Obj("field", Value("ttl")), Obj("field", Value("ref"))))));
    fixture.query(Create(Ref(Collection("short"), "1"), Obj("data", Obj("n", Value(1)), "ttl",
        time(now() + 2 * 60 * 60_000_000L))));
    long b = fixture.create("short", "2", Obj("n", Value(2)));
    java.util.Map<String, String> settings = new java.util.HashMap<>(java.util.Map.of("collections", "short",
        "deletes.mode", "column"));
    CollectionReader reader = new ReaderHarness(fixture, settings).reader("short", null);
    assertEquals(2, data(untilCaughtUp(reader)).size());
    CollectionOffset stored = reader.offset(); // as a heartbeat stores it
    fixture.advanceClock(Duration.ofHours(26));

    org.apache.kafka.connect.errors.ConnectException lost = org.junit.jupiter.api.Assertions.assertThrows(
        org.apache.kafka.connect.errors.ConnectException.class,
        () -> untilCaughtUp(new ReaderHarness(fixture, settings).reader("short", stored)));
    assertTrue(lost.getMessage().contains("deletes made after that time and before the oldest history kept were "
        + "LOST"), lost.getMessage());
    settings.put("history.loss.action", "snapshot");
    assertEquals(List.of("read 2 " + b), data(untilCaughtUp(new ReaderHarness(fixture, settings)
        .reader("short", stored))));
  }

  @Test
  void aCollectionWithoutTtlIndexIsStreamedWithAWarningThatExpiriesWillNotBeSeen() {
    fixture.createCollection("plain", 30L);
    fixture.createTsIndex("plain_by_ts", "plain");
    long a = fixture.create("plain", "1", Obj("n", Value(1)));
    ReaderHarness harness = new ReaderHarness(fixture, java.util.Map.of("collections", "plain", "deletes.mode",
        "column"));
    String logged;
    try (LogCapture log = LogCapture.open()) {
      assertEquals(List.of("read 1 " + a), data(untilCaughtUp(harness.reader("plain", null))));
      logged = log.text();
    }
    assertTrue(logged.contains("Collection 'plain' has no ttl index, so documents that expire by ttl will not reach "
        + "Kafka as deletes"), logged);
    assertTrue(logged.contains(TtlIndex.createIndexFql("plain")), logged);
  }

  private static List<String> deletes(String mode, String ref, long ts) {
    return switch (mode) {
      case "column" -> List.of("delete " + ref + " " + ts);
      case "tombstone" -> List.of("tombstone " + ref + " " + ts);
      default -> List.of("delete " + ref + " " + ts, "tombstone " + ref + " " + ts);
    };
  }

  /** The whole deletes-column record of an expiry: key, value (ref, ts, deleted_at; no data), timestamp, op. */
  private static void assertDeleteRecord(SourceRecord r, String mode) {
    Struct value = (Struct) r.value();
    long ts = value.getInt64("ts");
    Struct expected = new Struct(r.valueSchema()).put("ref", value.getString("ref")).put("ts", ts)
        .put("deleted_at", new Date(ts / 1000));
    assertEquals(expected, value);
    assertEquals(value.getString("ref"), ((Struct) r.key()).getString("ref"));
    assertEquals(ts / 1000, r.timestamp());
    assertEquals("fauna.items", r.topic());
    assertEquals(RecordBuilder.OP_DELETE, r.headers().lastWithName(RecordBuilder.OP_HEADER).value());
    if (mode.equals("column")) {
      assertEquals(new Position(ts, value.getString("ref")), offsetOf(r).remove(), "the offset stands at the delete");
    }
  }

  /**
   * A reader started from the offset of any record emits exactly the records after it (see CollectionReaderTest),
   * except {@code goneSince}: records of documents that are gone by now, which a read made now cannot show.
   */
  private static void assertEachOffsetResumesTheRest(ReaderHarness harness, List<SourceRecord> emitted,
      String... goneSince) {
    List<SourceRecord> all = emitted.stream().filter(r -> !data(List.of(r)).isEmpty()).toList();
    List<String> described = data(all);
    for (int i = 0; i < all.size(); i++) {
      boolean firstOfDelete = i + 1 < all.size()
          && described.get(i + 1).equals(described.get(i).replace("delete", "tombstone"));
      List<String> rest = new ArrayList<>(described.subList(firstOfDelete ? i : i + 1, all.size()));
      rest.removeAll(List.of(goneSince));
      List<SourceRecord> resumed = untilCaughtUp(harness.reader("items", offsetOf(all.get(i))));
      assertEquals(rest, data(resumed), "resumed after record " + i + " (" + described.get(i) + ", offset "
          + offsetOf(all.get(i)) + ")");
    }
  }
}
