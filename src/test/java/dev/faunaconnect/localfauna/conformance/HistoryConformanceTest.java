package dev.faunaconnect.localfauna.conformance;

import static com.faunadb.client.query.Language.Abort;
import static com.faunadb.client.query.Language.Add;
import static com.faunadb.client.query.Language.Arr;
import static com.faunadb.client.query.Language.Collection;
import static com.faunadb.client.query.Language.Collections;
import static com.faunadb.client.query.Language.Create;
import static com.faunadb.client.query.Language.Delete;
import static com.faunadb.client.query.Language.Do;
import static com.faunadb.client.query.Language.Documents;
import static com.faunadb.client.query.Language.Events;
import static com.faunadb.client.query.Language.Get;
import static com.faunadb.client.query.Language.Index;
import static com.faunadb.client.query.Language.Insert;
import static com.faunadb.client.query.Language.Let;
import static com.faunadb.client.query.Language.Match;
import static com.faunadb.client.query.Language.NewId;
import static com.faunadb.client.query.Language.Now;
import static com.faunadb.client.query.Language.Obj;
import static com.faunadb.client.query.Language.Paginate;
import static com.faunadb.client.query.Language.Ref;
import static com.faunadb.client.query.Language.Remove;
import static com.faunadb.client.query.Language.Subtract;
import static com.faunadb.client.query.Language.Time;
import static com.faunadb.client.query.Language.ToMicros;
import static com.faunadb.client.query.Language.Update;
import static com.faunadb.client.query.Language.Value;
import static com.faunadb.client.query.Language.Var;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.arr;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.docEvent;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.field;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.obj;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.refOf;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.setEvent;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.tsOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.faunadb.client.query.Expr;
import com.faunadb.client.query.Language.Action;
import com.faunadb.client.types.Codec;
import com.faunadb.client.types.Value;
import com.faunadb.client.types.Value.NullV;
import com.faunadb.client.types.Value.RefV;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** History writes (WriteFunctionsSpec "insert" and "remove") and the shared transaction time of one query. */
class HistoryConformanceTest extends FreshServerTest {
  private static final String NOT_FOUND = "Document not found.";

  HistoryConformanceTest() {
    super("c");
  }

  private void assertMissingAt(RefV ref, long ts) {
    fauna.assertFails(Get(ref, Value(ts)), 404, List.of(), "instance not found", NOT_FOUND);
  }

