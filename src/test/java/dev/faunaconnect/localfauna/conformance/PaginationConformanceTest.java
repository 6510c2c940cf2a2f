package dev.faunaconnect.localfauna.conformance;

import static com.faunadb.client.query.Language.At;
import static com.faunadb.client.query.Language.Collection;
import static com.faunadb.client.query.Language.Collections;
import static com.faunadb.client.query.Language.Create;
import static com.faunadb.client.query.Language.CreateCollection;
import static com.faunadb.client.query.Language.CreateIndex;
import static com.faunadb.client.query.Language.Date;
import static com.faunadb.client.query.Language.Delete;
import static com.faunadb.client.query.Language.Do;
import static com.faunadb.client.query.Language.Documents;
import static com.faunadb.client.query.Language.Epoch;
import static com.faunadb.client.query.Language.Events;
import static com.faunadb.client.query.Language.Get;
import static com.faunadb.client.query.Language.Index;
import static com.faunadb.client.query.Language.Indexes;
import static com.faunadb.client.query.Language.Match;
import static com.faunadb.client.query.Language.Null;
import static com.faunadb.client.query.Language.Obj;
import static com.faunadb.client.query.Language.Paginate;
import static com.faunadb.client.query.Language.Ref;
import static com.faunadb.client.query.Language.Time;
import static com.faunadb.client.query.Language.Update;
import static com.faunadb.client.query.Language.Value;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.arr;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.collectionRef;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.data;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.doc;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.field;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.indexRef;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.keys;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.obj;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.page;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.refOf;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.setEvent;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.tsOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.faunadb.client.query.Expr;
import com.faunadb.client.types.Value;
import com.faunadb.client.types.Value.ArrayV;
import com.faunadb.client.types.Value.NullV;
import com.faunadb.client.types.Value.RefV;
import com.faunadb.client.types.Value.SetRefV;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Paginate: orders of the native sets, page sizes, every cursor form and shape, snapshot reads and sources. */
class PaginationConformanceTest extends FreshServerTest {
  private Expr docs(String collection) {
    return Documents(Collection(collection));
  }

