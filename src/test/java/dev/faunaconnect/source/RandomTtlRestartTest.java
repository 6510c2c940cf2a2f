package dev.faunaconnect.source;

import static com.faunadb.client.query.Language.Arr;
import static com.faunadb.client.query.Language.Collection;
import static com.faunadb.client.query.Language.Create;
import static com.faunadb.client.query.Language.CreateIndex;
import static com.faunadb.client.query.Language.Epoch;
import static com.faunadb.client.query.Language.Map;
import static com.faunadb.client.query.Language.Now;
import static com.faunadb.client.query.Language.Null;
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
import com.faunadb.client.types.Value;
import dev.faunaconnect.fixtures.FaunaFixture;
import dev.faunaconnect.offset.CollectionOffset;
import dev.faunaconnect.offset.Position;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random ttl histories as in {@link RandomTtlHistoryTest}, but harsher: pages of 1 and 2, both changes modes, deletes
 * as a record then a tombstone, ttls at the same micro and at the ts of other writes, and restarts from any offset
 * the task may have stored: its current position (what a heartbeat stores), or any earlier record's (the records
 * after it are then lost, as when the worker died before producing them); clock jumps longer than the hour the ttl
 * window reaches ahead; a collection without ts index (full syncs every 10 minutes); {@code snapshot.mode=never}. Every delete and expiry reaches the topic
 * once as a delete record followed by its tombstone, in (ts, ref) order, and the compacted topic ends as Fauna.
 */
class RandomTtlRestartTest {
  private static final int IDS = 8;
  private static final long MINUTE = 60_000_000L;
  private FaunaFixture fixture;
  private final java.util.Map<String, Long> ttls = new HashMap<>();
  private final List<Position> deletes = new ArrayList<>();

