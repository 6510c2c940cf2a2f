package dev.faunaconnect.localfauna.conformance;

import static com.faunadb.client.query.Language.Arr;
import static com.faunadb.client.query.Language.At;
import static com.faunadb.client.query.Language.Collection;
import static com.faunadb.client.query.Language.Create;
import static com.faunadb.client.query.Language.Delete;
import static com.faunadb.client.query.Language.Do;
import static com.faunadb.client.query.Language.Documents;
import static com.faunadb.client.query.Language.Equals;
import static com.faunadb.client.query.Language.Events;
import static com.faunadb.client.query.Language.Filter;
import static com.faunadb.client.query.Language.Get;
import static com.faunadb.client.query.Language.Index;
import static com.faunadb.client.query.Language.Lambda;
import static com.faunadb.client.query.Language.Map;
import static com.faunadb.client.query.Language.Match;
import static com.faunadb.client.query.Language.Now;
import static com.faunadb.client.query.Language.Null;
import static com.faunadb.client.query.Language.Obj;
import static com.faunadb.client.query.Language.Paginate;
import static com.faunadb.client.query.Language.Ref;
import static com.faunadb.client.query.Language.Replace;
import static com.faunadb.client.query.Language.Select;
import static com.faunadb.client.query.Language.Singleton;
import static com.faunadb.client.query.Language.Time;
import static com.faunadb.client.query.Language.ToMicros;
import static com.faunadb.client.query.Language.Update;
import static com.faunadb.client.query.Language.Value;
import static com.faunadb.client.query.Language.Var;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.arr;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.doc;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.docEvent;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.field;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.indexRef;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.obj;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.page;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.refOf;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.setEvent;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.tsOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.faunadb.client.query.Expr;
import com.faunadb.client.types.Codec;
import com.faunadb.client.types.Value;
import com.faunadb.client.types.Value.NullV;
import com.faunadb.client.types.Value.ObjectV;
import com.faunadb.client.types.Value.RefV;
import com.faunadb.client.types.Value.SetRefV;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Set events ({@code add}/{@code remove}) of Documents, indexes and Singleton, and document events
 * ({@code create}/{@code update}/{@code delete} with diffs), in the real order, with every event cursor form.
 */
class EventsConformanceTest extends FreshServerTest {
  EventsConformanceTest() {
    super("c");
  }

  private Expr docs() {
    return Documents(Collection("c"));
  }

  @Test
  void documentsEventsAreAddsAndRemovesButNoUpdates() {
    Value a = fauna.create("c", "1", Obj("v", Value(1)));
    Value b = fauna.create("c", "2", Obj("v", Value(2)));
    fauna.query(Update(refOf(a), Obj("data", Obj("v", Value(3)))));
    Value deleted = fauna.query(Do(Delete(refOf(a)), ToMicros(Now())));
    Value expected = arr(setEvent(tsOf(a), "add", refOf(a)), setEvent(tsOf(b), "add", refOf(b)),
        setEvent(deleted.to(Codec.LONG).get(), "remove", refOf(a)));
    assertEquals(page(null, null, expected), fauna.query(Paginate(Events(docs()))));
    assertEquals(page(null, null, expected), fauna.query(Paginate(docs()).events(true)));
    assertEquals(new SetRefV(java.util.Map.of("events", new SetRefV(java.util.Map.of("documents",
        FaunaDriver.collectionRef("c"))))), fauna.query(Events(docs())));
  }

  /** Within one ts every remove comes before every add (the server stores set history in that order). */
  @Test
  void eventsOfOneTransactionAreRemovesThenAddsEachByDocumentId() {
    fauna.create("c", "2", Obj());
    long before = tsOf(fauna.create("c", "4", Obj()));
    long t = fauna.query(Do(Create(Ref(Collection("c"), "3"), Obj()), Delete(doc("c", "4")),
        Create(Ref(Collection("c"), "1"), Obj()), Delete(doc("c", "2")), ToMicros(Now()))).to(Codec.LONG).get();
    Value events = fauna.query(Paginate(Events(docs())).after(Obj("ts", Value(before)))).at("data");
    assertEquals(arr(setEvent(t, "remove", doc("c", "2")), setEvent(t, "remove", doc("c", "4")),
        setEvent(t, "add", doc("c", "1")), setEvent(t, "add", doc("c", "3"))), events);
    // paging one event at a time walks the same order, each after cursor being the next event
    List<Value> walked = new ArrayList<>();
    Value p = fauna.query(Paginate(Events(docs())).after(Obj("ts", Value(before))).size(1));
    walked.addAll(FaunaDriver.data(p));
    while (!(p.at("after") instanceof NullV)) {
      Value next = p.at("after");
      p = fauna.query(Paginate(Events(docs())).after(next).size(1));
      assertEquals(next, FaunaDriver.data(p).get(0));
      walked.addAll(FaunaDriver.data(p));
    }
    assertEquals(events, new Value.ArrayV(walked));
  }

