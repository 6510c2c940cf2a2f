package dev.faunaconnect.localfauna.conformance;

import static com.faunadb.client.query.Language.At;
import static com.faunadb.client.query.Language.Collection;
import static com.faunadb.client.query.Language.Delete;
import static com.faunadb.client.query.Language.Do;
import static com.faunadb.client.query.Language.Documents;
import static com.faunadb.client.query.Language.Events;
import static com.faunadb.client.query.Language.Exists;
import static com.faunadb.client.query.Language.Get;
import static com.faunadb.client.query.Language.Index;
import static com.faunadb.client.query.Language.Match;
import static com.faunadb.client.query.Language.Now;
import static com.faunadb.client.query.Language.Null;
import static com.faunadb.client.query.Language.Obj;
import static com.faunadb.client.query.Language.Paginate;
import static com.faunadb.client.query.Language.Singleton;
import static com.faunadb.client.query.Language.ToMicros;
import static com.faunadb.client.query.Language.Update;
import static com.faunadb.client.query.Language.Value;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.arr;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.docEvent;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.field;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.obj;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.refOf;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.setEvent;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.tsOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.faunadb.client.HttpResponses.QueryError;
import com.faunadb.client.errors.FaunaException;
import com.faunadb.client.query.Expr;
import com.faunadb.client.types.Codec;
import com.faunadb.client.types.Value;
import com.faunadb.client.types.Value.RefV;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * History retention: {@code history_days} plus the 15-minute offset decide the minimum valid time (MVT); history
 * before it is collected and snapshot reads before it are refused. The server's clock is advanced to age history.
 */
class RetentionConformanceTest extends FreshServerTest {
  private static final Duration PAST_OFFSET = Duration.ofMinutes(16);
  private static final Pattern BELOW_MVT = Pattern.compile(
      "Requested timestamp (\\S+) less than minimum allowed timestamp (\\S+)\\.");

  private Value events(Expr set) {
    return fauna.query(Paginate(Events(set))).at("data");
  }

  @Test
  void setEventsOlderThanTheMinimumValidTimeVanish() {
    fauna.createCollection("c");
    Value a = fauna.create("c", "1", Obj());
    Value b = fauna.create("c", "2", Obj());
    long removed = fauna.query(Do(Delete(refOf(b)), ToMicros(Now()))).to(Codec.LONG).get();
    Value all = arr(setEvent(tsOf(a), "add", refOf(a)), setEvent(tsOf(b), "add", refOf(b)),
        setEvent(removed, "remove", refOf(b)));
    Expr docs = Documents(Collection("c"));
    assertEquals(all, events(docs));
    fauna.fauna.advanceClock(Duration.ofMinutes(14));
    assertEquals(all, events(docs));
    fauna.fauna.advanceClock(Duration.ofMinutes(2));
    // history_days 0: the adds and the remove are gone, though document 1 still exists
    assertEquals(arr(), events(docs));
    assertEquals(arr(refOf(a)), fauna.query(Paginate(docs)).at("data"));
    // Singleton reads the document's versions instead, whose retained root survives as its create
    assertEquals(arr(setEvent(tsOf(a), "add", refOf(a))), events(Singleton(refOf(a))));
    Value c = fauna.create("c", "3", Obj());
    assertEquals(arr(setEvent(tsOf(c), "add", refOf(c))), events(docs));
  }

  @Test
  void historyDaysKeepHistoryThatLong() {
    fauna.createCollection("week", Value(7));
    Value a = fauna.create("week", Obj());
    fauna.fauna.advanceClock(Duration.ofDays(7));
    assertEquals(arr(setEvent(tsOf(a), "add", refOf(a))), events(Documents(Collection("week"))));
    fauna.fauna.advanceClock(PAST_OFFSET);
    assertEquals(arr(), events(Documents(Collection("week"))));
  }

