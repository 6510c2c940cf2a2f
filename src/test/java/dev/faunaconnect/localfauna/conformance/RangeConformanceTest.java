package dev.faunaconnect.localfauna.conformance;

import static com.faunadb.client.query.Language.Arr;
import static com.faunadb.client.query.Language.Collection;
import static com.faunadb.client.query.Language.Create;
import static com.faunadb.client.query.Language.CreateIndex;
import static com.faunadb.client.query.Language.Documents;
import static com.faunadb.client.query.Language.Events;
import static com.faunadb.client.query.Language.Index;
import static com.faunadb.client.query.Language.Match;
import static com.faunadb.client.query.Language.Now;
import static com.faunadb.client.query.Language.Null;
import static com.faunadb.client.query.Language.Obj;
import static com.faunadb.client.query.Language.Paginate;
import static com.faunadb.client.query.Language.Range;
import static com.faunadb.client.query.Language.Ref;
import static com.faunadb.client.query.Language.Update;
import static com.faunadb.client.query.Language.Value;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.arr;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.doc;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.field;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.indexRef;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.page;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.refOf;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.tsOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.faunadb.client.query.Expr;
import com.faunadb.client.types.Value;
import com.faunadb.client.types.Value.ArrayV;
import com.faunadb.client.types.Value.RefV;
import com.faunadb.client.types.Value.SetRefV;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Range: inclusive at both ends, prefix bounds, refs as bounds (RangeFunctionSpec), and paging inside a range. */
class RangeConformanceTest extends FreshServerTest {
  RangeConformanceTest() {
    super("c");
  }

  /** RangeFunctionSpec "limits a set to a lower and upper bound". */
  @Test
  void limitsASetToInclusiveBounds() {
    fauna.createIndex("foo", "c", List.of(), List.of(field("data", "foo")));
    for (int i = 1; i <= 20; i++) {
      fauna.create("c", Obj("foo", Value(i)));
    }
    assertEquals(arr(5, 6, 7, 8, 9, 10), all(Range(Match(Index("foo")), Value(5), Value(10))));
  }

  /** RangeFunctionSpec "limits a set to a lower and upper bound with refs": an index without values. */
  @Test
  void refsBoundAnIndexWithoutValues() {
    fauna.query(CreateIndex(Obj("name", Value("foo"), "source", Collection("c"))));
    for (int i = 1; i <= 20; i++) {
      fauna.query(Create(Ref(Collection("c"), Integer.toString(i)), Obj()));
    }
    List<Value> expected = new ArrayList<>();
    for (int i = 5; i <= 10; i++) {
      expected.add(doc("c", Integer.toString(i)));
    }
    assertEquals(new ArrayV(expected),
        all(Range(Match(Index("foo")), Ref(Collection("c"), "5"), Ref(Collection("c"), "10"))));
    assertEquals(new ArrayV(expected),
        all(Range(Documents(Collection("c")), Ref(Collection("c"), "5"), Ref(Collection("c"), "10"))));
  }

  /** RangeFunctionSpec "limits a set to a lower and upper bound with ref and field": a ref bound is a prefix. */
  @Test
  void refBoundsArePrefixesOfValuesStartingWithARef() {
    fauna.createIndex("foo", "c", List.of(), List.of(field("ref"), field("data", "bar"), field("ref")));
    for (int i = 1; i <= 20; i++) {
      fauna.create("c", Integer.toString(i), Obj("bar", Value(i)));
    }
    List<Value> expected = new ArrayList<>();
    for (int i = 5; i <= 10; i++) {
      RefV r = doc("c", Integer.toString(i));
      expected.add(arr(r, i, r));
    }
    assertEquals(new ArrayV(expected),
        all(Range(Match(Index("foo")), Ref(Collection("c"), "5"), Ref(Collection("c"), "10"))));
  }

  /** RangeFunctionSpec "limits based on lexical prefix": a scalar bound is a one-element prefix. */
  @Test
  void scalarBoundsArePrefixes() {
    fauna.createIndex("foo", "c", List.of(), List.of(field("data", "foo"), field("data", "bar")));
    for (int i = 1; i <= 20; i++) {
      fauna.create("c", Obj("foo", Value(i), "bar", Value(-i)));
    }
    assertEquals(arr(arr(3, -3), arr(4, -4), arr(5, -5), arr(6, -6)),
        all(Range(Match(Index("foo")), Value(3), Value(6))));
    assertEquals(arr(arr(3, -3), arr(4, -4)), all(Range(Match(Index("foo")), arr(3, -3), arr(4, -4))));
    assertEquals(arr(arr(4, -4)), all(Range(Match(Index("foo")), arr(3, -2), arr(4, -4))));
  }

  /** RangeFunctionSpec "returns a reusable set ref". */
  @Test
  void rendersAsASetRef() {
    fauna.createIndex("foo", "c", List.of(), List.of(field("data", "foo")));
    Value set = fauna.query(Match(Index("foo")));
    Map<String, Value> parts = new LinkedHashMap<>();
    parts.put("range", set);
    parts.put("from", new Value.LongV(3));
    parts.put("to", new Value.LongV(6));
    assertEquals(new SetRefV(parts), fauna.query(Range(Match(Index("foo")), Value(3), Value(6))));
    assertEquals(new SetRefV(Map.of("match", indexRef("foo"))), set);
  }

  /** RangeFunctionSpec "does not support historical events reads". */
  @Test
  void eventsOfARangeAreRefused() {
    fauna.createIndex("by_ts", "c", List.of(), List.of(field("ts")));
    fauna.create("c", Obj("firstName", Value("Bob")));
    fauna.assertFails(Paginate(Events(Range(Match(Index("by_ts")), Value(0), Now()))), 400, List.of(),
        "invalid argument", "Set does not support events history.");
  }