  /** EventSpec "set events": an update that changes the term removes the document from one match, adds to another. */
  @Test
  void indexWithTermsSeesTheUpdateAsRemoveAndAdd() {
    fauna.createIndex("by_foo", "c", List.of(List.of("data", "foo")), List.of());
    Value inst = fauna.create("c", Obj("foo", Value("bar")));
    RefV ref = refOf(inst);
    Value updated = fauna.query(Update(ref, Obj("data", Obj("foo", Value("baz")))));
    Expr bar = Events(Match(Index("by_foo"), Value("bar")));
    assertEquals(page(null, null, arr(setEvent(tsOf(inst), "add", ref), setEvent(tsOf(updated), "remove", ref))),
        fauna.query(Paginate(bar)));
    assertEquals(page(null, null, arr(setEvent(tsOf(updated), "add", ref))),
        fauna.query(Paginate(Events(Match(Index("by_foo"), Value("baz"))))));
    assertEquals(arr(setEvent(tsOf(inst), "add", ref), setEvent(tsOf(updated), "remove", ref)),
        fauna.query(Paginate(bar).after(Value(tsOf(inst)))).at("data"));
    // a synthetic cursor is rendered without a document
    assertEquals(page(null, obj("ts", 123456789L, "action", "add"), arr()),
        fauna.query(Paginate(bar).before(Value(123456789L))));
    SetRefV match = new SetRefV(java.util.Map.of("match", indexRef("by_foo"), "terms", new Value.StringV("bar")));
    assertEquals(new SetRefV(java.util.Map.of("events", match)), fauna.query(bar));
  }

  /** Set events of an index with values carry the values as {@code data}, in the event and in its cursor. */
  @Test
  void indexWithValuesCarriesTheValuesInEventsAndCursors() {
    fauna.createIndex("by_v", "c", List.of(), List.of(field("data", "v")));
    Value inst = fauna.create("c", Obj("v", Value(1)));
    RefV ref = refOf(inst);
    long t2 = tsOf(fauna.query(Update(ref, Obj("data", Obj("v", Value(2))))));
    Value p = fauna.query(Paginate(Events(Match(Index("by_v")))).size(2));
    ObjectV removeOld = obj("ts", t2, "action", "remove", "document", ref, "data", arr(1));
    ObjectV addNew = obj("ts", t2, "action", "add", "document", ref, "data", arr(2));
    assertEquals(page(null, addNew, arr(obj("ts", tsOf(inst), "action", "add", "document", ref, "data", arr(1)),
        removeOld)), p);
    assertEquals(page(addNew, null, arr(addNew)), fauna.query(Paginate(Events(Match(Index("by_v")))).after(
        p.at("after"))));
  }

  /** EventSpec "singleton instance events": the add is the create (not the update), then the remove. */
  @Test
  void singletonEventsAreTheCreateAndTheDelete() {
    Value res = fauna.create("c", Obj("foo", Value("bar"), "buzz", Value("bing")));
    long addTs = tsOf(res);
    RefV ref = refOf(res);
    fauna.query(Update(ref, Obj("data", Obj("foo", Value("baz")))));
    long deleteTs = fauna.query(Do(Delete(ref), ToMicros(Now()))).to(Codec.LONG).get();
    Value expected = arr(setEvent(addTs, "add", ref), setEvent(deleteTs, "remove", ref));
    assertEquals(page(null, null, expected), fauna.query(Paginate(Events(Singleton(ref)))));
    assertEquals(expected, fauna.query(Paginate(Events(Singleton(ref))).after(Value(addTs))).at("data"));
    assertEquals(page(null, setEvent(deleteTs, "remove", ref), arr(setEvent(addTs, "add", ref))),
        fauna.query(Paginate(Singleton(ref)).events(true).size(1)));
    assertEquals(page(null, obj("ts", 123456789L, "action", "add"), arr()),
        fauna.query(Paginate(Singleton(ref)).events(true).before(Value(123456789L))));
    assertEquals(new SetRefV(java.util.Map.of("events", new SetRefV(java.util.Map.of("singleton", ref)))),
        fauna.query(Events(Singleton(ref))));
  }