  private static String iso(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000)
        .toString();
  }

  /** WriteFunctionsSpec "inserts events": a create and a delete written in the past; the present is untouched. */
  @Test
  void insertWritesVersionsInThePast() {
    Value inst = fauna.create("c", Obj("name", Value("Hen Wen")));
    RefV ref = refOf(inst);
    long instTs = tsOf(inst);
    long ts = instTs - 1000;
    assertMissingAt(ref, instTs - 1);
    Value created = fauna.query(Insert(ref, Value(ts), Action.CREATE, Obj("data", Obj("age", Value(1)))));
    assertEquals(docEvent(ts, "create", ref, obj("age", 1)), created);
    Value deleted = fauna.query(Insert(ref, Value(ts + 1), Action.DELETE, Obj()));
    assertEquals(docEvent(ts + 1, "delete", ref, null), deleted);
    assertMissingAt(ref, ts - 1);
    assertEquals(obj("ref", ref, "ts", ts, "data", obj("age", 1)), fauna.query(Get(ref, Value(ts))));
    assertMissingAt(ref, ts + 1);
    assertEquals(inst, fauna.query(Get(ref)));
    assertEquals(arr(docEvent(ts, "create", ref, obj("age", 1)), docEvent(ts + 1, "delete", ref, null),
        docEvent(instTs, "create", ref, obj("name", "Hen Wen"))), fauna.query(Paginate(Events(ref))).at("data"));
    assertEquals(arr(setEvent(ts, "add", ref), setEvent(ts + 1, "remove", ref), setEvent(instTs, "add", ref)),
        fauna.query(Paginate(Events(Documents(Collection("c"))))).at("data"));
  }

  /** WriteFunctionsSpec "inserts events using @ts values". */
  @Test
  void insertTakesTimes() {
    Value inst = fauna.create("c", Obj());
    RefV ref = refOf(inst);
    long ts = tsOf(inst) - 2000;
    Value create = fauna.query(Insert(ref, Time(iso(ts)), Action.CREATE, Obj()));
    assertEquals(docEvent(ts, "create", ref, null), create);
    Value delete = fauna.query(Insert(ref, Time(iso(ts + 1000)), Action.DELETE, Obj()));
    assertEquals(ts + 1000, delete.at("ts").to(Codec.LONG).get());
    fauna.assertFails(Get(ref, Time(iso(ts - 1000))), 404, List.of(), "instance not found", NOT_FOUND);
    assertEquals(ts, tsOf(fauna.query(Get(ref, Time(iso(ts))))));
    fauna.assertFails(Get(ref, Time(iso(ts + 1000))), 404, List.of(), "instance not found", NOT_FOUND);
  }

  /** An inserted create on a live history is an update of it; later versions keep their full data. */
  @Test
  void insertedVersionsAreFullContentAndLaterVersionsKeepTheirs() {
    Value inst = fauna.create("c", Obj("a", Value(1), "b", Value(1)));
    RefV ref = refOf(inst);
    long later = tsOf(fauna.query(Update(ref, Obj("data", Obj("b", Value(2))))));
    long between = later - 1;
    fauna.query(Insert(ref, Value(between), Value("update"), Obj("data", Obj("c", Value(3)))));
    assertEquals(arr(docEvent(tsOf(inst), "create", ref, obj("a", 1, "b", 1)),
        docEvent(between, "update", ref, obj("c", 3, "a", null, "b", null)),
        docEvent(later, "update", ref, obj("a", 1, "b", 2, "c", null))),
        fauna.query(Paginate(Events(ref))).at("data"));
    assertEquals(obj("a", 1, "b", 2), fauna.query(Get(ref)).at("data"));
  }

  /** WriteFunctionsSpec "event insert for update/create should maintain correct index view". */
  @Test
  void insertReplacingAVersionMaintainsTheIndexView() {
    for (String action : List.of("update", "create")) {
      String index = "test_" + action;
      fauna.createIndex(index, "c", List.of(List.of("data", "foo")), List.of());
      Value d0 = fauna.create("c", Obj("foo", Value("firstVal")));
      assertEquals(1, count(index, "firstVal"));
      Value d1 = fauna.query(Update(refOf(d0), Obj("data", Obj("foo", Value("secondVal")))));
      assertEquals(List.of(0, 1), List.of(count(index, "firstVal"), count(index, "secondVal")));
      fauna.query(Insert(refOf(d1), Value(tsOf(d1)), Value(action), Obj("data", Obj("foo", Value("thirdVal")))));
      assertEquals(List.of(1, 0, 0), List.of(count(index, "thirdVal"), count(index, "secondVal"),
          count(index, "firstVal")));
      fauna.query(Delete(refOf(d0)));
    }
  }

  private int count(String index, String term) {
    return FaunaDriver.data(fauna.query(Paginate(Match(Index(index), Value(term))))).size();
  }

  /** WriteFunctionsSpec "can read own inserts within transaction". */
  @Test
  void insertsOfOneQueryAreReadableAtTheirTimes() {
    fauna.createIndex("by_foo", "c", List.of(List.of("data", "foo")), List.of());
    Value result = fauna.query(Let("id", NewId(), "now", ToMicros(Now())).in(Do(
        Insert(Ref(Collection("c"), Var("id")), Subtract(Var("now"),
            Value(10_000_000)), Action.CREATE, Obj("data", Obj("foo", Value(1)))),
        Insert(Ref(Collection("c"), Var("id")), Subtract(Var("now"),
            Value(9_000_000)), Action.DELETE, Obj()),
        Arr(Ref(Collection("c"), Var("id")), Var("now")))));
    RefV ref = result.at(0).to(Codec.REF).get();
    long now = result.at(1).to(Codec.LONG).get();
    assertEquals(arr(ref), fauna.query(Paginate(Match(Index("by_foo"), Value(1))).ts(now - 10_000_000)).at("data"));
    assertEquals(arr(), fauna.query(Paginate(Match(Index("by_foo"), Value(1)))).at("data"));
  }

  /** WriteFunctionsSpec "cannot insert into the future"; the present is allowed. */
  @Test
  void insertIntoTheFutureIsRefused() {
    RefV ref = refOf(fauna.create("c", Obj()));
    fauna.assertFails(Insert(ref, Add(ToMicros(Time("now")), Value(100_000)),
        Action.CREATE, Obj()),
        400, List.of(), "invalid write time", "Cannot write outside of snapshot time.");
    Value now = fauna.query(Insert(ref, Time("now"), Action.CREATE, Obj("data", Obj("x", Value(1)))));
    assertEquals(obj("x", 1), fauna.query(Get(ref)).at("data"));
    assertEquals(now.at("ts"), fauna.query(Get(ref)).at("ts"));
  }

  @Test
  void historyWritesRefuseNativesAndUnknownActions() {
    fauna.createIndex("i", "c", List.of(), List.of());
    for (Expr ref : List.of(Collection("c"), Index("i"), Collections())) {
      fauna.assertFails(Insert(ref, Value(5), Action.CREATE, Obj()), 400, List.of(), "invalid argument",
          "Cannot insert event for specified ref.");
      fauna.assertFails(Remove(ref, Value(5), Action.CREATE), 400, List.of(), "invalid argument",
          "Cannot remove event for specified ref.");
    }
    fauna.assertFails(Insert(Ref(Collection("c"), "1"), Value(5), Value("add"), Obj()), 400, List.of("action"),
        "invalid argument", "String 'create', 'update', or 'delete' expected, String provided.");
  }

  /** WriteFunctionsSpec "removes events", in a collection that keeps history forever. */
  @Test
  void removeTakesVersionsOutOfHistory() {
    fauna.createCollection("forever", Value(Long.MAX_VALUE));
    RefV ref = refOf(fauna.create("forever", Obj()));
    long ts = 1_000_000;
    fauna.query(Insert(ref, Value(ts), Action.CREATE, Obj()));
    fauna.query(Insert(ref, Value(ts + 1), Action.DELETE, Obj()));
    assertEquals(ts, tsOf(fauna.query(Get(ref, Value(ts)))));
    assertMissingAt(ref, ts + 1);
    // a remove must name the kind of version: a live one is not a delete
    assertEquals(NullV.NULL, fauna.query(Remove(ref, Value(ts), Action.DELETE)));
    assertEquals(ts, tsOf(fauna.query(Get(ref, Value(ts)))));
    assertEquals(NullV.NULL, fauna.query(Remove(ref, Value(ts + 1), Action.DELETE)));
    assertEquals(ts, tsOf(fauna.query(Get(ref, Value(ts + 1)))));
    assertEquals(NullV.NULL, fauna.query(Remove(ref, Value(ts), Action.CREATE)));
    assertMissingAt(ref, ts);
    assertEquals(NullV.NULL, fauna.query(Remove(ref, Value(ts), Action.CREATE)));
  }

  /** WriteFunctionsSpec "event remove with following update should only show one index match result". */
  @Test
  void removeWithAFollowingUpdate() {
    fauna.createIndex("test", "c", List.of(List.of("data", "foo")), List.of(field("data", "bar")));
    Value d0 = fauna.create("c", Obj("foo", Value("A"), "bar", Value("barA")));
    Value d1 = fauna.query(Update(refOf(d0), Obj("data", Obj("foo", Value("B")))));
    fauna.query(Update(refOf(d0), Obj("data", Obj("foo", Value("A"), "bar", Value("barB")))));
    fauna.query(Remove(refOf(d0), Value(tsOf(d1)), Value("update")));
    assertEquals(arr("barB"), fauna.query(Paginate(Match(Index("test"), Value("A")))).at("data"));
  }

  /** WriteFunctionsSpec "event remove for update/create should maintain correct index view". */
  @Test
  void removingTheMiddleVersion() {
    for (String action : List.of("update", "create")) {
      String index = "test_" + action;
      fauna.createCollection(action);
      fauna.createIndex(index, action, List.of(List.of("data", "foo")), List.of());
      Value d0 = fauna.create(action, Obj("bar", Value("bar")));
      long d1 = tsOf(fauna.query(Update(refOf(d0), Obj("data", Obj("foo", Value("firstVal"))))));
      Value d2 = fauna.query(Update(refOf(d0), Obj("data", Obj("foo", Value("secondVal")))));
      long d3 = tsOf(fauna.query(Update(refOf(d0), Obj("data", Obj("foo", Value("thirdVal"))))));
      assertEquals(List.of(0, 0, 1), List.of(count(index, "firstVal"), count(index, "secondVal"),
          count(index, "thirdVal")));
      fauna.query(Remove(refOf(d2), Value(tsOf(d2)), Value(action)));
      assertEquals(List.of(0, 0, 1), List.of(count(index, "firstVal"), count(index, "secondVal"),
          count(index, "thirdVal")));
      // the set history is revised too: the document never had "secondVal"
      assertEquals(arr(setEvent(d1, "add", refOf(d0)), setEvent(d3, "remove", refOf(d0))),
          fauna.query(Paginate(Events(Match(Index(index), Value("firstVal"))))).at("data"));
      assertEquals(arr(), fauna.query(Paginate(Events(Match(Index(index), Value("secondVal"))))).at("data"));
      fauna.query(Delete(refOf(d0)));
    }
  }

  /** An aborted query leaves no version, no index entry and no event behind. */
  @Test
  void anAbortedQueryLeavesNoHistory() {
    fauna.createIndex("by_v", "c", List.of(), List.of(field("data", "v")));
    Value created = fauna.create("c", "1", Obj("v", Value(1)));
    RefV ref = refOf(created);
    fauna.failure(Do(Update(ref, Obj("data", Obj("v", Value(2)))), Create(Ref(Collection("c"), "2"), Obj()),
        Abort("no")));
    assertEquals(arr(1), fauna.query(Paginate(Match(Index("by_v")))).at("data"));
    assertEquals(arr(docEvent(tsOf(created), "create", ref, obj("v", 1))),
        fauna.query(Paginate(Events(ref))).at("data"));
    assertEquals(arr(setEvent(tsOf(created), "add", ref)),
        fauna.query(Paginate(Events(Documents(Collection("c"))))).at("data"));
    long updated = tsOf(fauna.query(Update(ref, Obj("data", Obj("v", Value(3))))));
    assertEquals(arr(3), fauna.query(Paginate(Match(Index("by_v")))).at("data"));
    assertEquals(arr(obj("ts", tsOf(created), "action", "add", "document", ref, "data", arr(1)),
        obj("ts", updated, "action", "remove", "document", ref, "data", arr(1)),
        obj("ts", updated, "action", "add", "document", ref, "data", arr(3))),
        fauna.query(Paginate(Events(Match(Index("by_v"))))).at("data"));
  }

  /** Every write of one query shares the query's transaction time; later writes to a document merge into it. */
  @Test
  void writesOfOneQueryShareOneTs() {
    Value result = fauna.query(Do(
        Create(Ref(Collection("c"), "1"), Obj("data", Obj("a", Value(1)))),
        Create(Ref(Collection("c"), "2"), Obj("data", Obj("b", Value(2)))),
        Update(Ref(Collection("c"), "1"), Obj("data", Obj("c", Value(3)))),
        Arr(ToMicros(Now()), Get(Ref(Collection("c"), "1")),
            Get(Ref(Collection("c"), "2")))));
    long now = result.at(0).to(Codec.LONG).get();
    assertEquals(List.of(now, now), List.of(tsOf(result.at(1)), tsOf(result.at(2))));
    assertEquals(obj("a", 1, "c", 3), result.at(1).at("data"));
    RefV one = refOf(result.at(1));
    assertEquals(arr(docEvent(now, "create", one, obj("a", 1, "c", 3))),
        fauna.query(Paginate(Events(one))).at("data"));
    assertEquals(arr(setEvent(now, "add", one), setEvent(now, "add", refOf(result.at(2)))),
        fauna.query(Paginate(Events(Documents(Collection("c"))))).at("data"));
    long next = tsOf(fauna.create("c", Obj()));
    assertTrue(next > now);
  }
}
