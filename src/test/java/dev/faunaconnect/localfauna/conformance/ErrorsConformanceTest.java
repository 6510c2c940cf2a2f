package dev.faunaconnect.localfauna.conformance;

import static com.faunadb.client.query.Language.Abort;
import static com.faunadb.client.query.Language.Arr;
import static com.faunadb.client.query.Language.At;
import static com.faunadb.client.query.Language.Collection;
import static com.faunadb.client.query.Language.Create;
import static com.faunadb.client.query.Language.CreateCollection;
import static com.faunadb.client.query.Language.CreateIndex;
import static com.faunadb.client.query.Language.Do;
import static com.faunadb.client.query.Language.Documents;
import static com.faunadb.client.query.Language.Events;
import static com.faunadb.client.query.Language.Foreach;
import static com.faunadb.client.query.Language.Get;
import static com.faunadb.client.query.Language.Index;
import static com.faunadb.client.query.Language.Lambda;
import static com.faunadb.client.query.Language.Let;
import static com.faunadb.client.query.Language.Map;
import static com.faunadb.client.query.Language.Match;
import static com.faunadb.client.query.Language.Now;
import static com.faunadb.client.query.Language.Obj;
import static com.faunadb.client.query.Language.Paginate;
import static com.faunadb.client.query.Language.Range;
import static com.faunadb.client.query.Language.Ref;
import static com.faunadb.client.query.Language.Select;
import static com.faunadb.client.query.Language.Time;
import static com.faunadb.client.query.Language.Value;
import static com.faunadb.client.query.Language.Var;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.faunadb.client.FaunaClient;
import com.faunadb.client.HttpResponses.QueryError;
import com.faunadb.client.errors.BadRequestException;
import com.faunadb.client.errors.FaunaException;
import com.faunadb.client.errors.NotFoundException;
import com.faunadb.client.errors.UnauthorizedException;
import com.faunadb.client.query.Expr;
import com.faunadb.client.types.Value.LongV;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/**
 * The error tables of the research (B.md §6) and the reference (fauna-v4.md §4.5), row by row, as the driver
 * reports them: exception class (HTTP status), code, description and position. Rows the Java driver cannot
 * produce (First/Last, which it lacks; other HTTP methods) or that belong to the protocol, permission and fault
 * suites are left to those.
 */
class ErrorsConformanceTest extends ConformanceTest {
  private static final Class<BadRequestException> BAD_REQUEST = BadRequestException.class;
  private static final Class<NotFoundException> NOT_FOUND = NotFoundException.class;

  @Test
  void getOfAMissingDocumentIsNotFound() {
    String c = newCollection();

    assertError(Get(Ref(Collection(c), "1")), NOT_FOUND, "instance not found", "Document not found.");
    assertError(At(Now(), Get(Ref(Collection(c), "1"))), NOT_FOUND, "instance not found", "Document not found.",
        "expr");
    assertEquals(404, raw(Get(Ref(Collection(c), "1"))).status());
  }

  @Test
  void undefinedNamesAreInvalidRefsWhereUsed() {
    assertError(Get(Collection("nope")), BAD_REQUEST, "invalid ref", "Ref refers to undefined collection 'nope'",
        "get");
    assertError(Get(Ref(Collection("nope"), "123")), BAD_REQUEST, "invalid ref",
        "Ref refers to undefined collection 'nope'", "get");
    assertError(Paginate(Documents(Collection("nope"))), BAD_REQUEST, "invalid ref",
        "Ref refers to undefined collection 'nope'", "paginate", "documents");
    assertError(Paginate(Match(Index("nope"))), BAD_REQUEST, "invalid ref", "Ref refers to undefined index 'nope'",
        "paginate", "match");
    assertError(Paginate(Match(Index("nope"), Value("term"))), BAD_REQUEST, "invalid ref",
        "Ref refers to undefined index 'nope'", "paginate", "match");
  }

  @Test
  void aMissingSelectPathIsValueNotFound() {
    assertError(Select(Arr(Value("data"), Value("x")), Obj()), NOT_FOUND, "value not found",
        "Value not found at path [data,x].", "from");
    assertError(Map(Arr(Obj()), Lambda("d", Let("doc", Var("d")).in(Select(Value("x"), Var("doc"))))), NOT_FOUND,
        "value not found", "Value not found at path [x].", "map", "expr", "in", "from");
  }

  @Test
  void unboundVariablesAreInvalidExpressions() {
    assertError(Map(Arr(Value(1)), Lambda("x", Var("bad"))), BAD_REQUEST, "invalid expression",
        "Variable 'bad' is not defined.", "map", "expr");
  }

  @Test
  void aLambdaOfTheWrongArityIsAnInvalidArgument() {
    assertError(Map(Arr(Arr(Value(1), Value(2), Value(3))), Lambda(Arr(Value("a"), Value("b")), Var("a"))),
        BAD_REQUEST, "invalid argument", "Lambda expects an array with 2 elements. Array contains 3.", "map",
        "lambda");
  }

  @Test
  void creatingWhatExistsAlreadyExists() {
    String c = newCollection();
    query(Create(Ref(Collection(c), "1"), Obj()));
    String index = uniqueName("idx");
    query(CreateIndex(Obj("name", Value(index), "source", Collection(c))));

    assertError(Create(Ref(Collection(c), "1"), Obj()), BAD_REQUEST, "instance already exists",
        "Document already exists.", "create");
    assertError(CreateCollection(Obj("name", Value(c))), BAD_REQUEST, "instance already exists",
        "Collection already exists.", "create_collection");
    assertError(CreateIndex(Obj("name", Value(index), "source", Collection(c))), BAD_REQUEST,
        "instance already exists", "Index already exists.", "create_index");
  }

