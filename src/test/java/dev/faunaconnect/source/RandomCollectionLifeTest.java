package dev.faunaconnect.source;

import static com.faunadb.client.query.Language.Collection;
import static com.faunadb.client.query.Language.Delete;
import static com.faunadb.client.query.Language.Index;
import static com.faunadb.client.query.Language.Obj;
import static com.faunadb.client.query.Language.Update;
import static com.faunadb.client.query.Language.Value;
import static dev.faunaconnect.source.ReaderHarness.compacted;
import static dev.faunaconnect.source.ReaderHarness.data;
import static dev.faunaconnect.source.ReaderHarness.offsetOf;
import static dev.faunaconnect.source.ReaderHarness.untilResting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.faunadb.client.query.Expr;
import dev.faunaconnect.config.DeletesMode;
import dev.faunaconnect.fixtures.FaunaFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random lives of a discovered collection: documents written, the collection updated ({@code history_days},
 * {@code data}, {@code ttl_days}), deleted and created again under its name, read by a lifecycle restarted at
 * random points while the clock jumps (within the history kept). After the history, and after a resume from every
 * offset emitted (as a task restarted there would, the records after it dropped), the compacted topic holds every
 * document of the collection living at the end at its ts; with deletes tracked, none of that collection's deleted
 * documents; and no false loss of history is ever reported (the task would fail).
 */
class RandomCollectionLifeTest {
  private static final int IDS = 8;
  private FaunaFixture fixture;
  /** Ids deleted in the collection's current life: with deletes tracked, the topic must not hold them. */
  private final Set<String> deletedInThisLife = new HashSet<>();
  private boolean exists;
  private boolean indexed;

  @BeforeEach
  void start() {
    fixture = FaunaFixture.start();
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  static Stream<Arguments> histories() {
    return Stream.of(DeletesMode.values()).flatMap(mode -> Stream.of(11L, 12L).map(seed -> Arguments.of(mode, seed)));
  }

  @ParameterizedTest
  @MethodSource("histories")
  void theTopicEndsAsTheLastCollectionFromEveryOffset(DeletesMode mode, long seed) {
    Random random = new Random(seed * 31 + mode.ordinal());
    ReaderHarness harness = new ReaderHarness(fixture, Map.of("collections", "", "page.size", "3",
        "deletes.mode", mode.name().toLowerCase(Locale.ROOT), "poll.interval.ms", "1000",
        "collections.refresh.interval.ms", "500"));
    createCollection(random);
    List<SourceRecord> topic = new ArrayList<>();
    CollectionLifecycle items = harness.lifecycle("items", null);
    for (int turn = 0; turn < 50; turn++) {
      int dice = random.nextInt(100);
      if (dice < 40) {
        write(random);
      } else if (dice < 58) {
        for (int i = random.nextInt(4); i >= 0; i--) {
          topic.addAll(items.step().records());
        }
      } else if (dice < 68) {
        updateCollection(random);
      } else if (dice < 71) {
        deleteCollection();
      } else if (dice < 74) {
        deleteIndex();
      } else if (dice < 82) {
        createCollection(random);
      } else if (dice < 92) {
        items = harness.lifecycle("items", topic.isEmpty() ? null : offsetOf(topic.get(topic.size() - 1)));
      } else {
        fixture.advanceClock(Duration.ofMinutes(1 + random.nextInt(20)));
      }
    }
    createCollection(random);
    // a task restarted now finds the index again (a reader in full sync waits for its next full sync)
    items = harness.lifecycle("items", topic.isEmpty() ? null : offsetOf(topic.get(topic.size() - 1)));
    topic.addAll(untilResting(items));
    String context = mode + " seed " + seed;
    assertEndsAsFauna(mode, topic, context);
    if (mode.tracksDeletes()) {
      Set<String> deletes = new HashSet<>();
      for (String record : data(topic)) {
        boolean delete = !record.startsWith("read") && !record.startsWith("upsert");
        assertFalse(delete && !deletes.add(record), context + ": a delete sent again: " + record);
      }
    }
    for (int i = 0; i < topic.size(); i++) {
      List<SourceRecord> resumed = new ArrayList<>(topic.subList(0, i + 1));
      resumed.addAll(untilResting(harness.lifecycle("items", offsetOf(topic.get(i)))));
      assertEndsAsFauna(mode, resumed, context + ", resumed after record " + i + " of " + topic.size());
    }
  }

  private void assertEndsAsFauna(DeletesMode mode, List<SourceRecord> topic, String context) {
    Map<String, Long> kept = compacted(data(topic));
    Map<String, Long> fauna = ReaderHarness.faunaDocuments(fixture);
    Map<String, Long> keptOfFauna = new TreeMap<>(kept);
    keptOfFauna.keySet().retainAll(fauna.keySet());
    assertEquals(fauna, keptOfFauna, context);
    if (mode.tracksDeletes()) {
      for (String id : deletedInThisLife) {
        assertFalse(kept.containsKey(id) && !fauna.containsKey(id), context + ": deleted " + id + " is still there");
      }
    }
  }

  private void write(Random random) {
    if (!exists) {
      return;
    }
    String id = String.valueOf(1 + random.nextInt(IDS));
    Expr data = Obj("n", Value(random.nextInt(1000)));
    if (!ReaderHarness.faunaDocuments(fixture).containsKey(id)) {
      fixture.create("items", id, data);
    } else if (random.nextInt(3) == 0) {
      fixture.delete("items", id);
      deletedInThisLife.add(id);
    } else {
      fixture.update("items", id, data);
    }
  }

  /** history_days stays at a day or more: the clock moves less than that in a history, so no delete is lost. */
  private void updateCollection(Random random) {
    if (!exists) {
      return;
    }
    Expr change = switch (random.nextInt(3)) {
      case 0 -> Obj("history_days", Value(1L + random.nextInt(30)));
      case 1 -> Obj("data", Obj("owner", Value("team-" + random.nextInt(5))));
      default -> Obj("ttl_days", Value(100L + random.nextInt(300)));
    };
    fixture.query(Update(Collection("items"), change));
  }

  private void deleteCollection() {
    if (exists) {
      fixture.query(Delete(Collection("items")));
      exists = false;
      indexed = false;
    }
  }

  /** The collection goes on without its index (in full sync), as the same collection. */
  private void deleteIndex() {
    if (indexed) {
      fixture.query(Delete(Index("items_by_ts")));
      indexed = false;
    }
  }

  /** The collection (again), with its index and a few documents of ids the earlier life may have had. */
  private void createCollection(Random random) {
    if (exists) {
      if (!indexed) {
        fixture.createTsIndex("items_by_ts", "items");
        indexed = true;
      }
      return;
    }
    fixture.createCollection("items", 1L + random.nextInt(7));
    fixture.createTsIndex("items_by_ts", "items");
    exists = true;
    indexed = true;
    deletedInThisLife.clear();
    Set<String> ids = new HashSet<>();
    for (int i = random.nextInt(4); i > 0; i--) {
      ids.add(String.valueOf(1 + random.nextInt(IDS)));
    }
    ids.forEach(id -> fixture.create("items", id, Obj("n", Value(random.nextInt(1000)))));
  }
}
