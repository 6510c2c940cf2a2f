package dev.faunaconnect.localfauna.conformance;

import static com.faunadb.client.query.Language.Abort;
import static com.faunadb.client.query.Language.Add;
import static com.faunadb.client.query.Language.And;
import static com.faunadb.client.query.Language.Arr;
import static com.faunadb.client.query.Language.At;
import static com.faunadb.client.query.Language.Collection;
import static com.faunadb.client.query.Language.Concat;
import static com.faunadb.client.query.Language.ContainsPath;
import static com.faunadb.client.query.Language.Create;
import static com.faunadb.client.query.Language.Do;
import static com.faunadb.client.query.Language.Documents;
import static com.faunadb.client.query.Language.Equals;
import static com.faunadb.client.query.Language.Filter;
import static com.faunadb.client.query.Language.Foreach;
import static com.faunadb.client.query.Language.Format;
import static com.faunadb.client.query.Language.GT;
import static com.faunadb.client.query.Language.GTE;
import static com.faunadb.client.query.Language.Get;
import static com.faunadb.client.query.Language.If;
import static com.faunadb.client.query.Language.IsNull;
import static com.faunadb.client.query.Language.Keys;
import static com.faunadb.client.query.Language.LT;
import static com.faunadb.client.query.Language.LTE;
import static com.faunadb.client.query.Language.Lambda;
import static com.faunadb.client.query.Language.Let;
import static com.faunadb.client.query.Language.Map;
import static com.faunadb.client.query.Language.Multiply;
import static com.faunadb.client.query.Language.NewId;
import static com.faunadb.client.query.Language.Not;
import static com.faunadb.client.query.Language.Now;
import static com.faunadb.client.query.Language.Null;
import static com.faunadb.client.query.Language.Obj;
import static com.faunadb.client.query.Language.Or;
import static com.faunadb.client.query.Language.Paginate;
import static com.faunadb.client.query.Language.Path;
import static com.faunadb.client.query.Language.Ref;
import static com.faunadb.client.query.Language.Select;
import static com.faunadb.client.query.Language.Subtract;
import static com.faunadb.client.query.Language.Time;
import static com.faunadb.client.query.Language.ToMicros;
import static com.faunadb.client.query.Language.Update;
import static com.faunadb.client.query.Language.Value;
import static com.faunadb.client.query.Language.Var;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.faunadb.client.errors.BadRequestException;
import com.faunadb.client.errors.NotFoundException;
import com.faunadb.client.query.Expr;
import com.faunadb.client.types.Value;
import com.faunadb.client.types.Value.ArrayV;
import com.faunadb.client.types.Value.BooleanV;
import com.faunadb.client.types.Value.DoubleV;
import com.faunadb.client.types.Value.LongV;
import com.faunadb.client.types.Value.ObjectV;
import com.faunadb.client.types.Value.RefV;
import com.faunadb.client.types.Value.StringV;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The basic forms: scoping, lambdas, control flow, comparison, arithmetic, strings, Select and collections. */
class FormsConformanceTest extends ConformanceTest {

  private static Value longs(long... xs) {
    List<Value> out = new ArrayList<>();
    for (long x : xs) {
      out.add(new LongV(x));
    }
    return new ArrayV(out);
  }

  // ---- let and var ------------------------------------------------------------------------------------------

  /** BasicForms21Spec "let/var evaluates to its body" and "allows backrefs": the driver's array shape. */
  @Test
  void letBindsInOrderAndSeesEarlierBindings() {
    assertEquals(new LongV(4), query(Let("x", Value(3), "y", Value(4)).in(Var("y"))));
    assertEquals(new StringV("x"), query(Let("x", Value(3), "y", Value("x")).in(Var("y"))));
    assertEquals(new LongV(3), query(Let("x", Value(3), "y", Var("x")).in(Var("y"))));
    assertEquals(json("{'resource':[{'let':1}]}"), raw("[{\"let\":[],\"in\":{\"object\":{\"let\":1}}}]").json());
  }

  @Test
  void letAlsoTakesAnObjectOfBindings() {
    assertEquals(json("{'resource':3}"), raw("{\"let\":{\"x\":3,\"y\":{\"var\":\"x\"}},\"in\":{\"var\":\"y\"}}").json());
    assertEquals(json("{'resource':3}"), raw("{\"let\":{},\"in\":{\"add\":[1,2]}}").json());
  }