  /** EventSpec "instance events": create with the full data, update with the diff, delete with null. */
  @Test
  void documentEventsCarryDiffs() {
    Value inst = fauna.create("c", Obj("foo", Value("bar"), "buzz", Value("bing")));
    RefV ref = refOf(inst);
    Value updated = fauna.query(Update(ref, Obj("data", Obj("foo", Value("baz")))));
    long deleteTs = fauna.query(Do(Delete(ref), ToMicros(Now()))).to(Codec.LONG).get();
    Value expected = arr(docEvent(tsOf(inst), "create", ref, obj("foo", "bar", "buzz", "bing")),
        docEvent(tsOf(updated), "update", ref, obj("foo", "baz")), docEvent(deleteTs, "delete", ref, null));
    assertEquals(page(null, null, expected), fauna.query(Paginate(Events(ref))));
    assertEquals(page(null, null, expected), fauna.query(Paginate(ref).events(true)));
    assertEquals(expected, fauna.query(Paginate(Events(ref)).after(Value(tsOf(inst)))).at("data"));
    // cursors never carry the diff
    Value small = fauna.query(Paginate(Events(ref)).size(1));
    assertEquals(page(null, obj("ts", tsOf(updated), "action", "update", "document", ref),
        arr(docEvent(tsOf(inst), "create", ref, obj("foo", "bar", "buzz", "bing")))), small);
    Value second = fauna.query(Paginate(Events(ref)).after(small.at("after")).size(1));
    assertEquals(page(obj("ts", tsOf(updated), "action", "update", "document", ref),
        obj("ts", deleteTs, "action", "delete", "document", ref),
        arr(docEvent(tsOf(updated), "update", ref, obj("foo", "baz")))), second);
    assertEquals(page(null, obj("ts", 123456789L, "action", "add"), arr()),
        fauna.query(Paginate(Events(ref)).before(Value(123456789L))));
    assertEquals(new SetRefV(java.util.Map.of("events", ref)), fauna.query(Events(ref)));
  }

  @Test
  void diffsOfNoOpUpdatesRemovalsNestedChangesAndReplace() {
    RefV ref = refOf(fauna.create("c", Obj("name", Value("Hen Wen"), "cost", Value(15),
        "nested", Obj("x", Value(1), "y", Value(1)), "tags", Arr(Value("a")))));
    long noop = tsOf(fauna.query(Update(ref, Obj("data", Obj()))));
    long removal = tsOf(fauna.query(Update(ref, Obj("data", Obj("cost", Null())))));
    long nested = tsOf(fauna.query(Update(ref, Obj("data", Obj("nested", Obj("x", Value(2)))))));
    long array = tsOf(fauna.query(Update(ref, Obj("data", Obj("tags", Arr(Value("a"), Value("b")))))));
    long replaced = tsOf(fauna.query(Replace(ref, Obj("data", Obj("name", Value("Hen Wen"), "element",
        Value("fire"))))));
    long emptied = tsOf(fauna.query(Replace(ref, Obj())));
    List<Value> events = FaunaDriver.data(fauna.query(Paginate(Events(ref))));
    assertEquals(7, events.size());
    assertEquals(docEvent(noop, "update", ref, null), events.get(1));
    assertEquals(docEvent(removal, "update", ref, obj("cost", null)), events.get(2));
    assertEquals(docEvent(nested, "update", ref, obj("nested", obj("x", 2))), events.get(3));
    assertEquals(docEvent(array, "update", ref, obj("tags", arr("a", "b"))), events.get(4));
    assertEquals(docEvent(replaced, "update", ref, obj("element", "fire", "nested", null, "tags", null)),
        events.get(5));
    assertEquals(docEvent(emptied, "update", ref, obj("name", null, "element", null)), events.get(6));
  }

