package dev.faunaconnect.localfauna.conformance;

import static com.faunadb.client.query.Language.AccessProvider;
import static com.faunadb.client.query.Language.AccessProviders;
import static com.faunadb.client.query.Language.Add;
import static com.faunadb.client.query.Language.Arr;
import static com.faunadb.client.query.Language.Collection;
import static com.faunadb.client.query.Language.Collections;
import static com.faunadb.client.query.Language.Create;
import static com.faunadb.client.query.Language.Credentials;
import static com.faunadb.client.query.Language.Database;
import static com.faunadb.client.query.Language.Databases;
import static com.faunadb.client.query.Language.Date;
import static com.faunadb.client.query.Language.Documents;
import static com.faunadb.client.query.Language.Equals;
import static com.faunadb.client.query.Language.Function;
import static com.faunadb.client.query.Language.Functions;
import static com.faunadb.client.query.Language.Get;
import static com.faunadb.client.query.Language.Index;
import static com.faunadb.client.query.Language.Indexes;
import static com.faunadb.client.query.Language.Keys;
import static com.faunadb.client.query.Language.Lambda;
import static com.faunadb.client.query.Language.Let;
import static com.faunadb.client.query.Language.Multiply;
import static com.faunadb.client.query.Language.Null;
import static com.faunadb.client.query.Language.Obj;
import static com.faunadb.client.query.Language.Query;
import static com.faunadb.client.query.Language.Ref;
import static com.faunadb.client.query.Language.Role;
import static com.faunadb.client.query.Language.Roles;
import static com.faunadb.client.query.Language.Select;
import static com.faunadb.client.query.Language.Subtract;
import static com.faunadb.client.query.Language.Tokens;
import static com.faunadb.client.query.Language.Value;
import static com.faunadb.client.query.Language.Var;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.faunadb.client.errors.BadRequestException;
import com.faunadb.client.query.Expr;
import com.faunadb.client.types.Value;
import com.faunadb.client.types.Value.ArrayV;
import com.faunadb.client.types.Value.BooleanV;
import com.faunadb.client.types.Value.DateV;
import com.faunadb.client.types.Value.DoubleV;
import com.faunadb.client.types.Value.LongV;
import com.faunadb.client.types.Value.NullV;
import com.faunadb.client.types.Value.ObjectV;
import com.faunadb.client.types.Value.RefV;
import com.faunadb.client.types.Value.StringV;
import com.faunadb.client.types.Value.TimeV;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every value type through the real driver and back, and the JSON the server writes for it. */
class ValuesConformanceTest extends ConformanceTest {

  // ---- refs -------------------------------------------------------------------------------------------------

  @Test
  void documentRefsNestTheirCollectionRefUnderTheNativeCollections() {
    String c = newCollection();
    RefV ref = docRef(c, "123");

    assertEquals(ref, query(ref));
    assertEquals("{\"resource\":{\"@ref\":{\"id\":\"123\",\"collection\":{\"@ref\":{\"id\":\"" + c
        + "\",\"collection\":{\"@ref\":{\"id\":\"collections\"}}}}}}}", raw(ref).body());
  }

  @ParameterizedTest
  @ValueSource(strings = {"collections", "indexes", "databases", "keys", "tokens", "credentials", "functions",
      "roles", "access_providers"})
  void nativeRefsHaveNoCollection(String name) {
    RefV ref = new RefV(name, null);

    assertEquals(ref, query(ref));
    assertEquals("{\"resource\":{\"@ref\":{\"id\":\"" + name + "\"}}}", raw(ref).body());
  }

  @Test
  void nativeCollectionFunctionsReturnTheNativeRefs() {
    List<Expr> natives = List.of(Collections(), Indexes(), Databases(), Keys(), Tokens(), Credentials(),
        Functions(), Roles(), AccessProviders());

    assertEquals(new ArrayV(List.of(Value.Native.COLLECTIONS, Value.Native.INDEXES, Value.Native.DATABASES,
        Value.Native.KEYS, new RefV("tokens", null), new RefV("credentials", null), Value.Native.FUNCTIONS,
        Value.Native.ROLES, Value.Native.ACCESS_PROVIDERS)), query(Arr(natives)));
  }