  @Test
  void bindingsCannotSeeLaterBindings() {
    assertError(Let("y", Var("x"), "x", Value(3)).in(Var("y")), BadRequestException.class, "invalid expression",
        "Variable 'x' is not defined.", "let", 0, "y");
    assertRawError(raw("{\"let\":{\"y\":{\"var\":\"x\"},\"x\":3},\"in\":{\"var\":\"y\"}}"), 400,
        "invalid expression", "Variable 'x' is not defined.", "let", "y");
  }

  /** BasicForms21Spec "rejects unbound free variables": found by parsing, even in branches that never run. */
  @Test
  void unboundVariablesAreFoundBeforeEvaluation() {
    Expr unbound = Var("bad");
    String description = "Variable 'bad' is not defined.";
    Class<BadRequestException> bad = BadRequestException.class;

    assertError(Let("x", Value(0)).in(unbound), bad, "invalid expression", description, "in");
    assertError(Let("x", Value(0)).in(If(Value(true), Value("was true"), unbound)), bad, "invalid expression",
        description, "in", "else");
    assertError(Let("x", Value(0)).in(Add(Value(2), unbound)), bad, "invalid expression", description, "in", "add",
        1);
    assertError(Let("x", Value(0)).in(Obj("x", unbound)), bad, "invalid expression", description, "in", "object",
        "x");
    assertError(At(Time("now"), unbound), bad, "invalid expression", description, "expr");
    assertError(At(unbound, Value(3)), bad, "invalid expression", description, "at");
    assertError(Do(unbound), bad, "invalid expression", description, "do", 0);
    assertError(Map(Arr(Value(1), unbound), Lambda("x", Add(Var("x"), Value(2)))), bad, "invalid expression",
        description, "collection", 1);
    assertError(Map(Arr(Value(1), Value(2)), Lambda("x", Add(Var("x"), unbound))), bad, "invalid expression",
        description, "map", "expr", "add", 1);
  }

  @Test
  void aParseErrorStopsTheWholeQueryBeforeAnyWrite() {
    String c = newCollection();

    assertError(Do(Create(coll(c), Obj("data", Obj("n", Value(1)))), Var("bad")), BadRequestException.class,
        "invalid expression", "Variable 'bad' is not defined.", "do", 1);
    assertError(If(Value(true), Value(1), Obj("x", Var("bad"))), BadRequestException.class, "invalid expression",
        "Variable 'bad' is not defined.", "else", "object", "x");
    assertEquals(json("{'resource':{'data':[]}}"), raw(Paginate(Documents(Collection(c)))).json());
  }

  @Test
  void varNamesMustBeStrings() {
    Raw answer = raw("{\"let\":[{\"x\":4}],\"in\":{\"var\":4}}");

    assertEquals(400, answer.status());
    assertEquals(json("{'errors':[{'position':['in','var'],'code':'invalid expression',"
        + "'description':'String expected, Integer provided.'}]}"), answer.json());
  }

  @Test
  void unknownFormsAreParseErrorsWhereverTheyAre() {
    Raw answer = raw("{\"if\":true,\"then\":1,\"else\":{\"foo\":1,\"bar\":2}}");

    assertEquals(400, answer.status());
    assertEquals(json("{'errors':[{'position':['else'],'code':'invalid expression',"
        + "'description':'No form/function found, or invalid argument keys: { foo, bar }.'}]}"), answer.json());
  }

  // ---- lambda -----------------------------------------------------------------------------------------------

  @Test
  void lambdasBindOneParameterOrDestructureAnArray() {
    assertEquals(longs(2, 3), query(Map(Arr(Value(1), Value(2)), Lambda("x", Add(Var("x"), Value(1))))));
    assertEquals(longs(3, 7), query(Map(Arr(Arr(Value(1), Value(2)), Arr(Value(3), Value(4))),
        Lambda(Arr(Value("a"), Value("b")), Add(Var("a"), Var("b"))))));
    assertEquals(longs(2, 4), query(Map(Arr(Arr(Value(1), Value(2)), Arr(Value(3), Value(4))),
        Lambda(Arr(Value("_"), Value("b")), Var("b")))));
    // a one-parameter array pattern binds a scalar as it is (EvalContext.genLambdaArgMap)
    assertEquals(longs(5), query(Map(Arr(Value(5)), Lambda(Arr(Value("x")), Var("x")))));
  }