  @Test
  void recreatingADeletedIdStartsANewLife() {
    RefV ref = refOf(fauna.create("c", "7", Obj("v", Value(1))));
    long created = tsOf(fauna.query(Get(ref)));
    long deleted = fauna.query(Do(Delete(ref), ToMicros(Now()))).to(Codec.LONG).get();
    long again = tsOf(fauna.create("c", "7", Obj("v", Value(2))));
    assertEquals(arr(docEvent(created, "create", ref, obj("v", 1)), docEvent(deleted, "delete", ref, null),
        docEvent(again, "create", ref, obj("v", 2))), fauna.query(Paginate(Events(ref))).at("data"));
    assertEquals(arr(setEvent(created, "add", ref), setEvent(deleted, "remove", ref), setEvent(again, "add", ref)),
        fauna.query(Paginate(Events(docs()))).at("data"));
  }

  /**
   * Event cursors: a number is inclusive of the adds at that ts (not of its removes, which the server stores
   * before them); {@code {ts}} and {@code {ts, action}} leave out everything at ts; {@code {ts, action, document}}
   * is inclusive of that event.
   */
  @Test
  void eventCursorForms() {
    Value a = fauna.create("c", "1", Obj());
    Value b = fauna.create("c", "2", Obj());
    long removed = fauna.query(Do(Delete(refOf(a)), ToMicros(Now()))).to(Codec.LONG).get();
    Value c = fauna.create("c", "3", Obj());
    ObjectV addB = setEvent(tsOf(b), "add", refOf(b));
    ObjectV removeA = setEvent(removed, "remove", refOf(a));
    ObjectV addC = setEvent(tsOf(c), "add", refOf(c));

    assertEquals(arr(addB, removeA, addC), after(Value(tsOf(b))));
    assertEquals(arr(addC), after(Value(removed)));
    assertEquals(arr(addB, removeA, addC), after(Time(java.time.Instant.ofEpochSecond(0, tsOf(b) * 1000)
        .toString())));
    assertEquals(arr(removeA, addC), after(Obj("ts", Value(tsOf(b)))));
    assertEquals(arr(removeA, addC), after(Obj("ts", Value(tsOf(b)), "action", Value("add"))));
    assertEquals(arr(addC), after(Obj("ts", Value(removed), "action", Value("remove"))));
    assertEquals(arr(addB, removeA, addC), after(Obj("ts", Value(tsOf(b)), "action", Value("add"), "document",
        refOf(b))));
    assertEquals(arr(removeA, addC), after(Obj("ts", Value(removed), "action", Value("remove"), "resource",
        refOf(a))));
    assertEquals(arr(removeA, addC), after(Obj("ts", Value(removed), "action", Value("remove"), "instance",
        refOf(a))));

    // the cursor comes back as the server parsed it
    Value p = fauna.query(Paginate(Events(docs())).after(Obj("ts", Value(removed), "action", Value("remove"),
        "resource", refOf(a))));
    assertEquals(page(removeA, null, arr(removeA, addC)), p);
    assertEquals(obj("ts", tsOf(b), "action", "add"),
        fauna.query(Paginate(Events(docs())).after(Value(tsOf(b)))).at("before"));

    // backward pages are exclusive of the cursor
    assertEquals(arr(setEvent(tsOf(a), "add", refOf(a)), addB),
        fauna.query(Paginate(Events(docs())).before(removeA)).at("data"));
    assertEquals(arr(setEvent(tsOf(a), "add", refOf(a))),
        fauna.query(Paginate(Events(docs())).before(Value(tsOf(b)))).at("data"));
  }

  private Value after(Expr cursor) {
    return fauna.query(Paginate(Events(docs())).after(cursor)).at("data");
  }

  @Test
  void invalidEventCursorsAreRefused() {
    fauna.create("c", "1", Obj());
    fauna.assertFails(Paginate(Events(docs())).after(Obj("ts", Value(1), "foo", Value(2))), 400, List.of("after"),
        "invalid argument", "Cannot create event cursor with keys ts, foo");
    fauna.assertFails(Paginate(Events(docs())).after(Obj("document", doc("c", "1"))), 400, List.of("after"),
        "invalid argument", "Cannot create event cursor with keys document");
    fauna.assertFails(Paginate(Events(docs())).cursor(Obj("before", Obj("action", Value("add")))), 400,
        List.of("cursor", "before"), "invalid argument", "Cannot create event cursor with keys action");
    fauna.assertFails(Paginate(Events(docs())).after(Value("soon")), 400, List.of("after"), "invalid argument",
        "Object, Integer, Time, or Date expected, String provided.");
    fauna.assertFails(Paginate(Events(Events(docs()))), 400, List.of("paginate"), "invalid argument",
        "Set does not support events history.");
  }

