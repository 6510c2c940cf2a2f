package dev.faunaconnect.source;

import static com.faunadb.client.query.Language.Map;
import static com.faunadb.client.query.Language.Obj;
import static com.faunadb.client.query.Language.Value;
import static dev.faunaconnect.source.ReaderHarness.data;
import static dev.faunaconnect.source.ReaderHarness.offsetOf;
import static dev.faunaconnect.source.ReaderHarness.untilCaughtUp;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.faunadb.client.types.Value;
import dev.faunaconnect.fixtures.FaunaFixture;
import dev.faunaconnect.offset.CollectionOffset;
import java.time.Duration;
import java.util.ArrayList;
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
 * Random histories: creates, updates, deletes and re-creates of the same ids, read by a reader that is restarted at
 * random points, while the clock jumps (within the collection's history). The topic, compacted, always ends equal to
 * Fauna's final state. Exactly-once restarts resume from the last record and never repeat one; at-least-once
 * restarts resume from an older record (the last one whose offset was "flushed") or, before any flush, with no
 * offset at all, as after a crash.
 */
class RandomHistoryTest {
  private static final int IDS = 12;
  private FaunaFixture fixture;

  @BeforeEach
  void start() {
    fixture = FaunaFixture.start();
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void exactlyOnceRestartsRepeatNothingAndLoseNothing(long seed) {
    List<SourceRecord> topic = run(seed, true);
    Set<String> seen = new HashSet<>();
    for (String record : data(topic)) {
      assertEquals(true, seen.add(record), "repeated: " + record);
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {4, 5, 6})
  void atLeastOnceRestartsLoseNothing(long seed) {
    run(seed, false);
  }

  /** Runs a random history; asserts the compacted topic equals Fauna's documents; returns the topic. */
  private List<SourceRecord> run(long seed, boolean exactlyOnce) {
    Random random = new Random(seed);
    fixture.createCollection("items", 1L);
    fixture.createTsIndex("items_by_ts", "items");
    ReaderHarness harness = new ReaderHarness(fixture, java.util.Map.of("collections", "items", "page.size", "3",
        "deletes.mode", "column_and_tombstone", "poll.interval.ms", "1000"));
    for (int id = 1; id <= IDS / 2; id++) {
      fixture.create("items", String.valueOf(id), Obj("n", Value(id)));
    }
    List<SourceRecord> topic = new ArrayList<>();
    int flushed = -1;
    CollectionReader reader = harness.reader("items", null);
    for (int turn = 0; turn < 60; turn++) {
      int dice = random.nextInt(100);
      if (dice < 55) {
        write(random);
      } else if (dice < 80) {
        step(reader, topic, random.nextInt(4) + 1);
      } else if (dice < 88) {
        flushed = topic.size() - 1;
      } else if (dice < 96) {
        // at least once, the records after the flushed one stay in the topic and are sent again
        reader = harness.reader("items", restartFrom(topic, flushed, exactlyOnce));
      } else {
        fixture.fauna().advanceClock(Duration.ofMinutes(1 + random.nextInt(20)));
      }
    }
    topic.addAll(untilCaughtUp(reader));
    assertEquals(ReaderHarness.faunaDocuments(fixture), ReaderHarness.compacted(data(topic)), "seed " + seed);
    return topic;
  }

  private static CollectionOffset restartFrom(List<SourceRecord> topic, int flushed, boolean exactlyOnce) {
    if (exactlyOnce) {
      return topic.isEmpty() ? null : offsetOf(topic.get(topic.size() - 1));
    }
    return flushed < 0 ? null : offsetOf(topic.get(flushed));
  }

  private static void step(CollectionReader reader, List<SourceRecord> topic, int steps) {
    for (int i = 0; i < steps; i++) {
      topic.addAll(reader.step().records());
    }
  }

  /** One write to a random id: a create of a missing one (a re-create after a delete), else an update or a delete. */
  private void write(Random random) {
    String id = String.valueOf(1 + random.nextInt(IDS));
    boolean exists = ReaderHarness.faunaDocuments(fixture).containsKey(id);
    if (!exists) {
      fixture.create("items", id, Obj("n", Value(random.nextInt(1000))));
    } else if (random.nextInt(3) == 0) {
      fixture.delete("items", id);
    } else {
      fixture.update("items", id, Obj("n", Value(random.nextInt(1000))));
    }
  }

}