  @Test
  void schemaRefsAreRenderedAsIsEvenWhenNothingHasThatName() {
    Expr refs = Arr(Collection("no_such_collection"), Index("no_such_index"), Role("no_such_role"),
        Database("no_such_db"), Function("no_such_fn"), AccessProvider("no_such_ap"));

    assertEquals(new ArrayV(List.of(new RefV("no_such_collection", Value.Native.COLLECTIONS),
        new RefV("no_such_index", Value.Native.INDEXES), new RefV("no_such_role", Value.Native.ROLES),
        new RefV("no_such_db", Value.Native.DATABASES), new RefV("no_such_fn", Value.Native.FUNCTIONS),
        new RefV("no_such_ap", Value.Native.ACCESS_PROVIDERS))), query(refs));
    RefV unresolvedDocument = new RefV("123", new RefV("no_such_collection", Value.Native.COLLECTIONS));
    assertEquals(unresolvedDocument, query(unresolvedDocument));
  }

  @Test
  void keyTokenAndCredentialRefsNestUnderTheirNativeCollection() {
    RefV key = new RefV("1", Value.Native.KEYS);
    RefV token = new RefV("2", new RefV("tokens", null));
    RefV credential = new RefV("3", new RefV("credentials", null));

    assertEquals(new ArrayV(List.of(key, token, credential)), query(Arr(key, token, credential)));
    assertEquals(new ArrayV(List.of(key, token)), query(Arr(Ref(Keys(), "1"), Ref(Tokens(), "2"))));
  }

  @Test
  void legacyStringRefsAreRenderedAsRefObjects() {
    String c = newCollection();

    assertEquals(collectionRef(c), query(Ref("collections/" + c)));
    assertEquals(collectionRef(c), query(Ref("classes/" + c)));
    assertEquals(docRef(c, "7"), query(Ref("classes/" + c + "/7")));
    assertEquals(new RefV("i", Value.Native.INDEXES), query(Ref("indexes/i")));
  }

  // bytes: see BytesConformanceTest

  // ---- dates and times --------------------------------------------------------------------------------------

  @Test
  void datesRoundTrip() {
    LocalDate date = LocalDate.of(2012, 2, 1);

    assertEquals(new DateV(date), query(Value(date)));
    assertEquals(new DateV(date), query(Date("2012-02-01")));
    assertEquals("{\"resource\":{\"@date\":\"2012-02-01\"}}", raw(Value(date)).body());
  }

  @Test
  void timestampsKeepMicrosecondsAndNanoseconds() {
    Instant micros = Instant.parse("2022-07-19T00:38:03.585123Z");
    Instant nanos = Instant.parse("2022-07-19T00:38:03.585123456Z");
    Instant seconds = Instant.parse("2022-07-19T00:38:03Z");

    assertEquals(new TimeV(micros), query(Value(micros)));
    assertEquals(new TimeV(nanos), query(Value(nanos)));
    assertEquals("{\"resource\":[{\"@ts\":\"2022-07-19T00:38:03.585123Z\"},"
        + "{\"@ts\":\"2022-07-19T00:38:03.585123456Z\"},{\"@ts\":\"2022-07-19T00:38:03Z\"}]}",
        raw(Arr(Value(micros), Value(nanos), Value(seconds))).body());
  }

  /** BasicForms21Spec "@ts returns itself" and "range extremes". */
  @Test
  void timestampLiteralsAreNormalizedToUtcWithinTheInstantRange() {
    assertEquals("{\"resource\":{\"@ts\":\"1970-01-01T00:00:00Z\"}}",
        raw("{\"@ts\":\"1970-01-01T00:00:00+00:00\"}").body());
    assertEquals("{\"resource\":{\"@ts\":\"-999999999-01-01T00:00:00Z\"}}",
        raw("{\"@ts\":\"-999999999-01-01T00:00:00Z\"}").body());
    assertEquals("{\"resource\":{\"@ts\":\"9999-12-31T23:59:59.999999999Z\"}}",
        raw("{\"@ts\":\"9999-12-31T23:59:59.999999999Z\"}").body());
  }

  @ParameterizedTest
  @ValueSource(strings = {"Thu, 1 Jan 1970 00:00:00 GMT", "-1000000000-01-01T00:00:00Z",
      "99999-12-31T23:59:59.999999999Z", "2019-05-27T05:15:48"})
  void invalidTimestampLiteralsAreParseErrors(String text) {
    Raw answer = raw("{\"@ts\":\"" + text + "\"}");

    assertEquals(400, answer.status());
    assertEquals(json("{'errors':[{'position':[],'code':'invalid expression','description':'Invalid time.'}]}"),
        answer.json());
  }