  @Test
  void lambdasCaptureTheirScope() {
    assertEquals(longs(3, 4),
        query(Let("x", Value(2)).in(Map(Arr(Value(1), Value(2)), Lambda("y", Add(Var("x"), Var("y")))))));
  }

  /** FilterFunctionSpec: a wrong arity is reported at the calling function's "lambda". */
  @Test
  void destructuringTheWrongNumberOfElementsFailsAtTheLambda() {
    Expr pair = Lambda(Arr(Value("i"), Value("oops")), Value(true));

    assertError(Filter(Arr(Value(1), Value(2), Value(3)), pair), BadRequestException.class, "invalid argument",
        "Lambda expects an array with 2 elements. Array contains 1.", "filter", "lambda");
    assertError(Map(Arr(Arr(Value(1), Value(2), Value(3))), pair), BadRequestException.class, "invalid argument",
        "Lambda expects an array with 2 elements. Array contains 3.", "map", "lambda");
    assertError(Let("l", Value(0)).in(Foreach(Arr(Value(1)), pair)), BadRequestException.class, "invalid argument",
        "Lambda expects an array with 2 elements. Array contains 1.", "in", "foreach", "lambda");
  }

  /** Map, Filter and Foreach take a lambda written in place: the parser reads their first argument as one. */
  @Test
  void collectionFunctionsNeedALambdaForm() {
    assertError(Let("f", Lambda("x", Var("x"))).in(Map(Arr(Value(1)), Var("f"))), BadRequestException.class,
        "invalid expression", "No form/function found, or invalid argument keys: { var }.", "in", "map");
    assertError(Map(Arr(Value(1)), Value("f")), BadRequestException.class, "invalid expression",
        "Lambda expected, String provided.", "map");
  }

  // ---- control flow -----------------------------------------------------------------------------------------

  @Test
  void ifChoosesABranchAndNeedsABoolean() {
    assertEquals(new StringV("was true"), query(If(Value(true), Value("was true"), Value("was false"))));
    assertEquals(new StringV("was true"), query(If(Equals(Value(1), Value(1)), Value("was true"), Value("no"))));
    assertEquals(new StringV("was false"), query(If(Value(false), Value("was true"), Value("was false"))));
    assertError(If(Value("someString"), Value(1), Value(2)), BadRequestException.class, "invalid argument",
        "Boolean expected, String provided.", "if");
  }

  @Test
  void doRunsInOrderAndReturnsTheLast() {
    String c = newCollection();
    Value created = query(Create(coll(c), Obj("data", Obj("n", Value(1)))));

    // BasicForms21Spec "do can read its own version writes"
    assertEquals(new StringV("Hen Wen"), query(Do(
        Update(created.at("ref"), Obj("data", Obj("name", Value("Hen Wen")))),
        Select(Arr(Value("data"), Value("name")), Get(created.at("ref"))))));
    Raw empty = raw("{\"do\":[]}");
    assertEquals(json("{'errors':[{'position':['do'],'code':'invalid expression',"
        + "'description':'Expression list cannot be empty.'}]}"), empty.json());
  }

  /** BasicForms21Spec "objects evaluate their contents". */
  @Test
  void objectsEvaluateTheirValues() {
    assertEquals(new ObjectV(java.util.Map.of("age", new LongV(3))),
        query(Obj("age", Add(Value(-1), Value(-1), Value(5)))));
    assertEquals(new ObjectV(java.util.Map.of("add", longs(-1, -1, 5))),
        query(Obj("add", Arr(Value(-1), Value(-1), Value(5)))));
  }

  @Test
  void abortFailsTheQueryWithItsMessageWhereItStands() {
    assertError(Abort("stop here"), BadRequestException.class, "transaction aborted", "stop here");
    assertError(Do(Value(1), Abort("second")), BadRequestException.class, "transaction aborted", "second", "do", 1);
    assertError(Abort(Value(5)), BadRequestException.class, "invalid argument", "String expected, Integer provided.",
        "abort");
  }

  // ---- at ---------------------------------------------------------------------------------------------------

