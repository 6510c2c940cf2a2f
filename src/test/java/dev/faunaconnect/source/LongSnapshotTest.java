package dev.faunaconnect.source;

import static com.faunadb.client.query.Language.Arr;
import static com.faunadb.client.query.Language.Collection;
import static com.faunadb.client.query.Language.Create;
import static com.faunadb.client.query.Language.CreateIndex;
import static com.faunadb.client.query.Language.Epoch;
import static com.faunadb.client.query.Language.Now;
import static com.faunadb.client.query.Language.Obj;
import static com.faunadb.client.query.Language.Ref;
import static com.faunadb.client.query.Language.ToMicros;
import static com.faunadb.client.query.Language.Value;
import static dev.faunaconnect.source.ReaderHarness.data;
import static dev.faunaconnect.source.ReaderHarness.offsetOf;
import static dev.faunaconnect.source.ReaderHarness.untilCaughtUp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.faunadb.client.query.Expr;
import com.faunadb.client.query.Language.TimeUnit;
import com.faunadb.client.types.Codec;
import dev.faunaconnect.fixtures.FaunaFixture;
import dev.faunaconnect.offset.CollectionOffset;
import dev.faunaconnect.offset.CollectionOffset.Phase;
import dev.faunaconnect.offset.Position;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A snapshot of a collection with {@code history_days} 0 that keeps reading, page after page, for several times the
 * history it keeps (history_days + 15 minutes), with deletes, updates, creates and ttl expiries while it is read:
 * it finishes, each delete reaches the topic once and in order, no key sees an older version after a newer one, and
 * the topic ends as Fauna. The reader is restarted now and then from a record's offset, the later records lost.
 */
class LongSnapshotTest {
  private static final int DOCS = 200;
  private FaunaFixture fixture;
  private final Map<String, Long> ttls = new HashMap<>();
  private final List<Position> deletes = new ArrayList<>();
  private int nextId = DOCS + 1;
  private int expired;