  @Test
  void emptyBoundsAreUnbounded() {
    fauna.createIndex("foo", "c", List.of(), List.of(field("data", "foo")));
    for (int i = 1; i <= 4; i++) {
      fauna.create("c", Obj("foo", Value(i)));
    }
    assertEquals(arr(3, 4), all(Range(Match(Index("foo")), Value(3), Arr())));
    assertEquals(arr(1, 2), all(Range(Match(Index("foo")), Arr(), Value(2))));
    assertEquals(arr(1, 2, 3, 4), all(Range(Match(Index("foo")), Arr(), Arr())));
    assertEquals(arr(), all(Range(Match(Index("foo")), Value(3), Value(2))));
  }

  /** The connector's change query: {@code Range(Match(ts index), [ts, ref], [])} includes that exact entry. */
  @Test
  void tsRefRangeIsInclusiveOfTheStartingEntryAndPagesWithFullCursors() {
    fauna.createIndex("by_ts", "c", List.of(), List.of(field("ts"), field("ref")));
    List<Value> docs = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      docs.add(fauna.create("c", Integer.toString(i), Obj("n", Value(i))));
    }
    Value d2 = docs.get(1);
    Expr range = Range(Match(Index("by_ts")), Arr(Value(tsOf(d2)), refOf(d2)), Arr());
    Value p1 = fauna.query(Paginate(range).size(2));
    Value third = docs.get(2);
    Value fourth = docs.get(3);
    assertEquals(page(null, arr(tsOf(fourth), refOf(fourth), refOf(fourth)),
        arr(arr(tsOf(d2), refOf(d2)), arr(tsOf(third), refOf(third)))), p1);
    // an update moves a document behind the range start: it appears again at its new position
    Value moved = fauna.query(Update(refOf(docs.get(0)), Obj("data", Obj("n", Value(10)))));
    Value p2 = fauna.query(Paginate(range).after(p1.at("after")).size(2));
    assertEquals(page(arr(tsOf(fourth), refOf(fourth), refOf(fourth)), null,
        arr(arr(tsOf(fourth), refOf(fourth)), arr(tsOf(moved), refOf(moved)))), p2);
    // a bound of the ts alone starts before every document written at that ts
    assertEquals(arr(arr(tsOf(third), refOf(third)), arr(tsOf(fourth), refOf(fourth)), arr(tsOf(moved),
        refOf(moved))), all(Range(Match(Index("by_ts")), Value(tsOf(third)), Arr())));
  }

  /**
   * fauna/faunadb {@code ext/model/src/main/scala/set/RangeSet.scala} {@code RangeSet.snapshot} replaces a page
   * cursor by the range's bound only when {@code RangeSet.compareCursors}, which compares {@code valuesWithDocID}
   * (the document first, then the values), puts it outside the bound. A prefix bound stands for the least document
   * id ({@code ext/model/.../ast/Parser.scala} {@code CursorParser.parseArray}), so a forward cursor that names a
   * document (every {@code after} a page returns) is used as given, and reads entries below the lower bound.
   */
  @Test
  void aForwardCursorWithADocumentIsUsedAsGivenEvenBelowTheLowerBound() {
    List<RefV> refs = tenDocuments();
    Expr range = Range(Match(Index("foo")), Value(5), Value(7));
    ArrayV below = arr(2, refs.get(1));
    assertEquals(page(below, null, arr(2, 3, 4, 5, 6, 7)), fauna.query(Paginate(range).after(below)));
    // a cursor without a document (a prefix) below the bound is replaced by the bound
    assertEquals(page(arr(2), null, arr(5, 6, 7)), fauna.query(Paginate(range).after(Value(2))));
    assertEquals(page(arr(6), null, arr(6, 7)), fauna.query(Paginate(range).after(Value(6))));
    // the upper bound still ends the read
    assertEquals(page(arr(9, refs.get(8)), null, arr()), fauna.query(Paginate(range).after(arr(9, refs.get(8)))));
  }

  /**
   * {@code RangeSet.snapshot}, backward: the cursor is compared with the upper bound, which stands for the greatest
   * document id: any cursor short of that, {@code before: null} (read as the prefix {@code [null]}) included, is
   * used as given, so paging back from the end starts above the range; the lower bound still ends the read.
   */
  @Test
  void aBackwardCursorIsUsedAsGivenEvenAboveTheUpperBound() {
    List<RefV> refs = tenDocuments();
    Expr range = Range(Match(Index("foo")), Value(3), Value(7));
    Value last = fauna.query(Paginate(range).before(Null()).size(2));
    assertEquals(page(arr(9, refs.get(8)), arr((Object) null), arr(9, 10)), last);
    Value previous = fauna.query(Paginate(range).before(last.at("before")).size(4));
    assertEquals(page(arr(5, refs.get(4)), arr(9, refs.get(8)), arr(5, 6, 7, 8)), previous);
    Value first = fauna.query(Paginate(range).before(previous.at("before")).size(4));
    assertEquals(page(null, arr(5, refs.get(4)), arr(3, 4)), first);
  }

  private List<RefV> tenDocuments() {
    fauna.createIndex("foo", "c", List.of(), List.of(field("data", "foo")));
    List<RefV> refs = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      refs.add(refOf(fauna.create("c", Integer.toString(i), Obj("foo", Value(i)))));
    }
    return refs;
  }
}