  /** BasicForms21Spec "at sets the valid time of a query" and "transaction time reads to present". */
  @Test
  void atReadsTheSnapshotOfItsTime() {
    String c = newCollection();
    Value created = query(Create(coll(c), Obj("data", Obj("v", Value(1)))));
    Expr ref = created.at("ref");
    query(Update(ref, Obj("data", Obj("v", Value(2)))));

    assertEquals(new LongV(1), query(At(created.at("ts"), Select(Arr(Value("data"), Value("v")), Get(ref)))));
    assertEquals(new LongV(2), query(At(Time("now"), Select(Arr(Value("data"), Value("v")), Get(ref)))));
    assertError(At(Subtract(created.at("ts"), Value(1)), Get(ref)), NotFoundException.class, "instance not found",
        "Document not found.", "expr");
    Value pair = query(Let("i", Create(coll(c), Obj())).in(
        Arr(Var("i"), At(Select(Value("ts"), Var("i")), Get(Select(Value("ref"), Var("i")))))));
    assertEquals(pair.at(0), pair.at(1));
  }

  /** BasicForms21Spec "does not allow writes if the time has changed". */
  @Test
  void atRefusesWritesAtAnotherTime() {
    String c = newCollection();
    Expr ref = query(Create(coll(c), Obj())).at("ref");
    Expr update = Update(ref, Obj("data", Obj("foo", Value("bar"))));

    query(At(Time("now"), update));
    query(At(Value(123), At(Time("now"), update)));
    assertError(At(Value(123), update), BadRequestException.class, "invalid write time",
        "Cannot write outside of snapshot time.", "expr");
    assertError(At(Time("now"), At(Value(0), update)), BadRequestException.class, "invalid write time",
        "Cannot write outside of snapshot time.", "expr", "expr");
  }

  @Test
  void atNeedsATime() {
    assertError(At(Value("x"), Value(1)), BadRequestException.class, "invalid argument",
        "Time expected, String provided.", "at");
  }

  // ---- comparison and logic ---------------------------------------------------------------------------------

  @Test
  void comparisonsChainAcrossTheirArguments() {
    assertEquals(BooleanV.TRUE, query(LT(Value(1), Value(1.5), Value(2))));
    assertEquals(BooleanV.FALSE, query(LT(Value(1), Value(1.0))));
    assertEquals(BooleanV.TRUE, query(LTE(Value(1), Value(1.0), Value(2))));
    assertEquals(BooleanV.TRUE, query(GT(Value("B"), Value("b"), Value("A"), Value("a"))));
    assertEquals(BooleanV.TRUE, query(GTE(Value(3), Value(3), Value(2))));
    // cross-type order: numbers < strings < arrays < objects < refs < times < booleans < null
    assertEquals(BooleanV.TRUE, query(LT(Value(99), Value(""), Arr(), Obj(), Ref(Keys(), "1"),
        Time("1970-01-01T00:00:00Z"), Value(false), Value(true), Null())));
    assertError(LT(Arr()), BadRequestException.class, "invalid argument", "Non-empty array expected.", "lt");
  }

  @Test
  void andOrStopAtTheFirstDecidingValue() {
    assertEquals(BooleanV.FALSE, query(And(Value(true), Value(false))));
    assertEquals(BooleanV.TRUE, query(Or(Value(false), Value(true))));
    assertEquals(BooleanV.FALSE, query(And(Value(false), Abort("not reached"))));
    assertEquals(BooleanV.TRUE, query(Or(Value(true), Abort("not reached"))));
    assertEquals(BooleanV.FALSE, query(Not(Value(true))));
    assertError(And(Value(true), Value("x")), BadRequestException.class, "invalid argument",
        "Boolean expected, String provided.", "and", 1);
    assertError(Not(Value(1)), BadRequestException.class, "invalid argument", "Boolean expected, Integer provided.",
        "not");
    assertEquals(json("{'errors':[{'position':['or'],'code':'invalid expression',"
        + "'description':'Expression list cannot be empty.'}]}"), raw("{\"or\":[]}").json());
  }