  /** Events read at a past snapshot ({@code At} or {@code ts}) reach only up to it. */
  @Test
  void eventsAtAPastSnapshotStopThere() {
    Value a = fauna.create("c", "1", Obj());
    Value b = fauna.create("c", "2", Obj());
    fauna.query(Delete(refOf(a)));
    Value expected = arr(setEvent(tsOf(a), "add", refOf(a)), setEvent(tsOf(b), "add", refOf(b)));
    assertEquals(expected, fauna.query(At(Value(tsOf(b)),
        Paginate(Events(docs())))).at("data"));
    assertEquals(expected, fauna.query(Paginate(Events(docs())).ts(tsOf(b))).at("data"));
    assertEquals(arr(docEvent(tsOf(a), "create", refOf(a), obj())),
        fauna.query(Paginate(Events(refOf(a))).ts(tsOf(b))).at("data"));
  }

  /** Airbyte's test against a real Fauna: reading removes from ts 0 after creates and a create+delete. */
  @Test
  void airbyteAddRemovesScenario() {
    fauna.query(Do(Create(Ref(Collection("c"), "101"), Obj("data", Obj("a", Value(5)))),
        Create(Ref(Collection("c"), "102"), Obj("data", Obj("a", Value(6)))),
        Create(Ref(Collection("c"), "103"), Obj("data", Obj("a", Value(7)))),
        Create(Ref(Collection("c"), "104"), Obj("data", Obj("a", Value(8))))));
    fauna.create("c", "105", Obj("a", Value(10)));
    long deletedTs = fauna.query(Do(Delete(doc("c", "105")), ToMicros(Now()))).to(Codec.LONG).get();
    List<Value> removes = readRemoves(Obj("ts", Value(0), "action", Value("remove")), 64);
    assertEquals(List.of(obj("ref", doc("c", "105"), "ts", deletedTs)), removes);
  }

  /** Airbyte's test against a real Fauna: removes come back in delete order, with strictly increasing ts. */
  @Test
  void airbyteRemovesOrderScenario() {
    long start = now();
    RefV ref1 = refOf(fauna.create("c", Obj()));
    RefV ref2 = refOf(fauna.create("c", Obj()));
    RefV ref3 = refOf(fauna.create("c", Obj()));
    fauna.query(Delete(ref1));
    fauna.query(Delete(ref3));
    fauna.query(Delete(ref2));
    List<Value> removes = readRemoves(Obj("ts", Value(start - 1), "action", Value("remove")), 2);
    assertEquals(3, removes.size());
    assertEquals(List.of(ref1, ref3, ref2), removes.stream().map(r -> r.at("ref")).toList());
    long ts0 = removes.get(0).at("ts").to(Codec.LONG).get();
    long ts1 = removes.get(1).at("ts").to(Codec.LONG).get();
    long ts2 = removes.get(2).at("ts").to(Codec.LONG).get();
    assertEquals(List.of(true, true), List.of(ts0 < ts1, ts1 < ts2));
  }

  /** Airbyte's deletes query, page after page: Filter the remove events of a Documents events page. */
  private List<Value> readRemoves(Expr firstCursor, int pageSize) {
    List<Value> out = new ArrayList<>();
    Expr cursor = firstCursor;
    while (true) {
      Value page = fauna.query(Map(
          Filter(Paginate(docs()).events(true).after(cursor).size(pageSize),
              Lambda("x", Equals(Select(Arr(Value("action")), Var("x")), Value("remove")))),
          Lambda("x", Obj("ref", Select(Value("document"), Var("x")), "ts", Select(Value("ts"), Var("x"))))));
      out.addAll(FaunaDriver.data(page));
      if (page.at("after") instanceof NullV) {
        return out;
      }
      cursor = page.at("after");
    }
  }
}
