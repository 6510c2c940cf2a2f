package dev.faunaconnect.source;

import static com.faunadb.client.query.Language.Arr;
import static com.faunadb.client.query.Language.Collection;
import static com.faunadb.client.query.Language.Create;
import static com.faunadb.client.query.Language.Delete;
import static com.faunadb.client.query.Language.Events;
import static com.faunadb.client.query.Language.Now;
import static com.faunadb.client.query.Language.Null;
import static com.faunadb.client.query.Language.Obj;
import static com.faunadb.client.query.Language.Paginate;
import static com.faunadb.client.query.Language.Ref;
import static com.faunadb.client.query.Language.ToMicros;
import static com.faunadb.client.query.Language.Update;
import static com.faunadb.client.query.Language.Value;
import static dev.faunaconnect.source.ReaderHarness.describe;
import static dev.faunaconnect.source.ReaderHarness.offsetOf;
import static dev.faunaconnect.source.ReaderHarness.untilCaughtUp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.faunadb.client.query.Expr;
import com.faunadb.client.types.Codec;
import com.faunadb.client.types.Value;
import dev.faunaconnect.convert.RecordBuilder;
import dev.faunaconnect.fixtures.FaunaFixture;
import dev.faunaconnect.offset.CollectionOffset;
import dev.faunaconnect.offset.Position;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code changes.mode=every_version} on random histories: creates, many updates of a document between two reads,
 * deletes and re-creates of the same ids, several writes (and several updates of one document) per transaction,
 * pages of 1 to 3. Replayed record by record, the topic of each document is its history in Fauna
 * ({@code Paginate(Events(ref))}): its state at the snapshot, then every version and delete after it, with their ts
 * and data; and a reader resumed from the offset of any record emits exactly the records after it.
 */
class EveryVersionTest {
  private static final int IDS = 8;
  private static final ObjectMapper JSON = new ObjectMapper();
  private FaunaFixture fixture;
  private final Set<String> live = new HashSet<>();
  private int writes;

