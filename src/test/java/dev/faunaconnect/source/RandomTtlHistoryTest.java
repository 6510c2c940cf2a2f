package dev.faunaconnect.source;

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
import dev.faunaconnect.offset.Position;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random histories with ttls: creates with and without a ttl, updates that set, change or clear it or only change
 * data, deletes, re-creates, the clock jumping so that documents expire, and the reader restarted at random points
 * from its last record. Every delete and every expiry the history made arrives exactly once, in (ts, ref) order,
 * and the compacted topic ends equal to Fauna's documents.
 */
class RandomTtlHistoryTest {
  private static final int IDS = 10;
  private static final long MINUTE = 60_000_000L;
  private FaunaFixture fixture;
  /** The ttl of each live document that has one (what the test wrote). */
  private final java.util.Map<String, Long> ttls = new HashMap<>();
  /** Every delete the history made: by Delete (at its ts) or by expiry (at the ttl). */
  private final List<Position> deletes = new ArrayList<>();
  private int expired;

  @BeforeEach
  void start() {
    fixture = FaunaFixture.start();
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4})
  void everyDeleteAndExpiryArrivesOnceInOrderAndTheTopicEndsAsFauna(long seed) {
    Random random = new Random(seed);
    fixture.createCollection("items", 30L);
    fixture.createTsIndex("items_by_ts", "items");
    fixture.query(CreateIndex(Obj("name", Value("items_by_ttl"), "source", Collection("items"), "terms",
        com.faunadb.client.query.Language.Arr(), "values", com.faunadb.client.query.Language.Arr(
            Obj("field", Value("ttl")), Obj("field", Value("ref"))))));
    ReaderHarness harness = new ReaderHarness(fixture, java.util.Map.of("collections", "items", "page.size", "3",
        "deletes.mode", "column", "poll.interval.ms", "1000"));
    List<SourceRecord> topic = new ArrayList<>();
    CollectionReader reader = harness.reader("items", null);
    for (int turn = 0; turn < 80; turn++) {
      int dice = random.nextInt(100);
      if (dice < 55) {
        write(random);
      } else if (dice < 80) {
        for (int i = random.nextInt(4) + 1; i > 0; i--) {
          topic.addAll(reader.step().records());
        }
      } else if (dice < 88) {
        reader = harness.reader("items", topic.isEmpty() ? null : offsetOf(topic.get(topic.size() - 1)));
      } else {
        fixture.advanceClock(Duration.ofMinutes(1 + random.nextInt(25)));
        expire();
      }
    }
    fixture.advanceClock(Duration.ofMinutes(1));
    expire();
    topic.addAll(untilCaughtUp(reader));

    List<String> records = data(topic);
    Set<String> seen = new HashSet<>();
    records.forEach(r -> assertEquals(true, seen.add(r), "seed " + seed + ", repeated: " + r));
    deletes.sort(Comparator.naturalOrder());
    assertEquals(deletes.stream().map(p -> "delete " + p.ref() + " " + p.ts()).toList(),
        records.stream().filter(r -> r.startsWith("delete ")).toList(), "seed " + seed);
    assertEquals(ReaderHarness.faunaDocuments(fixture), ReaderHarness.compacted(records), "seed " + seed);
    assertTrue(expired >= 3 && deletes.size() > expired, "seed " + seed + " made " + expired + " expiries and "
        + (deletes.size() - expired) + " deletes");
  }

  private long now() {
    return fixture.query(ToMicros(Now())).to(Codec.LONG).get();
  }

  /** Moves the documents whose ttl has passed from the live ones to the deletes. */
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

  /** One write to a random id: a create of a missing one, else an update (ttl or data) or a delete. */
  private void write(Random random) {
    expire();
    String id = String.valueOf(1 + random.nextInt(IDS));
    Expr ref = Ref(Collection("items"), id);
    Long ttl = random.nextBoolean() ? now() + (1 + random.nextInt(40)) * MINUTE : null;
    if (!ReaderHarness.faunaDocuments(fixture).containsKey(id)) {
      fixture.query(Create(ref, ttl == null ? Obj("data", Obj("n", Value(random.nextInt(1000))))
          : Obj("data", Obj("n", Value(random.nextInt(1000))), "ttl", time(ttl))));
      track(id, ttl);
    } else if (random.nextInt(4) == 0) {
      deletes.add(new Position(fixture.delete("items", id), id));
      ttls.remove(id);
    } else if (random.nextBoolean()) {
      fixture.query(Update(ref, Obj("ttl", ttl == null ? Null() : time(ttl))));
      track(id, ttl);
    } else {
      fixture.update("items", id, Obj("n", Value(random.nextInt(1000))));
    }
  }

  private void track(String id, Long ttl) {
    if (ttl == null) {
      ttls.remove(id);
    } else {
      ttls.put(id, ttl);
    }
  }

  private static Expr time(long micros) {
    return Epoch(Value(micros), TimeUnit.MICROSECOND);
  }

}