  @Test
  void invalidDateLiteralsAreParseErrors() {
    Raw answer = raw("{\"@date\":\"19700101\"}");

    assertEquals(400, answer.status());
    assertEquals(json("{'errors':[{'position':[],'code':'invalid expression','description':'Invalid date.'}]}"),
        answer.json());
  }

  // ---- objects ----------------------------------------------------------------------------------------------

  @Test
  void userObjectsWithKeysStartingWithAtAreWrappedInObj() {
    String c = newCollection();
    Expr data = Obj("@name", Value("Ada"), "plain", Obj("@inner", Value(1), "x", Value(2)), "other", Obj("y",
        Value(3)));
    Value created = query(Create(coll(c), Obj("data", data)));
    Map<String, Value> inner = new LinkedHashMap<>();
    inner.put("@inner", new LongV(1));
    inner.put("x", new LongV(2));
    Map<String, Value> expected = new LinkedHashMap<>();
    expected.put("@name", new StringV("Ada"));
    expected.put("plain", new ObjectV(inner));
    expected.put("other", new ObjectV(Map.of("y", new LongV(3))));

    assertEquals(new ObjectV(expected), query(Select(Value("data"), Get(created.at("ref")))));
    Raw answer = raw(Select(Value("data"), Get(created.at("ref"))));
    assertEquals("{\"resource\":{\"@obj\":{\"@name\":\"Ada\",\"plain\":{\"@obj\":{\"@inner\":1,\"x\":2}},"
        + "\"other\":{\"y\":3}}}}", answer.body());
  }

  /** ExtendedTypesSpec "@obj behaves well with object": {@code object} reads a lone escape key as that escape. */
  @Test
  void anObjectWhoseOnlyKeyIsAnEscapeIsReadAsThatEscape() {
    assertError(Obj("@ts", Value("not a time")), BadRequestException.class, "invalid expression", "Invalid time.",
        "object");
    assertError(Obj("@ts", Value("2020-01-01T00:00:00Z")), BadRequestException.class, "invalid expression",
        "Object expected, Time provided.");
    assertEquals("{\"resource\":{\"@obj\":{\"@ts\":\"not a time\"}}}",
        raw("{\"object\":{\"@obj\":{\"@ts\":\"not a time\"}}}").body());
    assertEquals(new ObjectV(Map.of("@ts", new StringV("x"), "y", new LongV(1))),
        query(Obj("@ts", Value("x"), "y", Value(1))));
  }

  /**
   * fauna/faunadb {@code ext/model/.../ast/Parser.scala}, {@code QueryParser} {@code object} form: the escapes are
   * a {@code MapRouter} over exact key sets ({@code @obj @ref @set @ts @date @query @bytes @uuid}), so any other
   * lone key starting with {@code @} is a literal key whose value is an expression, rendered inside {@code @obj}
   * ({@code Renderable}: {@code k startsWith "@"}). As an expression of its own it is no form at all.
   */
  @Test
  void anObjectWhoseOnlyKeyIsNotAnEscapeIsALiteralObject() {
    assertEquals(new ObjectV(Map.of("@x", new LongV(1))), query(Obj("@x", Value(1))));
    assertEquals("{\"resource\":{\"@obj\":{\"@x\":1}}}", raw(Obj("@x", Value(1))).body());
    assertEquals("{\"resource\":{\"@obj\":{\"@x\":2}}}", raw("{\"object\":{\"@x\":{\"add\":[1,1]}}}").body());
    String c = newCollection();
    Value created = query(Create(coll(c), Obj("data", Obj("@x", Value(1)))));
    assertEquals("{\"resource\":{\"@obj\":{\"@x\":1}}}",
        raw(Select(Value("data"), Get(created.at("ref")))).body());
    Raw bare = raw("{\"@x\":1}");
    assertEquals(400, bare.status());
    assertEquals(json("{'position':[],'code':'invalid expression',"
        + "'description':'No form/function found, or invalid argument keys: { @x }.'}"), bare.error());
  }