  @BeforeEach
  void start() {
    fixture = FaunaFixture.start();
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void theTopicReplayedVersionByVersionIsEachDocumentsHistoryFromEveryOffset(long seed) {
    Random random = new Random(seed);
    int pageSize = 1 + random.nextInt(3);
    String context = "seed " + seed + ", page size " + pageSize;
    fixture.createCollection("items", 1L);
    fixture.createTsIndex("items_by_ts", "items");
    for (int id = 1; id <= IDS / 2; id++) {
      transaction(List.of(create(String.valueOf(id))));
    }
    ReaderHarness harness = ReaderHarness.ofItems(fixture, "column", "page.size", String.valueOf(pageSize),
        "changes.mode", "every_version");
    CollectionReader reader = harness.reader("items", null);
    List<SourceRecord> topic = new ArrayList<>(reader.step().records());
    long snapshot = reader.offset().snapshotTs();
    for (int turn = 0; turn < 50; turn++) {
      if (random.nextInt(100) < 60) {
        transaction(random);
      } else {
        for (int steps = random.nextInt(3) + 1; steps > 0; steps--) {
          topic.addAll(reader.step().records());
        }
      }
    }
    topic.addAll(untilCaughtUp(reader));

    assertEquals(faunaHistory(snapshot), replay(topic), context);
    assertChangesInOrder(topic, context);
    List<String> lines = lines(topic);
    for (int i = 0; i < topic.size(); i++) {
      assertEquals(lines.subList(i + 1, lines.size()).stream().filter(l -> !l.startsWith("heartbeat")).toList(),
          lines(untilCaughtUp(harness.reader("items", offsetOf(topic.get(i))))).stream()
              .filter(l -> !l.startsWith("heartbeat")).toList(),
          context + ": resumed after record " + i + " (" + lines.get(i) + ")");
    }
  }

  /**
   * A create, an update and a delete in one transaction; several versions of one document between two reads; two
   * updates of one document in one transaction (one version); a delete and a re-create of the same id.
   */
  @Test
  void everyVersionAndDeleteComesInTsRefOrder() {
    fixture.createCollection("items", 1L);
    fixture.createTsIndex("items_by_ts", "items");
    long a = fixture.createAll("items", ReaderHarness.docs(1, 3));
    CollectionReader reader = ReaderHarness.ofItems(fixture, "column", "changes.mode", "every_version")
        .reader("items", null);
    assertEquals(List.of("read 1 " + a + " {\"n\":1}", "read 2 " + a + " {\"n\":2}", "read 3 " + a + " {\"n\":3}"),
        lines(untilCaughtUp(reader)).stream().filter(l -> !l.startsWith("heartbeat")).toList());

    long t1 = fixture.query(Arr(Create(Ref(Collection("items"), "4"), Obj("data", Obj("n", Value(4)))),
        Update(Ref(Collection("items"), "1"), Obj("data", Obj("n", Value(10)))), Delete(Ref(Collection("items"), "2")),
        ToMicros(Now()))).at(3).to(Codec.LONG).get();
    long t2 = fixture.update("items", "1", Obj("n", Value(11)));
    long t3 = fixture.update("items", "1", Obj("n", Value(12)));
    long t4 = fixture.query(Arr(Update(Ref(Collection("items"), "3"), Obj("data", Obj("n", Value(30)))),
        Update(Ref(Collection("items"), "3"), Obj("data", Obj("m", Value(31)))))).at(1).at("ts").to(Codec.LONG).get();
    long t5 = fixture.delete("items", "4");
    long t6 = fixture.create("items", "4", Obj("n", Value(40)));

    assertEquals(List.of("upsert 1 " + t1 + " {\"n\":10}", "delete 2 " + t1, "upsert 4 " + t1 + " {\"n\":4}",
        "upsert 1 " + t2 + " {\"n\":11}", "upsert 1 " + t3 + " {\"n\":12}",
        "upsert 3 " + t4 + " {\"m\":31,\"n\":30}", "delete 4 " + t5, "upsert 4 " + t6 + " {\"n\":40}"),
        lines(untilCaughtUp(reader)));
  }

  /**
   * Versions whose ttl has passed are hidden from every read, At included (DocSnapshot.run): they are skipped and
   * read past; a later version without a ttl, and versions written after, are delivered.
   */
  @Test
  void versionsHiddenByAPassedTtlAreSkippedAndTheRestDelivered() {
    fixture.createCollection("items", 30L);
    fixture.createTsIndex("items_by_ts", "items");
    ReaderHarness harness = ReaderHarness.ofItems(fixture, "column", "changes.mode", "every_version");
    CollectionReader reader = harness.reader("items", null);
    assertEquals(List.of(), ReaderHarness.data(untilCaughtUp(reader)));
    Expr ttl = Value(fixture.query(Now()).to(Codec.TIME).get().plus(Duration.ofHours(1)));
    fixture.query(Create(Ref(Collection("items"), "1"), Obj("data", Obj("v", Value(1)), "ttl", ttl)));
    fixture.update("items", "1", Obj("v", Value(2)));
    fixture.query(Create(Ref(Collection("items"), "2"), Obj("data", Obj("v", Value(1)), "ttl", ttl)));
    long kept = fixture.query(Update(Ref(Collection("items"), "2"), Obj("data", Obj("v", Value(2)), "ttl",
        Null()))).at("ts").to(Codec.LONG).get();
    fixture.fauna().advanceClock(Duration.ofHours(1).plusSeconds(1));
    long later = fixture.create("items", "3", Obj("v", Value(3)));

    // Clearing the ttl writes a remove and an add in every index, Documents(c) included (Indexer: the ttl is part
    // of each entry), so the deletes read from Documents(c) see a delete of 2 at that ts, right before its version.
    List<SourceRecord> records = untilCaughtUp(reader);
    assertEquals(List.of("delete 2 " + kept, "upsert 2 " + kept + " {\"v\":2}", "upsert 3 " + later + " {\"v\":3}"),
        lines(records));
  }

  /**
   * Versions are read from the index's history, which Fauna cuts at history_days + 15 minutes without an error: a
   * stored change position older than that fails the task (or takes a fresh snapshot), never goes on silently.
   */
  @Test
  void aChangePositionOlderThanTheHistoryFailsOrTakesAFreshSnapshot() {
    fixture.createCollection("items", 0L);
    fixture.createTsIndex("items_by_ts", "items");
    long a = fixture.createAll("items", ReaderHarness.docs(1, 2));
    List<SourceRecord> first = untilCaughtUp(ReaderHarness.ofItems(fixture, "ignore", "changes.mode",
        "every_version").reader("items", null));
    long u = fixture.update("items", "1", Obj("n", Value(11)));
    fixture.fauna().advanceClock(Duration.ofMinutes(16));
    CollectionOffset stored = offsetOf(first.get(first.size() - 1));

    ConnectException lost = assertThrows(ConnectException.class, () -> untilCaughtUp(ReaderHarness.ofItems(fixture,
        "ignore", "changes.mode", "every_version").reader("items", stored)));
    assertTrue(lost.getMessage().contains("versions (changes.mode=every_version) were read up to")
        && lost.getMessage().contains("LOST") && lost.getMessage().contains("history.loss.action=snapshot"),
        lost.getMessage());
    List<SourceRecord> again = untilCaughtUp(ReaderHarness.ofItems(fixture, "ignore", "changes.mode",
        "every_version", "history.loss.action", "snapshot").reader("items", stored));
    assertEquals(List.of("read 1 " + u, "read 2 " + a), ReaderHarness.data(again), "a fresh snapshot");
    assertEquals(List.of("read 1 " + a, "read 2 " + a), ReaderHarness.data(first));
  }

  /** One to three writes of distinct ids in one transaction; an update may be repeated in it. */
  private void transaction(Random random) {
    List<Expr> writes = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int n = random.nextInt(3) + 1; n > 0; n--) {
      String id = String.valueOf(1 + random.nextInt(IDS));
      if (!ids.add(id)) {
        continue;
      }
      if (!live.contains(id)) {
        writes.add(create(id));
      } else if (random.nextInt(4) == 0) {
        writes.add(Delete(Ref(Collection("items"), id)));
        live.remove(id);
      } else {
        for (int times = random.nextInt(3) == 0 ? 2 : 1; times > 0; times--) {
          writes.add(Update(Ref(Collection("items"), id), Obj("data", Obj("n", Value(random.nextInt(1000)),
              "w", Value(++this.writes)))));
        }
      }
    }
    transaction(writes);
  }