  @BeforeEach
  void start() {
    fixture = FaunaFixture.start();
    fixture.createCollection("items", 0L);
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @ParameterizedTest(name = "deletes.mode={0}, changes.mode={1}, index={2}")
  @CsvSource({"column, latest, true", "tombstone, latest, true", "column, every_version, true",
      "tombstone, every_version, true", "column, latest, false", "tombstone, latest, false"})
  void aSnapshotReadForFiveTimesTheHistoryFinishesWithEveryDeleteOnce(String deletesMode, String changesMode,
      boolean index) {
    if (index) {
      fixture.createTsIndex("items_by_ts", "items");
    }
    fixture.query(CreateIndex(Obj("name", Value("items_by_ttl"), "source", Collection("items"), "terms", Arr(),
        "values", Arr(Obj("field", Value("ttl")), Obj("field", Value("ref"))))));
    fixture.createAll("items", ReaderHarness.docs(1, DOCS));
    // written long ago: a restart's replay of the ttl index's history (TtlExpiries) covers the writes made since
    fixture.advanceClock(Duration.ofMinutes(16));
    long start = now();
    Random random = new Random(deletesMode.hashCode() + changesMode.hashCode() + (index ? 1 : 0));
    ReaderHarness harness = ReaderHarness.ofItems(fixture, deletesMode, "changes.mode", changesMode,
        "full.sync.interval.ms", String.valueOf(Duration.ofMinutes(60).toMillis()));
    List<SourceRecord> topic = new ArrayList<>();
    CollectionReader reader = harness.reader("items", null);
    int steps = 0;
    while (reader.offset() == null || reader.offset().phase() == Phase.SNAPSHOT) {
      List<SourceRecord> records = reader.step().records();
      steps++;
      if (!records.isEmpty() && random.nextInt(6) == 0) { // a restart: the records after a stored one are lost
        int stored = random.nextInt(records.size());
        topic.addAll(records.subList(0, stored + 1));
        reader = harness.reader("items", offsetOf(records.get(stored)));
      } else {
        topic.addAll(records);
      }
      if (readsPages(reader)) {
        write(random);
        fixture.advanceClock(Duration.ofSeconds(40 + random.nextInt(20)));
        expire();
      }
      assertTrue(steps < 5 * DOCS, "the snapshot never ends");
    }
    long took = now() - start;
    assertTrue(took > 5 * 15 * 60_000_000L, "the snapshot took only " + took / 60_000_000L + " minutes");
    topic.addAll(untilCaughtUp(reader));
    expire();
    assertTopic(data(topic), deletesMode);
  }

  /** The deletes made and expired, each once, in order; no older version after a newer one; the topic as Fauna. */
  private void assertTopic(List<String> records, String deletesMode) {
    String deleteOp = deletesMode.equals("tombstone") ? "tombstone " : "delete ";
    deletes.sort(Comparator.naturalOrder());
    assertEquals(deletes.stream().map(p -> deleteOp + p.ref() + " " + p.ts()).toList(),
        records.stream().filter(r -> r.startsWith(deleteOp)).toList());
    Map<String, Long> last = new HashMap<>();
    Map<String, String> lastRecord = new HashMap<>();
    for (String r : records) {
      String[] parts = r.split(" ");
      long ts = Long.parseLong(parts[2]);
      Long before = last.put(parts[1], ts);
      assertTrue(before == null || before <= ts, r + " after " + lastRecord.get(parts[1]));
      String previous = lastRecord.put(parts[1], r);
      assertFalse(previous != null && previous.startsWith(deleteOp), r + " after " + previous);
    }
    assertEquals(ReaderHarness.faunaDocuments(fixture), ReaderHarness.compacted(records));
    assertTrue(deletes.size() > 10, deletes.size() + " deletes");
    assertTrue(expired > 5, expired + " expiries");
  }

  /**
   * A snapshot paused (the task down) for longer than the history while deletes are made: the deletes it had not
   * read may be lost, so history.loss.action decides: fail, or a fresh snapshot.
   */
  @ParameterizedTest
  @CsvSource({"fail", "snapshot"})
  void aSnapshotStoppedForLongerThanTheHistoryGoesThroughHistoryLossAction(String action) {
    fixture.createTsIndex("items_by_ts", "items");
    long a = fixture.createAll("items", ReaderHarness.docs(1, 6));
    ReaderHarness harness = ReaderHarness.ofItems(fixture, "column", "history.loss.action", action);
    CollectionReader reader = harness.reader("items", null);
    List<SourceRecord> topic = new ArrayList<>();
    while (data(topic).size() < 4) {
      topic.addAll(reader.step().records());
    }
    CollectionOffset stored = offsetOf(topic.get(topic.size() - 1));
    assertEquals(Phase.SNAPSHOT, stored.phase());
    fixture.delete("items", "5");
    fixture.advanceClock(Duration.ofMinutes(20));
    CollectionReader restarted = harness.reader("items", stored);
    if (action.equals("fail")) {
      ConnectException lost = assertThrows(ConnectException.class, () -> untilCaughtUp(restarted));
      assertTrue(lost.getMessage().contains("were LOST"), lost.getMessage());
      ConnectException running = assertThrows(ConnectException.class, () -> untilCaughtUp(reader));
      assertTrue(running.getMessage().contains("were LOST"), running.getMessage());
    } else {
      List<String> again = data(untilCaughtUp(restarted));
      assertEquals(List.of("read 1 " + a, "read 2 " + a, "read 3 " + a, "read 4 " + a, "read 6 " + a), again);
      assertEquals(List.of("read 1 " + a, "read 2 " + a, "read 3 " + a, "read 4 " + a, "read 6 " + a),
          data(untilCaughtUp(reader)));
    }
  }

  /**
   * 100,000 documents in pages of 1000, read for five times the history kept, with deletes and updates while it is
   * read: the snapshot finishes, with every delete once, and the topic ends as Fauna.
   */
  @Test
  void aSnapshotOfAHundredThousandDocumentsOnHistoryDaysZeroFinishes() {
    fixture.createTsIndex("items_by_ts", "items");
    int total = 100_000;
    for (int from = 1; from <= total; from += 1000) {
      fixture.createAll("items", ReaderHarness.docs(from, from + 999));
    }
    long start = now();
    ReaderHarness harness = new ReaderHarness(fixture, Map.of("collections", "items", "page.size", "1000",
        "deletes.mode", "column", "poll.interval.ms", "1000"));
    CollectionReader reader = harness.reader("items", null);
    Random random = new Random(7);
    Map<String, Long> latest = new TreeMap<>();
    long deleted = 0;
    List<String> records = new ArrayList<>();
    while (reader.offset() == null || reader.offset().phase() == Phase.SNAPSHOT) {
      reader.step().records().forEach(r -> records.add(ReaderHarness.describe(r)));
      if (!readsPages(reader)) {
        continue;
      }
      for (int i = 0; i < 5; i++) {
        String id = String.valueOf(1 + random.nextInt(total));
        if (deletes.stream().noneMatch(p -> p.ref().equals(id))) {
          if (random.nextBoolean()) {
            deletes.add(new Position(fixture.delete("items", id), id));
            deleted++;
          } else {
            fixture.update("items", id, Obj("n", Value(-1)));
          }
        }
      }
      fixture.advanceClock(Duration.ofSeconds(50));
    }
    assertTrue(now() - start > 5 * 15 * 60_000_000L, "the snapshot took only " + (now() - start) / 60_000_000L
        + " minutes");
    untilCaughtUp(reader).forEach(r -> records.add(ReaderHarness.describe(r)));
    deletes.sort(Comparator.naturalOrder());
    assertEquals(deletes.stream().map(p -> "delete " + p.ref() + " " + p.ts()).toList(),
        records.stream().filter(r -> r.startsWith("delete ")).toList());
    assertTrue(deleted > 100, deleted + " deletes");
    Map<String, Long> compacted = ReaderHarness.compacted(records);
    assertEquals(total - deleted, compacted.size());
    assertEquals(allDocuments(), compacted);
  }

  /**
   * Whether the reader has read the deletes up to its snapshot's start, a fresh start's first read (a page of the
   * history's events per step), and reads the snapshot's pages: the clock moves only from then on.
   */
  private static boolean readsPages(CollectionReader reader) {
    CollectionOffset offset = reader.offset();
    return offset != null && offset.remove().compareTo(Position.endOf(offset.snapshotStart())) >= 0;
  }

  /** Every document of items now, id to ts, read a page of 10,000 at a time. */
  private Map<String, Long> allDocuments() {
    Map<String, Long> docs = new TreeMap<>();
    Expr cursor = null;
    do {
      var paginate = com.faunadb.client.query.Language.Paginate(
          com.faunadb.client.query.Language.Documents(Collection("items"))).size(10_000);
      if (cursor != null) {
        paginate = paginate.after(cursor);
      }
      var page = fixture.query(com.faunadb.client.query.Language.Map(paginate,
          com.faunadb.client.query.Language.Lambda("x", com.faunadb.client.query.Language.Get(
              com.faunadb.client.query.Language.Var("x")))));
      for (var doc : page.at("data").to(Codec.ARRAY).get()) {
        docs.put(doc.at("ref").to(Codec.REF).get().getId(), doc.at("ts").to(Codec.LONG).get());
      }
      cursor = page.at("after").getOptional().map(v -> (Expr) v).orElse(null);
    } while (cursor != null);
    return docs;
  }

  /**
   * One write: an update or a delete of a document without ttl, a create, or a create with a ttl a few minutes
   * ahead (written within the history, so that a restart's replay of the ttl index finds it: see TtlExpiries).
   */
  private void write(Random random) {
    List<String> live = ReaderHarness.faunaDocuments(fixture).keySet().stream()
        .filter(id -> !ttls.containsKey(id)).toList();
    int dice = random.nextInt(4);
    String id = live.get(random.nextInt(live.size()));
    if (dice == 0) {
      fixture.update("items", id, Obj("n", Value(random.nextInt(1000))));
    } else if (dice == 1) {
      deletes.add(new Position(fixture.delete("items", id), id));
    } else if (dice == 2) {
      fixture.create("items", String.valueOf(nextId++), Obj("n", Value(0)));
    } else { // it expires while the snapshot is read, before or beyond its cursor
      createWithTtl(String.valueOf(nextId++), now() + (3 + random.nextInt(5)) * 60_000_000L);
    }
  }

  private long now() {
    return fixture.query(ToMicros(Now())).to(Codec.LONG).get();
  }

  private void createWithTtl(String id, long ttl) {
    fixture.query(Create(Ref(Collection("items"), id), Obj("data", Obj("n", Value(0)), "ttl",
        Epoch(Value(ttl), TimeUnit.MICROSECOND))));
    ttls.put(id, ttl);
  }

  /** Moves the documents whose ttl has passed to the deletes. */
  private void expire() {
    long now = now();
    ttls.entrySet().removeIf(e -> {
      if (e.getValue() <= now) {
        deletes.add(new Position(e.getValue(), e.getKey()));
        expired++;
        return true;
      }
      return false;
    });
  }
}
