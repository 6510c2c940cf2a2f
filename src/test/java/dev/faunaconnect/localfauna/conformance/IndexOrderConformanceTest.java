package dev.faunaconnect.localfauna.conformance;

import static com.faunadb.client.query.Language.Arr;
import static com.faunadb.client.query.Language.Collection;
import static com.faunadb.client.query.Language.Date;
import static com.faunadb.client.query.Language.Documents;
import static com.faunadb.client.query.Language.Epoch;
import static com.faunadb.client.query.Language.Get;
import static com.faunadb.client.query.Language.Index;
import static com.faunadb.client.query.Language.Match;
import static com.faunadb.client.query.Language.Null;
import static com.faunadb.client.query.Language.Obj;
import static com.faunadb.client.query.Language.Paginate;
import static com.faunadb.client.query.Language.Ref;
import static com.faunadb.client.query.Language.Update;
import static com.faunadb.client.query.Language.Value;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.arr;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.collectionRef;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.doc;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.field;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.page;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.refOf;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.reversed;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.faunadb.client.query.Expr;
import com.faunadb.client.types.Value;
import com.faunadb.client.types.Value.BytesV;
import com.faunadb.client.types.Value.DateV;
import com.faunadb.client.types.Value.DoubleV;
import com.faunadb.client.types.Value.RefV;
import com.faunadb.client.types.Value.TimeV;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How indexes hold and order their entries: values then ref, reverse, cross-type and string order, fan-out. */
class IndexOrderConformanceTest extends FreshServerTest {
  IndexOrderConformanceTest() {
    super("c");
  }

  private Value all(String index) {
    return all(Match(Index(index)));
  }

  @Test
  void entriesSortByValuesThenByRef() {
    fauna.createIndex("by_v", "c", List.of(), List.of(field("data", "v"), field("ref")));
    fauna.create("c", "30", Obj("v", Value(2)));
    fauna.create("c", "10", Obj("v", Value(2)));
    fauna.create("c", "20", Obj("v", Value(1)));
    assertEquals(arr(arr(1, doc("c", "20")), arr(2, doc("c", "10")), arr(2, doc("c", "30"))), all("by_v"));
  }

  @Test
  void equalValuesAreOrderedByDocumentId() {
    fauna.createIndex("by_v", "c", List.of(), List.of(field("data", "v")));
    RefV b = refOf(fauna.create("c", "200", Obj("v", Value("x"))));
    RefV a = refOf(fauna.create("c", "100", Obj("v", Value("x"))));
    Value p = fauna.query(Paginate(Match(Index("by_v"))).size(1));
    assertEquals(page(null, arr("x", b), arr("x")), p);
    assertEquals(a, refOf(fauna.query(Get(Match(Index("by_v"))))));
  }

  /** IndexSpec "sort numbers correctly": integers and doubles interleave; a null value leaves no entry. */
  @Test
  void numbersSortNumericallyAscendingAndReversed() {
    fauna.createIndex("up", "c", List.of(List.of("data", "foo")), List.of(field("data", "bar")));
    fauna.createIndex("down", "c", List.of(List.of("data", "foo")), List.of(reversed("data", "bar")));
    fauna.create("c", Obj("foo", Value("foo"), "bar", Null()));
    fauna.create("c", Obj("foo", Value("foo"), "bar", Value(2)));
    fauna.create("c", Obj("foo", Value("foo"), "bar", Value(1.1)));
    fauna.create("c", Obj("foo", Value("foo"), "bar", Value(1)));
    assertEquals(arr(1, 1.1, 2), fauna.query(Paginate(Match(Index("up"), Value("foo")))).at("data"));
    assertEquals(arr(2, 1.1, 1), fauna.query(Paginate(Match(Index("down"), Value("foo")))).at("data"));
  }

  /** IndexSpec "sort array": an array field gives one entry per element; its null element none. */
  @Test
  void arrayFieldsFanOutIntoSortedEntries() {
    fauna.createIndex("up", "c", List.of(List.of("data", "foo")), List.of(field("data", "bar")));
    fauna.create("c", Obj("foo", Value("foo"), "bar", Arr(Null(), Value(2), Value(1.1), Value(1))));
    assertEquals(arr(1, 1.1, 2), fauna.query(Paginate(Match(Index("up"), Value("foo")))).at("data"));
  }

  @Test
  void arrayTermsFanOutAndValuesMakeTheCartesianProductOfDistinctElements() {
    fauna.createIndex("by_tag", "c", List.of(List.of("data", "tags")), List.of());
    fauna.createIndex("pairs", "c", List.of(), List.of(field("data", "a"), field("data", "b")));
    RefV d = refOf(fauna.create("c", "1", Obj("tags", Arr(Value("x"), Value("y"), Value("x")),
        "a", Arr(Value(2), Value(1)), "b", Arr(Value("q"), Value("p")))));
    assertEquals(arr(d), fauna.query(Paginate(Match(Index("by_tag"), Value("x")))).at("data"));
    assertEquals(arr(d), fauna.query(Paginate(Match(Index("by_tag"), Value("y")))).at("data"));
    assertEquals(arr(), fauna.query(Paginate(Match(Index("by_tag"), Value("z")))).at("data"));
    assertEquals(arr(arr(1, "p"), arr(1, "q"), arr(2, "p"), arr(2, "q")), all("pairs"));
  }