  @Test
  void invalidTimeLiteralsAndTimeStrings() {
    assertRawError(raw("{\"@ts\":\"yesterday\"}"), 400, "invalid expression", "Invalid time.");
    assertRawError(raw("{\"do\":[1,{\"@ts\":\"yesterday\"}]}"), 400, "invalid expression", "Invalid time.", "do",
        1);
    assertError(Time("bad"), BAD_REQUEST, "invalid argument", "Cannot cast 'bad' to a time.");
    assertError(Time("2019-05-27T05:15:48"), BAD_REQUEST, "invalid argument",
        "Cannot cast '2019-05-27T05:15:48' to a time.");
  }

  @Test
  void aPageSizeMustBeAnInteger() {
    String c = newCollection();

    assertError(Paginate(Documents(Collection(c))).size(Value("x")), BAD_REQUEST, "invalid argument",
        "Integer expected, String provided.", "size");
  }

  @Test
  void atNeedsATime() {
    assertError(At(Value("x"), Value(1)), BAD_REQUEST, "invalid argument", "Time expected, String provided.", "at");
  }

  @Test
  void unknownFormsAndBodiesThatAreNotQueries() {
    assertRawError(raw("{\"foo\":1}"), 400, "invalid expression",
        "No form/function found, or invalid argument keys: { foo }.");
    assertRawError(raw("{\"select\":\"a\"}"), 400, "invalid expression",
        "No form/function found, or invalid argument keys: { select }.");
    assertRawError(raw("{not json"), 400, "invalid expression", "Request body is not valid JSON.");
    assertRawError(raw(""), 400, "invalid expression", "No query provided.");
  }

  @Test
  void abortIsATransactionAbortWhereItIs() {
    assertError(Abort("m"), BAD_REQUEST, "transaction aborted", "m");
    assertError(Select(Value("x"), Obj(), Abort("m")), BAD_REQUEST, "transaction aborted", "m", "default");
  }

  @Test
  void wrongArgumentTypes() {
    assertError(Get(Value(1)), BAD_REQUEST, "invalid argument", "Ref or Set expected, Integer provided.", "get");
    assertError(Ref(Collection(newCollection()), "abc"), BAD_REQUEST, "invalid argument",
        "Number or numeric String expected, non-numeric 'abc' provided.", "id");
  }

  /** SetFunctions.scala MatchFunction: an index still building is reported at "index", with a 400. */
  @Test
  void anInactiveIndexCannotBeRead() {
    String c = newCollection();
    query(Foreach(Arr(java.util.stream.IntStream.range(0, 130).mapToObj(i -> (Expr) Value(i)).toList()),
        Lambda("i", Create(Collection(c), Obj("data", Obj("i", Var("i")))))));
    String index = uniqueName("slow");

    FaunaException e = failure(Do(CreateIndex(Obj("name", Value(index), "source", Collection(c))),
        Paginate(Match(Index(index)))));
    assertInstanceOf(BAD_REQUEST, e);
    QueryError error = e.errors().get(0);
    assertEquals("instance not found", error.code());
    assertEquals("Index '" + index + "' is not active.", error.description());
    assertEquals(path("do", 1, "paginate", "index"), error.position());
  }

  /** RangeFunctionSpec "does not support historical events reads". */
  @Test
  void rangesHaveNoEventHistory() {
    String c = newCollection();
    String index = uniqueName("by_ts");
    query(CreateIndex(Obj("name", Value(index), "source", Collection(c), "values", Arr(Obj("field",
        Value("ts"))))));
    query(Create(Collection(c), Obj("data", Obj("firstName", Value("Bob")))));

    assertError(Paginate(Events(Range(Match(Index(index)), Value(0), Now()))), BAD_REQUEST, "invalid argument",
        "Set does not support events history.");
  }

  /** B.md §5: a snapshot read below the minimum valid time is a positionless 400. */
  @Test
  void readingBelowTheMinimumValidTimeIsABadRequest() {
    String c = uniqueName("short");
    query(CreateCollection(Obj("name", Value(c), "history_days", Value(0))));
    Expr created = query(Create(Collection(c), Obj()));
    fauna.advanceClock(Duration.ofHours(1));

    FaunaException e = failure(Get(Select(Value("ref"), created), Select(Value("ts"), created)));
    assertInstanceOf(BAD_REQUEST, e);
    QueryError error = e.errors().get(0);
    assertEquals("bad request", error.code());
    assertTrue(error.description().matches("Requested timestamp \\S+Z less than minimum allowed timestamp \\S+Z\\."),
        error.description());
    assertEquals(List.of(), error.position());
  }

  @Test
  void anUnknownSecretIsUnauthorized() throws Exception {
    FaunaClient stranger = clientFor("not-a-secret");

    ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
        () -> stranger.query(Now()).get());
    UnauthorizedException unauthorized = assertInstanceOf(UnauthorizedException.class, e.getCause());
    assertEquals(401, unauthorized.status());
    assertEquals("unauthorized", unauthorized.errors().get(0).code());
    assertEquals("Unauthorized", unauthorized.errors().get(0).description());
    assertEquals(List.of(), unauthorized.errors().get(0).position());
  }
}