  /** Parser.scala {@code @uuid} ({@code UUID.fromString}, else "Invalid UUID."); {@code Renderable.writeUUID}. */
  @Test
  void uuidsAreReadAndWrittenAsTheirEscape() {
    String text = "123e4567-e89b-12d3-a456-426614174000";
    assertEquals("{\"resource\":{\"@uuid\":\"" + text + "\"}}",
        raw("{\"@uuid\":\"" + text.toUpperCase(java.util.Locale.ROOT) + "\"}").body());
    assertEquals("{\"resource\":[{\"@uuid\":\"" + text + "\"}]}", raw("[{\"@uuid\":\"" + text + "\"}]").body());
    Raw invalid = raw("{\"@uuid\":\"nope\"}");
    assertEquals(400, invalid.status());
    assertEquals(json("{'position':[],'code':'invalid expression','description':'Invalid UUID.'}"),
        invalid.error());
    Raw notAnObject = raw("{\"object\":{\"@uuid\":\"" + text + "\"}}");
    assertEquals(json("{'position':[],'code':'invalid expression','description':'Object expected, UUID provided.'}"),
        notAnObject.error());
  }

  @Test
  void nullFieldsOfObjectsAreKept() {
    Map<String, Value> expected = new LinkedHashMap<>();
    expected.put("a", NullV.NULL);
    expected.put("b", new LongV(1));

    assertEquals(new ObjectV(expected), query(Obj("a", Null(), "b", Value(1))));
    assertEquals("{\"resource\":{\"a\":null,\"b\":1}}", raw(Obj("a", Null(), "b", Value(1))).body());
    assertEquals("{\"resource\":[null]}", raw(Arr(Null())).body());
  }

  // ---- text and structure -----------------------------------------------------------------------------------

  @Test
  void unicodeSurvivesStorage() {
    String c = newCollection();
    String text = "héllo wörld ✓ 日本語 𝄞 \u0000 \"quoted\" \\ \n";
    Value created = query(Create(coll(c), Obj("data", Obj("ключ 🔑", Value(text)))));

    assertEquals(new StringV(text), query(Select(Arr(Value("data"), Value("ключ 🔑")), Get(created.at("ref")))));
  }

  @Test
  void deeplyNestedValuesRoundTrip() {
    String c = newCollection();
    Expr array = Value(1);
    Value expectedArray = new LongV(1);
    Expr object = Value("leaf");
    Value expectedObject = new StringV("leaf");
    for (int i = 0; i < 200; i++) {
      array = Arr(array);
      expectedArray = new ArrayV(List.of(expectedArray));
      object = Obj("k" + i, object);
      expectedObject = new ObjectV(Map.of("k" + i, expectedObject));
    }

    assertEquals(expectedArray, query(array));
    Value created = query(Create(coll(c), Obj("data", Obj("deep", object))));
    assertEquals(expectedObject, query(Select(Arr(Value("data"), Value("deep")), Get(created.at("ref")))));
  }

  @Test
  void bodiesNestedBeyondTheParserLimitAreRejected() {
    Raw answer = raw("[".repeat(2000) + "]".repeat(2000));

    assertEquals(400, answer.status());
    assertEquals(json("{'errors':[{'position':[],'code':'invalid expression',"
        + "'description':'Request body JSON exceeds nesting limit.'}]}"), answer.json());
  }

  // ---- numbers ----------------------------------------------------------------------------------------------

  @Test
  void longsNearTheirLimitsRoundTripAndArithmeticWrapsAround() {
    assertEquals(new LongV(Long.MAX_VALUE), query(Value(Long.MAX_VALUE)));
    assertEquals(new LongV(Long.MIN_VALUE), query(Value(Long.MIN_VALUE)));
    assertEquals("{\"resource\":[9223372036854775807,-9223372036854775808]}",
        raw(Arr(Value(Long.MAX_VALUE), Value(Long.MIN_VALUE))).body());
    // NumericFunctions.scala: Add/Subtract/Multiply fold with plain Long arithmetic, which wraps.
    assertEquals(new LongV(Long.MIN_VALUE), query(Add(Value(Long.MAX_VALUE), Value(1))));
    assertEquals(new LongV(Long.MAX_VALUE), query(Subtract(Value(Long.MIN_VALUE), Value(1))));
    assertEquals(new LongV(-2), query(Multiply(Value(Long.MAX_VALUE), Value(2))));
  }

  @Test
  void longsAndDoublesStayDistinct() {
    assertInstanceOf(LongV.class, query(Value(1)));
    assertInstanceOf(DoubleV.class, query(Value(1.0)));
    assertEquals("{\"resource\":[1,1.0,1.0E20,0.1,-0.0]}",
        raw(Arr(Value(1), Value(1.0), Value(1e20), Value(0.1), Value(-0.0))).body());
    assertEquals(new DoubleV(3.0), query(Add(Value(1), Value(2.0))));
    assertEquals(new LongV(3), query(Add(Value(1), Value(2))));
  }