  /** ZeroHistorySpec: the newest live version at or before the MVT survives as a create carrying all its data. */
  @Test
  void documentHistoryKeepsTheGcRootAsACreate() {
    fauna.createCollection("c");
    Value created = fauna.create("c", Obj("name", Value("Bob")));
    RefV ref = refOf(created);
    long update0 = tsOf(fauna.query(Update(ref, Obj("data", Obj("age", Value(42))))));
    assertEquals(arr(docEvent(tsOf(created), "create", ref, obj("name", "Bob")),
        docEvent(update0, "update", ref, obj("age", 42))), events(ref));
    fauna.fauna.advanceClock(PAST_OFFSET);
    assertEquals(arr(docEvent(update0, "create", ref, obj("name", "Bob", "age", 42))), events(ref));
    long update1 = tsOf(fauna.query(Update(ref, Obj("data", Obj("name", Value("Bob L"))))));
    long deleted = fauna.query(Do(Delete(ref), ToMicros(Now()))).to(Codec.LONG).get();
    assertEquals(arr(docEvent(update0, "create", ref, obj("name", "Bob", "age", 42)),
        docEvent(update1, "update", ref, obj("name", "Bob L")), docEvent(deleted, "delete", ref, null)),
        events(ref));
    fauna.fauna.advanceClock(PAST_OFFSET);
    // a delete at or before the MVT leaves no root
    assertEquals(arr(), events(ref));
  }

  /**
   * {@code history_days: null} removes the field. fauna/faunadb {@code ext/model/src/main/scala/ast/functions/
   * WriteAdaptor.scala} {@code CollectionWriteConfig.updateMVT} then moves the MVT floor
   * to the write's own ts (a missing field reads as the default 0 days) while {@code Collection.apply} makes the
   * retention unbounded ({@code Duration.Inf}), so {@code ext/model/src/main/scala/doc/Collection.scala}
   * {@code Collection.deriveMinValidTime} is the collection
   * document's last write minus 15 minutes: history is kept from then on, however much time passes, until the
   * collection document is written again.
   */
  @Test
  void nullHistoryDaysKeepsHistoryOnlySinceTheCollectionDocumentsLastWrite() {
    fauna.createCollection("forever", Null());
    assertEquals(List.of("ref", "ts", "name"), FaunaDriver.keys(fauna.query(Get(Collection("forever")))));
    Value a = fauna.create("forever", Obj("v", Value(1)));
    long updated = tsOf(fauna.query(Update(refOf(a), Obj("data", Obj("v", Value(2))))));
    fauna.fauna.advanceClock(Duration.ofDays(4000));
    assertEquals(arr(docEvent(tsOf(a), "create", refOf(a), obj("v", 1)),
        docEvent(updated, "update", refOf(a), obj("v", 2))), events(refOf(a)));
    assertEquals(arr(setEvent(tsOf(a), "add", refOf(a))), events(Documents(Collection("forever"))));
    assertEquals(obj("v", 1), fauna.query(Get(refOf(a), Value(tsOf(a)))).at("data"));
    // any write of the collection document moves the floor up to its own ts
    fauna.query(Update(Collection("forever"), Obj("data", Obj("note", Value(1)))));
    fauna.fauna.advanceClock(PAST_OFFSET);
    assertEquals(arr(docEvent(updated, "create", refOf(a), obj("v", 2))), events(refOf(a)));
    assertEquals("bad request", fauna.failure(Get(refOf(a), Value(tsOf(a)))).errors().get(0).code());
    long later = tsOf(fauna.query(Update(refOf(a), Obj("data", Obj("v", Value(3))))));
    fauna.fauna.advanceClock(Duration.ofDays(4000));
    assertEquals(arr(docEvent(updated, "create", refOf(a), obj("v", 2)),
        docEvent(later, "update", refOf(a), obj("v", 3))), events(refOf(a)));
  }

