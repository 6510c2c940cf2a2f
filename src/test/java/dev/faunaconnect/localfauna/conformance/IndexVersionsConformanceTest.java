package dev.faunaconnect.localfauna.conformance;

import static com.faunadb.client.query.Language.Arr;
import static com.faunadb.client.query.Language.At;
import static com.faunadb.client.query.Language.Collection;
import static com.faunadb.client.query.Language.Create;
import static com.faunadb.client.query.Language.Delete;
import static com.faunadb.client.query.Language.Do;
import static com.faunadb.client.query.Language.Equals;
import static com.faunadb.client.query.Language.Exists;
import static com.faunadb.client.query.Language.Filter;
import static com.faunadb.client.query.Language.Get;
import static com.faunadb.client.query.Language.If;
import static com.faunadb.client.query.Language.Index;
import static com.faunadb.client.query.Language.Lambda;
import static com.faunadb.client.query.Language.Map;
import static com.faunadb.client.query.Language.Match;
import static com.faunadb.client.query.Language.Now;
import static com.faunadb.client.query.Language.Null;
import static com.faunadb.client.query.Language.Obj;
import static com.faunadb.client.query.Language.Paginate;
import static com.faunadb.client.query.Language.Ref;
import static com.faunadb.client.query.Language.Select;
import static com.faunadb.client.query.Language.ToMicros;
import static com.faunadb.client.query.Language.Update;
import static com.faunadb.client.query.Language.Value;
import static com.faunadb.client.query.Language.Var;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.arr;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.field;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.obj;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.refOf;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.tsOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.faunadb.client.query.Expr;
import com.faunadb.client.types.Codec;
import com.faunadb.client.types.Value;
import com.faunadb.client.types.Value.NullV;
import com.faunadb.client.types.Value.ObjectV;
import com.faunadb.client.types.Value.RefV;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The history of a ts/ref index, as {@code changes.mode=every_version} reads it (fauna/faunadb):
 * <ul>
 *   <li>{@code ext/model/.../doc/Indexer.scala}: the version's ts is part of its entry, so every write of a live
 *       document changes its tuple: a create is an {@code add} of {@code [ts, ref]}, an update or a replace a
 *       {@code remove} of the old tuple and an {@code add} of the new one at the write's ts, a delete a
 *       {@code remove} only. Set events of an index with values carry them as {@code data}.</li>
 *   <li>{@code IndexValue.ByEventOrdering}: ts, then every remove before every add, then document id.</li>
 *   <li>{@code CursorParser}: {@code {ts}} leaves out every event at ts; {@code {ts, action, document}} (no data) is
 *       inclusive of exactly that event.</li>
 *   <li>{@code DocSnapshot.run}: {@code At(ts, Get(ref))} reads the version valid at ts, unless its ttl is at or
 *       before the transaction's snapshot time: then it is hidden, and {@code Exists} is false.</li>
 * </ul>
 */
class IndexVersionsConformanceTest extends FreshServerTest {
  /** The collection {@code c} (30 days of history) with its ts/ref index {@code by_ts}. */
  private void setUp() {
    fauna.createCollection("c", Value(30));
    fauna.createIndex("by_ts", "c", List.of(), List.of(field("ts"), field("ref")));
  }

  private static ObjectV event(long ts, String action, RefV ref, long tupleTs) {
    return obj("ts", ts, "action", action, "document", ref, "data", arr(tupleTs, ref));
  }

  private Value events(Expr cursor) {
    var page = Paginate(Match(Index("by_ts"))).events(true);
    return fauna.query(cursor == null ? page : page.after(cursor)).at("data");
  }

  @Test
  void everyWriteOfALiveDocumentIsAnAddAndUpdatesAndDeletesRemoveTheOldTuple() {
    setUp();
    Value created = fauna.query(Arr(Create(Ref(Collection("c"), "2"), Obj("data", Obj("v", Value(1)))),
        Create(Ref(Collection("c"), "1"), Obj("data", Obj("v", Value(1))))));
    long t1 = tsOf(created.at(0));
    RefV one = refOf(created.at(1));
    RefV two = refOf(created.at(0));
    long t2 = tsOf(fauna.query(Arr(Update(one, Obj("data", Obj("v", Value(2)))),
        Update(two, Obj("data", Obj("v", Value(2)))))).at(0));
    long t3 = fauna.query(Do(Delete(two), ToMicros(Now()))).to(Codec.LONG).get();
    long t4 = tsOf(fauna.create("c", "2", Obj("v", Value(3))));

    assertEquals(arr(event(t1, "add", one, t1), event(t1, "add", two, t1),
        event(t2, "remove", one, t1), event(t2, "remove", two, t1), event(t2, "add", one, t2),
        event(t2, "add", two, t2), event(t3, "remove", two, t2), event(t4, "add", two, t4)), events(null));
    assertEquals(arr(event(t2, "remove", one, t1), event(t2, "remove", two, t1), event(t2, "add", one, t2),
        event(t2, "add", two, t2), event(t3, "remove", two, t2), event(t4, "add", two, t4)),
        events(Obj("ts", Value(t1))));
    assertEquals(arr(event(t2, "add", two, t2), event(t3, "remove", two, t2), event(t4, "add", two, t4)),
        events(Obj("ts", Value(t2), "action", Value("add"), "document", two)));
  }

  /** The connector's query: the adds, each with the version read at its ts; a version hidden by its ttl is null. */
  @Test
  void theAddsReadAtTheirTsAreTheVersionsAndAnExpiredVersionIsNull() {
    setUp();
    Instant ttl = Instant.ofEpochSecond(0, now() * 1000).plus(Duration.ofHours(1));
    Value first = fauna.query(Create(Ref(Collection("c"), "1"), Obj("data", Obj("v", Value(1)), "ttl",
        Value(ttl))));
    RefV ref = refOf(first);
    Value second = fauna.query(Update(ref, Obj("data", Obj("v", Value(2)))));
    Value third = fauna.query(Update(ref, Obj("data", Obj("v", Value(3)), "ttl", Null())));
    Expr ts = Select(Value("ts"), Var("e"));
    Expr document = Select(Value("document"), Var("e"));
    Expr versions = Map(Filter(Paginate(Match(Index("by_ts"))).events(true).after(Obj("ts", Value(0L))),
        Lambda("e", Equals(Select(Value("action"), Var("e")), Value("add")))),
        Lambda("e", Arr(ts, document, At(ts, If(Exists(document), Get(document), Null())))));

    assertEquals(arr(arr(tsOf(first), ref, first), arr(tsOf(second), ref, second), arr(tsOf(third), ref, third)),
        fauna.query(versions).at("data"));
    assertEquals(obj("v", 2), fauna.query(versions).at("data").at(1).at(2).at("data"));

    fauna.fauna.advanceClock(Duration.ofHours(1).plusSeconds(1));

    assertEquals(arr(arr(tsOf(first), ref, NullV.NULL), arr(tsOf(second), ref, NullV.NULL),
        arr(tsOf(third), ref, third)), fauna.query(versions).at("data"));
  }
}