  @BeforeEach
  void start() {
    fixture = FaunaFixture.start();
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  static Stream<Arguments> runs() {
    return Stream.of(Arguments.of(11, 1, "latest", "ts"), Arguments.of(12, 2, "latest", "ts"), Arguments.of(13, 1,
        "every_version", "ts"), Arguments.of(14, 2, "every_version", "ts"), Arguments.of(15, 1, "latest", "ts"),
        Arguments.of(16, 1, "every_version", "ts"), Arguments.of(17, 1, "latest", "ts"), Arguments.of(18, 1,
        "every_version", "ts"), Arguments.of(19, 3, "latest", "ts"), Arguments.of(20, 3, "every_version", "ts"),
        Arguments.of(21, 1, "latest", "full_sync"), Arguments.of(22, 2, "latest", "full_sync"), Arguments.of(23, 1,
        "latest", "never"), Arguments.of(24, 2, "every_version", "never"));
  }

  @ParameterizedTest
  @MethodSource("runs")
  void everyDeleteArrivesOnceInOrderWhateverOffsetTheTaskResumesFrom(long seed, int pageSize, String changes,
      String variant) {
    String context = "seed " + seed + ", page.size " + pageSize + ", " + changes + ", " + variant;
    Random random = new Random(seed);
    fixture.createCollection("items", 30L);
    if (!variant.equals("full_sync")) {
      fixture.createTsIndex("items_by_ts", "items");
    }
    fixture.query(CreateIndex(Obj("name", Value("items_by_ttl"), "source", Collection("items"), "terms", Arr(),
        "values", Arr(Obj("field", Value("ttl")), Obj("field", Value("ref"))))));
    ReaderHarness harness = new ReaderHarness(fixture, java.util.Map.of("collections", "items", "page.size",
        String.valueOf(pageSize), "deletes.mode", "column_and_tombstone", "changes.mode", changes,
        "poll.interval.ms", "1000", "full.sync.interval.ms", "600000", "snapshot.mode",
        variant.equals("never") ? "never" : "initial"));
    List<SourceRecord> topic = new ArrayList<>();
    CollectionReader reader = harness.reader("items", null);
    topic.addAll(reader.step().records()); // the start: with snapshot.mode=never, what follows it is streamed
    for (int turn = 0; turn < 120; turn++) {
      int dice = random.nextInt(100);
      if (dice < 50) {
        write(random);
      } else if (dice < 75) {
        for (int i = random.nextInt(4) + 1; i > 0; i--) {
          topic.addAll(reader.step().records());
        }
      } else if (dice < 82 && reader.offset() != null) {
        reader = harness.reader("items", reader.offset()); // a heartbeat stored the position
      } else if (dice < 88) {
        reader = harness.reader("items", resumedFromEarlierRecord(topic, random));
      } else {
        // now and then more than the hour the ttl window reaches ahead: it lapses while the reader runs
        fixture.advanceClock(Duration.ofMinutes(1 + random.nextInt(seed % 2 == 0 ? 25 : 90)));
        expire();
      }
    }
    fixture.advanceClock(Duration.ofMinutes(41));
    expire();
    topic.addAll(untilCaughtUp(reader));

    List<String> records = data(topic);
    deletes.sort(Comparator.naturalOrder());
    List<String> expected = new ArrayList<>();
    deletes.forEach(p -> expected.addAll(List.of("delete " + p.ref() + " " + p.ts(), "tombstone " + p.ref() + " "
        + p.ts())));
    assertEquals(expected, records.stream().filter(r -> r.startsWith("delete ") || r.startsWith("tombstone "))
        .toList(), context);
    assertEquals(ReaderHarness.faunaDocuments(fixture), ReaderHarness.compacted(records), context);
    assertChangesInOrder(records, context);
  }

  /** A random earlier record's offset; the records after it are dropped from the topic (never produced). */
  private static CollectionOffset resumedFromEarlierRecord(List<SourceRecord> topic, Random random) {
    if (topic.isEmpty()) {
      return null;
    }
    int i = random.nextInt(topic.size());
    CollectionOffset offset = offsetOf(topic.get(i));
    boolean firstOfTwo = topic.get(i).value() != null && i + 1 < topic.size() && topic.get(i + 1).value() == null
        && offsetOf(topic.get(i + 1)).equals(offset) == false
        && data(List.of(topic.get(i))).get(0).startsWith("delete ");
    // the first of a delete's two records carries the offset from before the delete: both come again
    topic.subList(firstOfTwo ? i : i + 1, topic.size()).clear();
    return offset;
  }

  /** After the snapshot's reads, the changes and deletes come in (ts, ref) order (a delete first at one position). */
  private static void assertChangesInOrder(List<String> records, String context) {
    Position last = null;
    for (String r : records) {
      String[] parts = r.split(" ");
      if (parts[0].equals("read")) {
        continue;
      }
      Position at = new Position(Long.parseLong(parts[2]), parts[1]);
      assertTrue(last == null || last.compareTo(at) <= 0, context + ": " + r + " after " + last + " in " + records);
      last = at;
    }
  }

  private long now() {
    return fixture.query(ToMicros(Now())).to(Codec.LONG).get();
  }

  private void expire() {
    long now = now();
    ttls.entrySet().removeIf(e -> {
      if (e.getValue() <= now) {
        deletes.add(new Position(e.getValue(), e.getKey()));
        return true;
      }
      return false;
    });
  }

  /** A ttl: none, minutes ahead, the same micro as another ttl, or just after now (the next writes' ts). */
  private Long randomTtl(Random random) {
    int dice = random.nextInt(6);
    if (dice < 2) {
      return null;
    }
    if (dice == 2 && !ttls.isEmpty()) {
      return ttls.values().iterator().next();
    }
    if (dice == 3) {
      return now() + 1 + random.nextInt(3);
    }
    return now() + (1 + random.nextInt(40)) * MINUTE;
  }

  private void write(Random random) {
    expire();
    String id = String.valueOf(1 + random.nextInt(IDS));
    Expr ref = Ref(Collection("items"), id);
    Long ttl = randomTtl(random);
    if (!ReaderHarness.faunaDocuments(fixture).containsKey(id)) {
      track(id, ttl, fixture.query(Create(ref, ttl == null ? Obj("data", Obj("n", Value(random.nextInt(1000))))
          : Obj("data", Obj("n", Value(random.nextInt(1000))), "ttl", time(ttl)))).at("ts").to(Codec.LONG).get());
    } else if (random.nextInt(4) == 0) {
      deletes.add(new Position(fixture.delete("items", id), id));
      ttls.remove(id);
    } else if (random.nextBoolean()) {
      track(id, ttl, fixture.query(Update(ref, Obj("ttl", ttl == null ? Null() : time(ttl)))).at("ts")
          .to(Codec.LONG).get());
    } else {
      fixture.update("items", id, Obj("n", Value(random.nextInt(1000))));
    }
    expire();
  }

  /** A ttl at or before the write's ts makes the document vanish at once: its delete stands at that ts. */
  private void track(String id, Long ttl, long writtenAt) {
    if (ttl == null) {
      ttls.remove(id);
    } else {
      ttls.put(id, Math.max(ttl, writtenAt));
    }
  }

  private static Expr time(long micros) {
    return Epoch(Value(micros), TimeUnit.MICROSECOND);
  }

}