  /** Setting {@code history_days} to null drops at once the history from before that write, minus 15 minutes. */
  @Test
  void nullingHistoryDaysCollectsTheOlderHistory() {
    fauna.createCollection("month", Value(30));
    Value a = fauna.create("month", Obj("v", Value(1)));
    long updated = tsOf(fauna.query(Update(refOf(a), Obj("data", Obj("v", Value(2))))));
    fauna.fauna.advanceClock(Duration.ofDays(10));
    assertEquals(2, events(refOf(a)).to(Codec.ARRAY).get().size());
    fauna.query(Update(Collection("month"), Obj("history_days", Null())));
    assertEquals(List.of("ref", "ts", "name"), FaunaDriver.keys(fauna.query(Get(Collection("month")))));
    // the MVT is now that write minus 15 minutes: the ten-day-old history is gone at once, but for the GC root
    assertEquals(arr(docEvent(updated, "create", refOf(a), obj("v", 2))), events(refOf(a)));
    assertEquals(arr(), events(Documents(Collection("month"))));
    long later = tsOf(fauna.query(Update(refOf(a), Obj("data", Obj("v", Value(3))))));
    fauna.fauna.advanceClock(Duration.ofDays(400));
    assertEquals(arr(docEvent(updated, "create", refOf(a), obj("v", 2)),
        docEvent(later, "update", refOf(a), obj("v", 3))), events(refOf(a)));
  }

  /** Snapshot reads before the MVT are refused with 400 "bad request" and no position. */
  @Test
  void snapshotReadsBeforeTheMinimumValidTimeAreRefused() {
    fauna.createCollection("c");
    fauna.createIndex("by_ts", "c", List.of(), List.of(field("ts"), field("ref")));
    Value a = fauna.create("c", Obj());
    long t = tsOf(a);
    fauna.fauna.advanceClock(PAST_OFFSET);
    for (Expr read : List.of(Get(refOf(a), Value(t)), At(Value(t), Get(refOf(a))),
        Paginate(Documents(Collection("c"))).ts(t), At(Value(t), Paginate(Match(Index("by_ts")))),
        Exists(refOf(a), Value(t)))) {
      long before = now();
      FaunaException e = fauna.failure(read);
      long after = now();
      assertBelowMinValidTime(e, t, before, after);
    }
    // reading the present, and the retained past, still works
    assertEquals(arr(refOf(a)), fauna.query(Paginate(Documents(Collection("c")))).at("data"));
    long recent = now();
    assertEquals(arr(refOf(a)), fauna.query(Paginate(Documents(Collection("c"))).ts(recent)).at("data"));
  }

  private static void assertBelowMinValidTime(FaunaException e, long requested, long before, long after) {
    assertEquals(400, e.status());
    assertEquals(1, e.errors().size());
    QueryError error = e.errors().get(0);
    assertEquals("bad request", error.code());
    assertEquals(List.of(), error.position());
    Matcher m = BELOW_MVT.matcher(error.description());
    assertTrue(m.matches(), error.description());
    assertEquals(instant(requested).toString(), m.group(1));
    Instant mvt = Instant.parse(m.group(2));
    long fifteen = Duration.ofMinutes(15).toNanos() / 1000;
    assertTrue(!mvt.isBefore(instant(before - fifteen - 1_000_000)) && !mvt.isAfter(instant(after - fifteen)),
        mvt + " not within the query times minus 15 minutes");
  }

  private static Instant instant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
  }

  /** Raising history_days later does not uncover history that was already collected (the MVT floor). */
  @Test
  void raisingHistoryDaysDoesNotUncoverCollectedHistory() {
    fauna.createCollection("c");
    Value a = fauna.create("c", Obj("v", Value(1)));
    long updated = tsOf(fauna.query(Update(refOf(a), Obj("data", Obj("v", Value(2))))));
    fauna.fauna.advanceClock(Duration.ofMinutes(20));
    fauna.query(Update(Collection("c"), Obj("history_days", Value(30))));
    assertEquals(arr(docEvent(updated, "create", refOf(a), obj("v", 2))), events(refOf(a)));
    assertEquals("bad request", fauna.failure(Get(refOf(a), Value(tsOf(a)))).errors().get(0).code());
    // from now on thirty days are kept
    long later = tsOf(fauna.query(Update(refOf(a), Obj("data", Obj("v", Value(3))))));
    fauna.fauna.advanceClock(Duration.ofDays(29));
    assertEquals(arr(docEvent(updated, "create", refOf(a), obj("v", 2)),
        docEvent(later, "update", refOf(a), obj("v", 3))), events(refOf(a)));
  }
}