  /** EqualsFunction compares numbers by value at the top level only; nested values compare structurally. */
  @Test
  void equalsComparesLongsAndDoublesNumerically() {
    assertEquals(BooleanV.TRUE, query(Equals(Value(1), Value(1.0))));
    assertEquals(BooleanV.TRUE, query(Equals(Value(2.0), Value(2), Value(2.0))));
    assertEquals(BooleanV.FALSE, query(Equals(Arr(Value(1)), Arr(Value(1.0)))));
  }

  @Test
  void infiniteAndNanDoublesAreWrittenAsStrings() {
    Expr infinity = Multiply(Value(1e308), Value(10.0));
    Expr minusInfinity = Multiply(Value(-1e308), Value(10.0));
    Expr nan = Multiply(infinity, Value(0.0));

    assertEquals("{\"resource\":[\"Infinity\",\"-Infinity\",\"NaN\"]}",
        raw(Arr(infinity, minusInfinity, nan)).body());
    assertEquals(new ArrayV(List.of(new StringV("Infinity"), new StringV("-Infinity"), new StringV("NaN"))),
        query(Arr(infinity, minusInfinity, nan)));
    String c = newCollection();
    Value created = query(Create(coll(c), Obj("data", Obj("x", infinity))));
    assertEquals("{\"resource\":\"Infinity\"}",
        raw(Select(Arr(Value("data"), Value("x")), Get(created.at("ref")))).body());
  }

  @Test
  void theDriverSendsNonFiniteDoublesAsStrings() {
    assertEquals(new StringV("NaN"), query(Value(Double.NaN)));
    assertEquals(new StringV("Infinity"), query(Value(Double.POSITIVE_INFINITY)));
  }

  // ---- lambdas and sets -------------------------------------------------------------------------------------

  /** Lambdas render with the API version they were parsed at (Expression.scala renderableLiteral). */
  @Test
  void lambdasRenderAsQueryValuesWithTheirApiVersion() {
    assertEquals(json("{'resource':{'@query':{'api_version':'4','lambda':'x','expr':{'var':'x'}}}}"),
        raw(Query(Lambda("x", Var("x")))).json());
    assertEquals(List.of("api_version", "lambda", "expr"),
        Raw.keys(raw(Query(Lambda("x", Var("x")))).resource().get("@query")));
  }

  /** A lambda that uses variables of an enclosing Let carries them along as a Let around its body. */
  @Test
  void lambdasRenderTheVariablesTheyCapture() {
    assertEquals(json("{'resource':{'@query':{'api_version':'4','lambda':'y','expr':{'let':{'x':1},"
        + "'in':{'add':[{'var':'x'},{'var':'y'}]}}}}}"),
        raw(Let("x", Value(1)).in(Query(Lambda("y", Add(Var("x"), Var("y")))))).json());
  }

  /** A @query literal without api_version is read at 2.12, the server's LambdaDefaultVersion. */
  @Test
  void queryLiteralsRoundTripWithTheirApiVersion() {
    assertEquals("{\"resource\":{\"@query\":{\"api_version\":\"2.12\",\"lambda\":\"y\",\"expr\":{\"var\":\"y\"}}}}",
        raw("{\"@query\":{\"lambda\":\"y\",\"expr\":{\"var\":\"y\"}}}").body());
    assertEquals("{\"resource\":{\"@query\":{\"api_version\":\"4\",\"lambda\":\"y\",\"expr\":{\"var\":\"y\"}}}}",
        raw("{\"@query\":{\"api_version\":\"4\",\"lambda\":\"y\",\"expr\":{\"var\":\"y\"}}}").body());
    assertRawError(raw("{\"@query\":{\"lambda\":\"y\",\"expr\":{\"var\":\"z\"}}}"), 400, "invalid expression",
        "Invalid lambda.");
  }

  @Test
  void documentSetsRenderAsSetRefs() {
    String c = newCollection();

    assertEquals(json("{'resource':{'@set':{'documents':{'@ref':{'id':'" + c
        + "','collection':{'@ref':{'id':'collections'}}}}}}}"), raw(Documents(Collection(c))).json());
  }
}