  /** Creates documents {@code c/1 .. c/n} (ids given, one query each) and returns their refs. */
  private List<RefV> numbered(String collection, int n) {
    fauna.createCollection(collection);
    List<RefV> refs = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      refs.add(refOf(fauna.create(collection, Integer.toString(i), Obj("n", Value(i)))));
    }
    return refs;
  }

  @Test
  void documentsAreOrderedByNumericIdNotByCreationOrText() {
    fauna.createCollection("c");
    for (String id : List.of("10", "9", "100", "2", "337567897171787849")) {
      fauna.create("c", id, Obj());
    }
    Value page = fauna.query(Paginate(docs("c")));
    assertEquals(page(null, null, arr(doc("c", "2"), doc("c", "9"), doc("c", "10"), doc("c", "100"),
        doc("c", "337567897171787849"))), page);
  }

  @Test
  void collectionsAndIndexesAreListedInCreationOrder() {
    for (String name : List.of("zeta", "alpha", "mid")) {
      fauna.createCollection(name);
    }
    fauna.createIndex("z_idx", "zeta", List.of(), List.of());
    fauna.createIndex("a_idx", "alpha", List.of(), List.of());
    assertEquals(page(null, null, arr(collectionRef("zeta"), collectionRef("alpha"), collectionRef("mid"))),
        fauna.query(Paginate(Collections())));
    assertEquals(page(null, null, arr(indexRef("z_idx"), indexRef("a_idx"))), fauna.query(Paginate(Indexes())));
    Value first = fauna.query(Paginate(Collections()).size(2));
    assertEquals(page(null, arr(collectionRef("mid")), arr(collectionRef("zeta"), collectionRef("alpha"))), first);
  }

  @Test
  void forwardPagesAreInclusiveOfTheirCursorAndPointAtTheNextPage() {
    List<RefV> r = numbered("c", 5);
    Value p1 = fauna.query(Paginate(docs("c")).size(2));
    assertEquals(page(null, arr(r.get(2)), arr(r.get(0), r.get(1))), p1);
    assertEquals(List.of("after", "data"), keys(p1));
    Value p2 = fauna.query(Paginate(docs("c")).after(p1.at("after")).size(2));
    assertEquals(page(arr(r.get(2)), arr(r.get(4)), arr(r.get(2), r.get(3))), p2);
    assertEquals(List.of("before", "after", "data"), keys(p2));
    Value p3 = fauna.query(Paginate(docs("c")).after(p2.at("after")).size(2));
    assertEquals(page(arr(r.get(4)), null, arr(r.get(4))), p3);
  }

  @Test
  void backwardPagesAreExclusiveOfTheirCursor() {
    List<RefV> r = numbered("c", 5);
    Value p = fauna.query(Paginate(docs("c")).before(arr(r.get(4))).size(2));
    assertEquals(page(arr(r.get(2)), arr(r.get(4)), arr(r.get(2), r.get(3))), p);
    Value first = fauna.query(Paginate(docs("c")).before(p.at("before")).size(2));
    assertEquals(page(null, arr(r.get(2)), arr(r.get(0), r.get(1))), first);
  }

  @Test
  void cursorObjectFormTakesAfterBeforeOrNull() {
    List<RefV> r = numbered("c", 4);
    assertEquals(page(arr(r.get(1)), arr(r.get(3)), arr(r.get(1), r.get(2))),
        fauna.query(Paginate(docs("c")).cursor(Obj("after", arr(r.get(1)))).size(2)));
    assertEquals(page(arr(r.get(1)), arr(r.get(3)), arr(r.get(1), r.get(2))),
        fauna.query(Paginate(docs("c")).cursor(Obj("before", arr(r.get(3)))).size(2)));
    assertEquals(page(null, arr(r.get(2)), arr(r.get(0), r.get(1))),
        fauna.query(Paginate(docs("c")).cursor(Null()).size(2)));
  }

  @Test
  void invalidCursorObjectIsRefusedAtTheCursorArgument() {
    numbered("c", 1);
    String message = "Invalid cursor object. Expected an object with either 'before' or 'after' key in it.";
    fauna.assertFails(Paginate(docs("c")).cursor(Obj("foo", Value(1))), 400, List.of("cursor"),
        "invalid argument", message);
    fauna.assertFails(Paginate(docs("c")).cursor(Value(5)), 400, List.of("cursor"), "invalid argument", message);
    fauna.assertFails(Paginate(docs("c")).cursor(Obj("after", Value(1), "before", Value(2))), 400,
        List.of("cursor"), "invalid argument", message);
  }

  @Test
  void sizeZeroReturnsNoDataAndEchoesTheCursorOnBothSides() {
    List<RefV> r = numbered("c", 3);
    assertEquals(page(null, null, arr()), fauna.query(Paginate(docs("c")).size(0)));
    assertEquals(page(arr(r.get(1)), arr(r.get(1)), arr()),
        fauna.query(Paginate(docs("c")).after(arr(r.get(1))).size(0)));
    assertEquals(page(arr(r.get(1)), arr(r.get(1)), arr()),
        fauna.query(Paginate(docs("c")).before(arr(r.get(1))).size(0)));
  }

  @Test
  void negativeSizeReturnsNoDataAndOnlyTheGivenCursor() {
    List<RefV> r = numbered("c", 3);
    assertEquals(page(null, null, arr()), fauna.query(Paginate(docs("c")).size(-1)));
    assertEquals(page(arr(r.get(1)), null, arr()), fauna.query(Paginate(docs("c")).after(arr(r.get(1))).size(-5)));
    assertEquals(page(null, arr(r.get(1)), arr()), fauna.query(Paginate(docs("c")).before(arr(r.get(1))).size(-5)));
  }

  @Test
  void defaultSizeIs64() {
    fauna.createCollection("c");
    List<Expr> creates = new ArrayList<>();
    for (int i = 1; i <= 65; i++) {
      creates.add(Create(Ref(Collection("c"), Integer.toString(i)), Obj()));
    }
    fauna.query(Do(creates));
    Value p = fauna.query(Paginate(docs("c")));
    assertEquals(64, data(p).size());
    assertEquals(arr(doc("c", "65")), p.at("after"));
  }

  /**
   * Sizes above 100000 are silently capped, not refused. (Proving the cap itself needs 100001 documents, which
   * faunadb-java takes tens of seconds to decode as one page, so only the acceptance is asserted here.)
   */
  @Test
  void hugeSizesAreAcceptedSilently() {
    List<RefV> r = numbered("c", 3);
    assertEquals(page(null, null, arr(r.get(0), r.get(1), r.get(2))),
        fauna.query(Paginate(docs("c")).size(Integer.MAX_VALUE)));
  }

  @Test
  void indexCursorsAreTheValuesThenTheRef() {
    fauna.createCollection("c");
    fauna.createIndex("by_ts", "c", List.of(), List.of(field("ts"), field("ref")));
    Value a = fauna.create("c", "1", Obj());
    Value b = fauna.create("c", "2", Obj());
    Value c = fauna.create("c", "3", Obj());
    Value p = fauna.query(Paginate(Match(Index("by_ts"))).size(1));
    assertEquals(page(null, arr(tsOf(b), refOf(b), refOf(b)), arr(arr(tsOf(a), refOf(a)))), p);
    Value next = fauna.query(Paginate(Match(Index("by_ts"))).after(p.at("after")).size(2));
    assertEquals(page(arr(tsOf(b), refOf(b), refOf(b)), null, arr(arr(tsOf(b), refOf(b)), arr(tsOf(c), refOf(c)))),
        next);
  }

  @Test
  void termOnlyIndexCursorsAreTheRefAlone() {
    fauna.createCollection("c");
    fauna.createIndex("by_color", "c", List.of(List.of("data", "color")), List.of());
    RefV a = refOf(fauna.create("c", "7", Obj("color", Value("red"))));
    RefV b = refOf(fauna.create("c", "8", Obj("color", Value("red"))));
    fauna.create("c", "9", Obj("color", Value("blue")));
    assertEquals(page(null, arr(b), arr(a)), fauna.query(Paginate(Match(Index("by_color"), Value("red"))).size(1)));
  }

  @Test
  void singleValueIndexElementsAreScalarsAndCursorsArrays() {
    fauna.createCollection("c");
    fauna.createIndex("names", "c", List.of(), List.of(field("data", "name")));
    RefV ann = refOf(fauna.create("c", "1", Obj("name", Value("ann"))));
    RefV bob = refOf(fauna.create("c", "2", Obj("name", Value("bob"))));
    assertEquals(page(null, arr("bob", bob), arr("ann")), fauna.query(Paginate(Match(Index("names"))).size(1)));
    assertEquals(page(arr("bob", ann), null, arr("bob")),
        fauna.query(Paginate(Match(Index("names"))).after(arr("bob", ann))));
    // a prefix cursor starts before every document with those values
    assertEquals(page(arr("bob"), null, arr("bob")), fauna.query(Paginate(Match(Index("names"))).after(arr("bob"))));
  }

  /**
   * ReadFunctionsSpec.testPagination: {@code null} sorts after every value and {@code 0} before every ref, for
   * snapshot pages and for event pages.
   */
  @Test
  void nullAndZeroCursorsAsInReadFunctionsSpec() {
    fauna.createCollection("c");
    fauna.createIndex("foo", "c", List.of(List.of("data", "element")), List.of());
    int count = 7;
    int size = 3;
    List<Value> refs = new ArrayList<>();
    List<Value> history = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Value d = fauna.create("c", Obj("element", Value("fire")));
      refs.add(refOf(d));
      history.add(setEvent(tsOf(d), "add", refOf(d)));
    }
    long now = now();
    Expr fire = Match(Index("foo"), Value("fire"));
    ArrayV all = new ArrayV(refs);
    ArrayV lastPage = new ArrayV(refs.subList(count - size, count));
    ArrayV firstPage = new ArrayV(refs.subList(0, size));
    ArrayV lastHistory = new ArrayV(history.subList(count - size, count));
    ArrayV firstHistory = new ArrayV(history.subList(0, size));

    assertEquals(all, fauna.query(Paginate(fire).size(count)).at("data"));
    assertEquals(all, fauna.query(Paginate(fire).before(Null()).size(count)).at("data"));
    assertEquals(new ArrayV(history), fauna.query(Paginate(fire).events(true).size(count)).at("data"));

    assertEquals(lastPage, fauna.query(Paginate(fire).before(Null()).size(size)).at("data"));
    assertEquals(arr(), fauna.query(Paginate(fire).after(Null()).size(size)).at("data"));
    assertEquals(arr(), fauna.query(Paginate(fire).before(Value(0)).size(size)).at("data"));
    assertEquals(firstPage, fauna.query(Paginate(fire).after(Value(0)).size(size)).at("data"));

    assertEquals(lastHistory, eventData(Paginate(fire).cursor(Obj("before", Obj("ts", Value(now)))), size));
    assertEquals(lastHistory,
        eventData(Paginate(fire).cursor(Obj("before", Obj("ts", Value(now), "action", Value("add")))), size));
    assertEquals(lastHistory, eventData(Paginate(fire).cursor(Obj("before",
        Obj("ts", Value(now), "action", Value("add"), "document", refs.get(count - 1)))), size));
    assertEquals(lastHistory, eventData(Paginate(fire).before(Time("now")), size));
    assertEquals(lastHistory, eventData(Paginate(fire).before(Null()), size));
    assertEquals(arr(), eventData(Paginate(fire).after(Null()), size));
    assertEquals(arr(), eventData(Paginate(fire).before(Value(0)), size));
    assertEquals(firstHistory, eventData(Paginate(fire).after(Value(0)), size));
    assertEquals(lastHistory, eventData(Paginate(fire).before(Date("2100-01-01")), size));
  }

  private Value eventData(com.faunadb.client.query.Pagination p, int size) {
    return fauna.query(p.events(true).size(size)).at("data");
  }

  @Test
  void scalarAndNullCursorsAreEchoedAsOneElementArrays() {
    List<RefV> r = numbered("c", 2);
    assertEquals(page(arr(0L), null, arr(r.get(0), r.get(1))), fauna.query(Paginate(docs("c")).after(Value(0))));
    assertEquals(page(arr(NullV.NULL), null, arr()), fauna.query(Paginate(docs("c")).after(Null())));
    assertEquals(page(null, arr(NullV.NULL), arr(r.get(0), r.get(1))),
        fauna.query(Paginate(docs("c")).before(Null())));
    assertEquals(page(arr(""), null, arr(r.get(0), r.get(1))), fauna.query(Paginate(docs("c")).after(Value(""))));
    assertEquals(page(arr(true), null, arr()), fauna.query(Paginate(docs("c")).after(Value(true))));
  }

  @Test
  void paginateAtATimestampReadsThatSnapshot() {
    fauna.createCollection("c");
    fauna.createIndex("by_ts", "c", List.of(), List.of(field("ts"), field("ref")));
    Value d1 = fauna.create("c", "1", Obj("v", Value(1)));
    Value d2 = fauna.create("c", "2", Obj("v", Value(2)));
    Value d1b = fauna.query(Update(refOf(d1), Obj("data", Obj("v", Value(10)))));
    fauna.query(Delete(refOf(d2)));
    long t4 = now();
    Value d3 = fauna.create("c", "3", Obj("v", Value(3)));
    long t1 = tsOf(d1);
    long t2 = tsOf(d2);
    long t3 = tsOf(d1b);

    assertEquals(arr(refOf(d1)), fauna.query(Paginate(docs("c")).ts(t1)).at("data"));
    assertEquals(arr(refOf(d1), refOf(d2)), fauna.query(Paginate(docs("c")).ts(t2)).at("data"));
    assertEquals(arr(refOf(d1)), fauna.query(Paginate(docs("c")).ts(t4)).at("data"));
    assertEquals(arr(refOf(d1), refOf(d3)), fauna.query(Paginate(docs("c"))).at("data"));
    assertEquals(arr(refOf(d1), refOf(d2)), fauna.query(At(Value(t2), Paginate(docs("c")))).at("data"));
    assertEquals(arr(refOf(d1), refOf(d2)),
        fauna.query(Paginate(docs("c")).ts(Epoch(Value(t2), "microsecond"))).at("data"));

    Expr byTs = Match(Index("by_ts"));
    assertEquals(arr(arr(t1, refOf(d1)), arr(t2, refOf(d2))), fauna.query(Paginate(byTs).ts(t2)).at("data"));
    // the updated document moves to its new (ts, ref) position; the deleted one leaves
    assertEquals(arr(arr(t2, refOf(d2)), arr(t3, refOf(d1))), fauna.query(At(Value(t3), Paginate(byTs))).at("data"));
    assertEquals(arr(arr(t3, refOf(d1)), arr(tsOf(d3), refOf(d3))), fauna.query(Paginate(byTs)).at("data"));

    // Get inside At reads the version in force then
    assertEquals(obj("v", 1), fauna.query(At(Value(t2), Get(refOf(d1)))).at("data"));
    assertEquals(obj("v", 10), fauna.query(Get(refOf(d1))).at("data"));
  }

  @Test
  void sourcesWrapEachElementWithTheSetItCameFrom() {
    fauna.createCollection("c");
    RefV a = refOf(fauna.create("c", "1", Obj()));
    Value p = fauna.query(Paginate(docs("c")).sources(true));
    SetRefV set = new SetRefV(Map.of("documents", collectionRef("c")));
    assertEquals(page(null, null, arr(obj("value", a, "sources", arr(set)))), p);
    Value events = fauna.query(Paginate(Events(docs("c"))).sources(true));
    SetRefV eventsSet = new SetRefV(Map.of("events", set));
    assertEquals(arr(obj("value", setEvent(tsOf(fauna.query(Get(a))), "add", a), "sources", arr(set))),
        events.at("data"));
    assertEquals(SetRefV.class, fauna.query(Events(docs("c"))).getClass());
    assertEquals(eventsSet, fauna.query(Events(docs("c"))));
  }

  @Test
  void unknownCollectionIsAnInvalidRef() {
    fauna.assertFails(Paginate(docs("nope")), 400, List.of("paginate", "documents"), "invalid ref",
        "Ref refers to undefined collection 'nope'");
  }

  @Test
  void schemaSetsPageLikeDocuments() {
    fauna.query(CreateCollection(Obj("name", Value("a"))));
    fauna.query(CreateCollection(Obj("name", Value("b"))));
    fauna.query(CreateIndex(Obj("name", Value("i"), "source", Collection("a"))));
    Value p = fauna.query(Paginate(Collections()).after(arr(collectionRef("b"))));
    assertEquals(page(arr(collectionRef("b")), null, arr(collectionRef("b"))), p);
  }
}