  @Test
  void equalsComparesAllArgumentsWithTheFirst() {
    assertEquals(BooleanV.TRUE, query(Equals(Obj("a", Value(1), "b", Value(2)), Obj("b", Value(2), "a", Value(1)))));
    assertEquals(BooleanV.FALSE, query(Equals(Value(1), Value(1), Value(2))));
    assertEquals(BooleanV.TRUE, query(Equals(Value("only"))));
    assertError(Equals(), BadRequestException.class, "invalid argument", "Non-empty array expected.", "equals");
  }

  // ---- arithmetic and strings -------------------------------------------------------------------------------

  @Test
  void arithmeticFoldsLeftToRight() {
    assertEquals(new LongV(6), query(Add(Value(1), Value(2), Value(3))));
    assertEquals(new LongV(5), query(Subtract(Value(10), Value(3), Value(2))));
    assertEquals(new DoubleV(7.0), query(Multiply(Value(2), Value(3.5))));
    assertEquals(new LongV(7), query(Add(Value(7))));
    assertError(Add(Value(1), Value("x")), BadRequestException.class, "invalid argument",
        "Number expected, String provided.", "add", 1);
    assertError(Add(), BadRequestException.class, "invalid argument", "Non-empty array expected.", "add");
  }

  @Test
  void concatJoinsStrings() {
    assertEquals(new StringV("ab"), query(Concat(Arr(Value("a"), Value("b")))));
    assertEquals(new StringV("a, b"), query(Concat(Arr(Value("a"), Value("b")), Value(", "))));
    assertEquals(new StringV("solo"), query(Concat(Value("solo"))));
    assertError(Concat(Arr(Value("a"), Value(1))), BadRequestException.class, "invalid argument",
        "String expected, Integer provided.", "concat", 1);
  }

  @Test
  void isNullIsTrueOnlyForNull() {
    assertEquals(longs(), query(Filter(Arr(Value(0), Value(""), Arr()), Lambda("x", IsNull(Var("x"))))));
    assertEquals(BooleanV.TRUE, query(IsNull(Null())));
  }

  /** StringFunctions.scala FormatFunction: Java specifiers, %s through ToString. */
  @Test
  void formatPrintsValuesWithJavaSpecifiers() {
    assertEquals(new StringV("Ada is 36, 1.50 % true null 2020-01-01T00:00:00Z"),
        query(Format("%s is %d, %.2f %% %b %s %s", Value("Ada"), Value(36), Value(1.5), Value(true), Null(),
            Time("2020-01-01T00:00:00Z"))));
    assertEquals(new StringV("b a"), query(Format("%2$s %1$s", Value("a"), Value("b"))));
    // Airbyte's required-column default formats ids, which are strings
    String c = newCollection();
    Expr doc = query(Create(coll(c), Obj())).at("ref");
    Value text = query(Format("The path %s does not exist in document Ref(%s, collection=%s)", Value("data.x"),
        Select(Value("id"), doc), Select(Arr(Value("collection"), Value("id")), doc)));
    assertEquals("The path data.x does not exist in document Ref(" + ((RefV) doc).getId() + ", collection=" + c
        + ")", text.to(String.class).get());
  }

  @Test
  void formatCannotPrintRefsOrTheWrongTypes() {
    String c = newCollection();
    RefV doc = docRef(c, "1");

    assertError(Format("%s", doc), BadRequestException.class, "invalid argument", "Cannot cast Ref to String.",
        "values", 0);
    assertError(Format("%s %s", Value("a"), Collection(c)), BadRequestException.class, "invalid argument",
        "Cannot cast Collection Ref to String.", "values", 1);
    assertError(Format("%s", Obj("a", Value(1))), BadRequestException.class, "invalid argument",
        "Cannot cast Object to String.", "values", 0);
    assertError(Format("%d", Value("x")), BadRequestException.class, "invalid argument",
        "Integer expected, String provided.", "values", 0);
    assertError(Format("%s %s", Value("a")), BadRequestException.class, "invalid argument",
        "format specifiers count must be <= arguments size", "format");
    assertError(Format("%y", Value("a")), BadRequestException.class, "invalid argument",
        "Invalid conversion format '%y'.", "format");
  }

  // ---- select and contains_path -----------------------------------------------------------------------------