  /** IndexSpec "mix different types": numbers, bytes, strings, refs, times, dates; reversed exactly opposite. */
  @Test
  void mixedTypesSortByTypeAsInIndexSpec() {
    fauna.createIndex("idx0", "c", List.of(), List.of(field("data", "value")));
    fauna.createIndex("idx1", "c", List.of(), List.of(reversed("data", "value")));
    byte[] bytes = {0x1, 0x2, 0x3, 0x4};
    List<Expr> values = List.of(Value(1), Value(3), Value(2), Value(4), Value("str"), Value(3.14),
        Epoch(0, "seconds"), Date("1970-01-01"), Collection("c"), Value(bytes));
    for (Expr v : values) {
      fauna.create("c", Obj("value", v));
      fauna.create("c", Obj("value", v));
    }
    Value b = new BytesV(bytes);
    Value ts = new TimeV(Instant.EPOCH);
    Value dt = new DateV(LocalDate.of(1970, 1, 1));
    RefV coll = collectionRef("c");
    List<Value> ascending = List.of(v(1), v(1), v(2), v(2), v(3), v(3), new DoubleV(3.14), new DoubleV(3.14), v(4),
        v(4), b, b, v("str"), v("str"), coll, coll, ts, ts, dt, dt);
    assertEquals(page(null, null, new Value.ArrayV(ascending)), fauna.query(Paginate(Match(Index("idx0")))));
    List<Value> descending = new ArrayList<>(ascending);
    Collections.reverse(descending);
    assertEquals(page(null, null, new Value.ArrayV(descending)), fauna.query(Paginate(Match(Index("idx1")))));
  }

  @Test
  void objectsRefsAndBooleansHaveTheirPlacesInTheOrder() {
    fauna.createIndex("idx", "c", List.of(), List.of(field("data", "value")));
    List<Expr> values = List.of(Value(true), Obj("k", Value(1)), Value(false), Value("a"),
        Ref(Collection("c"), "5"), Value(-7));
    for (Expr v : values) {
      fauna.create("c", Obj("value", v));
    }
    assertEquals(arr(-7, "a", FaunaDriver.obj("k", 1), doc("c", "5"), false, true), all("idx"));
  }

  /** Strings use ICU root collation: case only breaks ties, punctuation and spaces count, digits are not numbers. */
  @Test
  void stringsSortByIcuCollation() {
    fauna.createIndex("names", "c", List.of(), List.of(field("data", "s")));
    List<String> words = List.of("b", "B", "apples", "a", "A", "ab", "a b", "a-b", "a1", "aa", "10", "9", "apple",
        "Apple", "Z");
    for (String w : words) {
      fauna.create("c", Obj("s", Value(w)));
    }
    assertEquals(arr("10", "9", "a", "A", "a b", "a-b", "a1", "aa", "ab", "apple", "Apple", "apples", "b", "B", "Z"),
        all("names"));
  }

  @Test
  void entriesWithAllValuesOrAllTermsNullAreLeftOut() {
    fauna.createIndex("ab", "c", List.of(), List.of(field("data", "a"), field("data", "b")));
    fauna.createIndex("by_t", "c", List.of(List.of("data", "t")), List.of());
    RefV none = refOf(fauna.create("c", "1", Obj("x", Value(0))));
    RefV onlyB = refOf(fauna.create("c", "2", Obj("b", Value(5), "t", Value("k"))));
    RefV emptyArray = refOf(fauna.create("c", "3", Obj("a", Arr(), "t", Arr())));
    assertEquals(arr(arr(null, 5)), all("ab"));
    assertEquals(arr(), fauna.query(Paginate(Match(Index("by_t"), Null()))).at("data"));
    assertEquals(arr(onlyB), fauna.query(Paginate(Match(Index("by_t"), Value("k")))).at("data"));
    assertEquals(arr(none, onlyB, emptyArray),
        fauna.query(Paginate(Documents(Collection("c")))).at("data"));
  }

  @Test
  void matchWithSeveralTermsTakesAnArray() {
    fauna.createIndex("by_color_size", "c", List.of(List.of("data", "color"), List.of("data", "size")), List.of());
    RefV redL = refOf(fauna.create("c", "1", Obj("color", Value("red"), "size", Value("L"))));
    fauna.create("c", "2", Obj("color", Value("red"), "size", Value("M")));
    RefV redL2 = refOf(fauna.create("c", "3", Obj("color", Value("red"), "size", Value("L"))));
    assertEquals(arr(redL, redL2),
        fauna.query(Paginate(Match(Index("by_color_size"), Arr(Value("red"), Value("L"))))).at("data"));
    assertEquals(arr(), fauna.query(Paginate(Match(Index("by_color_size"), Arr(Value("L"), Value("red"))))).at("data"));
  }

  @Test
  void anUpdatedDocumentMovesToItsNewEntry() {
    fauna.createIndex("by_v", "c", List.of(), List.of(field("data", "v"), field("ref")));
    RefV a = refOf(fauna.create("c", "1", Obj("v", Value(1))));
    RefV b = refOf(fauna.create("c", "2", Obj("v", Value(2))));
    fauna.query(Update(a, Obj("data", Obj("v", Value(3)))));
    assertEquals(arr(arr(2, b), arr(3, a)), all("by_v"));
  }

  @Test
  void reverseAppliesToItsValueOnlyAndRefsStillAscend() {
    fauna.createIndex("down", "c", List.of(), List.of(reversed("data", "v"), field("ref")));
    RefV x = refOf(fauna.create("c", "9", Obj("v", Value(1))));
    RefV y = refOf(fauna.create("c", "8", Obj("v", Value(1))));
    RefV z = refOf(fauna.create("c", "7", Obj("v", Value(2))));
    Value p = fauna.query(Paginate(Match(Index("down"))).size(2));
    assertEquals(page(null, arr(1, x, x), arr(arr(2, z), arr(1, y))), p);
    assertEquals(page(arr(1, x, x), null, arr(arr(1, x))),
        fauna.query(Paginate(Match(Index("down"))).after(p.at("after"))));
  }

  private static Value v(Object o) {
    return FaunaDriver.value(o);
  }
}