  private Expr create(String id) {
    live.add(id);
    return Create(Ref(Collection("items"), id), Obj("data", Obj("n", Value(Integer.parseInt(id)), "w",
        Value(++writes))));
  }

  private void transaction(List<Expr> writes) {
    fixture.query(Arr(writes));
  }

  /**
   * Each document's history as Fauna keeps it, replayed from its events (create and update carry the diff): its
   * state at the snapshot, if it lived then, as "read ts data", then "upsert ts data" or "delete ts" per event after.
   */
  private Map<String, List<String>> faunaHistory(long snapshot) {
    Map<String, List<String>> history = new TreeMap<>();
    for (int id = 1; id <= IDS; id++) {
      Value events = fixture.query(Paginate(Events(Ref(Collection("items"), String.valueOf(id)))).size(1000));
      Map<String, Object> state = null;
      long stateTs = 0;
      List<String> lines = new ArrayList<>();
      for (Value event : events.at("data").to(Codec.ARRAY).get()) {
        long ts = event.at("ts").to(Codec.LONG).get();
        String action = event.at("action").to(Codec.STRING).get();
        if (ts > snapshot && lines.isEmpty() && state != null) {
          lines.add("read " + stateTs + " " + json(state));
        }
        if (action.equals("delete")) {
          state = null;
        } else {
          Map<String, Object> next = action.equals("create") ? new TreeMap<>() : new TreeMap<>(state);
          event.at("data").to(Codec.OBJECT).get().forEach((k, v) -> next.put(k, v.to(Codec.LONG).get()));
          state = next;
        }
        stateTs = ts;
        if (ts > snapshot) {
          lines.add(action.equals("delete") ? "delete " + ts : "upsert " + ts + " " + json(state));
        }
      }
      if (lines.isEmpty() && state != null) {
        lines.add("read " + stateTs + " " + json(state));
      }
      if (!lines.isEmpty()) {
        history.put(String.valueOf(id), lines);
      }
    }
    return history;
  }

  /** The topic, record by record, per document: "op ts data" (a delete has no data). */
  private static Map<String, List<String>> replay(List<SourceRecord> topic) {
    Map<String, List<String>> replayed = new TreeMap<>();
    for (SourceRecord record : topic) {
      String[] parts = line(record).split(" ", 4);
      if (!parts[0].equals("heartbeat")) {
        replayed.computeIfAbsent(parts[1], id -> new ArrayList<>())
            .add(parts[0] + " " + parts[2] + (parts.length > 3 ? " " + parts[3] : ""));
      }
    }
    return replayed;
  }

  /** After the snapshot's records, the changes and deletes come in (ts, ref) order. */
  private static void assertChangesInOrder(List<SourceRecord> topic, String context) {
    Position last = null;
    for (SourceRecord record : topic) {
      String[] parts = line(record).split(" ");
      if (parts[0].equals("upsert") || parts[0].equals("delete")) {
        Position at = new Position(Long.parseLong(parts[2]), parts[1]);
        assertTrue(last == null || last.compareTo(at) <= 0, context + ": " + at + " after " + last);
        last = at;
      }
    }
  }

  private static List<String> lines(List<SourceRecord> records) {
    return records.stream().map(EveryVersionTest::line).toList();
  }

  /** "op ref ts data" of a record, data re-serialized with sorted keys ("heartbeat phase" for a heartbeat). */
  private static String line(SourceRecord record) {
    String described = describe(record);
    String op = record.headers().lastWithName(RecordBuilder.OP_HEADER).value().toString();
    if (described.startsWith("heartbeat") || op.equals(RecordBuilder.OP_DELETE)) {
      return described;
    }
    try {
      Map<?, ?> data = JSON.readValue(((Struct) record.value()).getString("data"), Map.class);
      return described + " " + json(new TreeMap<>(data));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String json(Map<?, ?> data) {
    try {
      return JSON.writeValueAsString(data);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