  @Test
  void selectWalksStringNumberAndArrayPaths() {
    Expr object = Obj("a", Obj("b", Arr(Value(10), Value(20), Obj("c", Value("deep")))));

    assertEquals(query(Obj("b", Arr(Value(10), Value(20), Obj("c", Value("deep"))))),
        query(Select(Value("a"), object)));
    assertEquals(new LongV(20), query(Select(Value(1), Arr(Value(10), Value(20)))));
    assertEquals(new StringV("deep"), query(Select(Path("a", "b").at(2).at("c"), object)));
    assertEquals(new StringV("deep"), query(Select(Arr(Value("a"), Value("b"), Value(2), Value("c")), object)));
    assertEquals(new LongV(10), query(Select(Arr(), Value(10))));
  }

  @Test
  void selectReturnsTheDefaultWhenThePathIsMissing() {
    assertEquals(new StringV("fallback"), query(Select(Value("x"), Obj(), Value("fallback"))));
    assertEquals(new StringV("fallback"), query(Select(Value(-1), Arr(Value(1)), Value("fallback"))));
    assertEquals(new StringV("fallback"), query(Select(Arr(Value("a"), Value(0)), Obj("a", Obj()),
        Value("fallback"))));
  }

  /**
   * BasicFunctions3Spec "default value is lazy": from API 3 on (the driver speaks 4) the default is evaluated
   * only when the path is missing. (The eager behaviour in BasicFunctions27Spec is API 2.7's.)
   */
  @Test
  void theDefaultIsEvaluatedOnlyWhenNeeded() {
    assertEquals(BooleanV.TRUE, query(Select(Value("x"), Obj("x", Value(true)), Abort("msg"))));
    assertError(Select(Value("y"), Obj("x", Value(true)), Abort("msg")), BadRequestException.class,
        "transaction aborted", "msg", "default");
  }

  /** BasicFunctionsSpec: the whole requested path is reported, at the Select's "from". */
  @Test
  void aMissingPathIsNotFoundAtFrom() {
    assertError(Select(Arr(Value("data"), Value("x")), Obj("data", Obj())), NotFoundException.class,
        "value not found", "Value not found at path [data,x].", "from");
    assertError(Map(Arr(Obj()), Lambda("d", Select(Arr(Value("data"), Value(3)), Var("d")))),
        NotFoundException.class, "value not found", "Value not found at path [data,3].", "map", "expr", "from");
    assertError(Map(Arr(Obj()), Lambda("d", Let("doc", Var("d")).in(Select(Value("ts"), Var("doc"))))),
        NotFoundException.class, "value not found", "Value not found at path [ts].", "map", "expr", "in", "from");
  }

  @Test
  void selectPathsAreStringsAndIntegers() {
    assertError(Select(Arr(Value("a"), Value(true)), Obj()), BadRequestException.class, "invalid argument",
        "String or Integer expected, Boolean provided.", "select", 1);
    assertError(Select(Value(1.5), Obj()), BadRequestException.class, "invalid argument",
        "String or Integer expected, Double provided.", "select");
  }

  /** BasicFunctions27Spec "cannot read data through refs"; refs only have id and collection. */
  @Test
  void selectOnARefReadsOnlyItsIdAndCollection() {
    String c = newCollection();
    RefV doc = (RefV) query(Create(coll(c), Obj("data", Obj("foo", Value("bar"))))).at("ref");

    assertEquals(new StringV(doc.getId()), query(Select(Value("id"), doc)));
    assertEquals(collectionRef(c), query(Select(Value("collection"), doc)));
    assertEquals(new StringV(c), query(Select(Arr(Value("collection"), Value("id")), doc)));
    assertEquals(new StringV("collections"), query(Select(Arr(Value("collection"), Value("id")), Collection(c))));
    assertError(Select(Arr(Value("data"), Value("foo")), doc), NotFoundException.class, "value not found",
        "Value not found at path [data,foo].", "from");
    assertError(Select(Arr(Value("ts")), doc), NotFoundException.class, "value not found",
        "Value not found at path [ts].", "from");
    assertEquals(BooleanV.FALSE, query(ContainsPath(Arr(Value("data")), doc)));
  }

  @Test
  void selectOnAnUnresolvedRefIsAnInvalidRef() {
    assertError(Select(Value("id"), Collection("no_such_collection")), BadRequestException.class, "invalid ref",
        "Ref refers to undefined collection 'no_such_collection'", "from");
  }

  @Test
  void selectOnADocumentReadsItsFields() {
    String c = newCollection();
    Value created = query(Create(coll(c), Obj("data", Obj("tags", Arr(Value("x"), Value("y"))))));

    assertEquals(created.at("ref"), query(Select(Value("ref"), Get(created.at("ref")))));
    assertEquals(created.at("ts"), query(Select(Value("ts"), Get(created.at("ref")))));
    assertEquals(new StringV("y"), query(Select(Path("data", "tags").at(1), Get(created.at("ref")))));
    assertEquals(new StringV(((RefV) created.at("ref")).getId()),
        query(Select(Arr(Value("ref"), Value("id")), Get(created.at("ref")))));
  }

  @Test
  void containsPathTellsWhetherSelectWouldFindIt() {
    Expr object = Obj("foo", Obj("bar", Arr(Value("baz"))));

    assertEquals(BooleanV.TRUE, query(ContainsPath(Value("foo"), object)));
    assertEquals(BooleanV.TRUE, query(ContainsPath(Path("foo", "bar").at(0), object)));
    assertEquals(BooleanV.FALSE, query(ContainsPath(Path("foo", "bar").at(1), object)));
    assertEquals(BooleanV.FALSE, query(ContainsPath(Path("foo", "baz"), object)));
    assertError(ContainsPath(Arr(Value(true)), object), BadRequestException.class, "invalid argument",
        "String or Integer expected, Boolean provided.", "contains_path", 0);
  }

  // ---- map, filter, foreach ---------------------------------------------------------------------------------

  @Test
  void mapFilterAndForeachWorkOnArrays() {
    String c = newCollection();

    assertEquals(longs(2, 4, 6), query(Map(Arr(Value(1), Value(2), Value(3)),
        Lambda("x", Multiply(Var("x"), Value(2))))));
    assertEquals(longs(2), query(Filter(Arr(Value(1), Value(2), Value(3)),
        Lambda("x", Equals(Var("x"), Value(2))))));
    assertEquals(longs(1, 2), query(Foreach(Arr(Value(1), Value(2)),
        Lambda("x", Create(coll(c), Obj("data", Obj("n", Var("x"))))))));
    assertEquals(longs(1, 2), query(Map(Paginate(Documents(Collection(c))),
        Lambda("r", Select(Arr(Value("data"), Value("n")), Get(Var("r")))))).at("data"));
  }

  /** Map, Filter and Foreach over a page keep its cursors and change only its data. */
  @Test
  void mapFilterAndForeachKeepAPagesCursors() {
    String c = newCollection();
    List<RefV> refs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      refs.add((RefV) query(Create(Ref(Collection(c), Value(100 + i)), Obj("data", Obj("n", Value(i))))).at("ref"));
    }
    Expr page = Paginate(Documents(Collection(c))).after(Arr(refs.get(0))).size(1);

    Value mapped = query(Map(page, Lambda("r", Select(Value("id"), Var("r")))));
    assertEquals(new ArrayV(List.of(refs.get(0))), mapped.at("before"));
    assertEquals(new ArrayV(List.of(refs.get(1))), mapped.at("after"));
    assertEquals(new ArrayV(List.of(new StringV("100"))), mapped.at("data"));
    Value filtered = query(Filter(page, Lambda("r", Value(false))));
    assertEquals(json("{'resource':{'before':[" + raw(refs.get(0)).resource() + "],'after':["
        + raw(refs.get(1)).resource() + "],'data':[]}}"), raw(Filter(page, Lambda("r", Value(false)))).json());
    assertEquals(new ArrayV(List.of()), filtered.at("data"));
    assertEquals(query(page), query(Foreach(page, Lambda("r", Value(1)))));
  }

  @Test
  void filterNeedsBooleansAndCollectionsNeedArraysOrPages() {
    String c = newCollection();

    assertError(Filter(Arr(Value(1), Value(2)), Lambda("x", Value(1))), BadRequestException.class,
        "invalid argument", "Boolean expected, Integer provided.", 0);
    assertError(Map(Value(5), Lambda("x", Var("x"))), BadRequestException.class, "invalid argument",
        "Array, Set, or Page expected, Integer provided.", "collection");
    assertError(Map(Documents(Collection(c)), Lambda("x", Var("x"))), BadRequestException.class,
        "invalid argument", "Array or Page expected, Set provided.", "collection");
  }

  // ---- refs and ids -----------------------------------------------------------------------------------------

  @Test
  void refBuildsDocumentRefsFromNumericIds() {
    String c = newCollection();

    assertEquals(docRef(c, "123"), query(Ref(Collection(c), "123")));
    assertEquals(docRef(c, "123"), query(Ref(Collection(c), Value(123))));
    assertEquals(docRef(c, "7"), query(Ref(Collection(c), "007")));
    assertEquals(new RefV("1", Value.Native.KEYS), query(Ref(Keys(), "1")));
  }

  /** BasicFunctions27Spec "ref rejects native classes" and RefFunction's id checks. */
  @Test
  void refRejectsNamedNativeCollectionsAndNonNumericIds() {
    String c = newCollection();

    assertError(Ref(Collection(c), "abc"), BadRequestException.class, "invalid argument",
        "Number or numeric String expected, non-numeric 'abc' provided.", "id");
    assertError(Ref(Collection(c), "99999999999999999999"), BadRequestException.class, "invalid argument",
        "The id provided is too large: '99999999999999999999'", "id");
    assertError(Ref(Collection(c), Value(1.5)), BadRequestException.class, "invalid argument",
        "String or Number expected, Double provided.", "id");
    assertError(Ref(new RefV("collections", null), "people"), BadRequestException.class, "invalid argument",
        "Regular Class Ref expected, Schema Class Ref provided.", "ref");
    assertError(Ref(new RefV("indexes", null), "by_name"), BadRequestException.class, "invalid argument",
        "Regular Class Ref expected, Schema Class Ref provided.", "ref");
    assertError(Ref(Value("c"), "1"), BadRequestException.class, "invalid argument",
        "Collection Ref expected, String provided.", "ref");
  }

  @Test
  void newIdIsAFreshNumericString() {
    Value first = query(NewId());
    Value second = query(NewId());

    assertTrue(first.to(String.class).get().matches("[0-9]{18,19}"), first.toString());
    assertNotEquals(first, second);
    String c = newCollection();
    assertEquals(BooleanV.TRUE, query(Let("id", NewId()).in(
        Equals(Var("id"), Select(Arr(Value("ref"), Value("id")), Create(Ref(Collection(c), Var("id")), Obj()))))));
  }

  // ---- lazy resolution of schema names ----------------------------------------------------------------------

  /** ReadFunctionsSpec and the parser: an unknown name is an error where the ref is used, not where it is built. */
  @Test
  void unknownSchemaNamesFailWhereTheyAreUsed() {
    Class<BadRequestException> bad = BadRequestException.class;

    assertError(Get(Collection("nope")), bad, "invalid ref", "Ref refers to undefined collection 'nope'", "get");
    assertError(Get(Ref(Collection("nope"), "123")), bad, "invalid ref", "Ref refers to undefined collection 'nope'",
        "get");
    assertError(Paginate(Documents(Collection("nope"))), bad, "invalid ref",
        "Ref refers to undefined collection 'nope'", "paginate", "documents");
    assertError(Paginate(com.faunadb.client.query.Language.Match(com.faunadb.client.query.Language.Index("nope"))),
        bad, "invalid ref", "Ref refers to undefined index 'nope'", "paginate", "match");
    assertError(Create(Collection("nope"), Obj()), bad, "invalid ref", "Ref refers to undefined collection 'nope'",
        "create");
    assertError(Get(com.faunadb.client.query.Language.Role("nope")), bad, "invalid ref",
        "Ref refers to undefined role 'nope'", "get");
    assertError(Update(com.faunadb.client.query.Language.Index("nope"), Obj()), bad, "invalid ref",
        "Ref refers to undefined index 'nope'", "update");
    assertEquals(BooleanV.FALSE, query(com.faunadb.client.query.Language.Exists(Ref(Collection("nope"), "1"))));
  }

  @Test
  void nowIsStableWithinAQuery() {
    assertEquals(BooleanV.TRUE, query(Equals(Time("now"), Now(), Time("now"))));
    Value micros = query(Arr(ToMicros(Now()), ToMicros(Now())));
    assertEquals(micros.at(0), micros.at(1));
  }
}
