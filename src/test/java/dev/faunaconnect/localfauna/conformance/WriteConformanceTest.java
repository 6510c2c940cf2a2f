package dev.faunaconnect.localfauna.conformance;

import static com.faunadb.client.query.Language.Abort;
import static com.faunadb.client.query.Language.Arr;
import static com.faunadb.client.query.Language.Collection;
import static com.faunadb.client.query.Language.Create;
import static com.faunadb.client.query.Language.Delete;
import static com.faunadb.client.query.Language.Do;
import static com.faunadb.client.query.Language.Equals;
import static com.faunadb.client.query.Language.Exists;
import static com.faunadb.client.query.Language.Get;
import static com.faunadb.client.query.Language.If;
import static com.faunadb.client.query.Language.Let;
import static com.faunadb.client.query.Language.Not;
import static com.faunadb.client.query.Language.Null;
import static com.faunadb.client.query.Language.Obj;
import static com.faunadb.client.query.Language.Ref;
import static com.faunadb.client.query.Language.Replace;
import static com.faunadb.client.query.Language.Select;
import static com.faunadb.client.query.Language.Time;
import static com.faunadb.client.query.Language.Update;
import static com.faunadb.client.query.Language.Value;
import static com.faunadb.client.query.Language.Var;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.faunadb.client.errors.BadRequestException;
import com.faunadb.client.errors.FaunaException;
import com.faunadb.client.errors.NotFoundException;
import com.faunadb.client.query.Expr;
import com.faunadb.client.types.Value;
import com.faunadb.client.types.Value.BooleanV;
import com.faunadb.client.types.Value.RefV;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Document writes: Create, Update, Replace, Delete, after WriteFunctionsSpec and the research notes (B.md §1, §3). */
class WriteConformanceTest extends ConformanceTest {

  private static Expr data(Expr ref) {
    return Select(Value("data"), Get(ref));
  }

  // ---- create -----------------------------------------------------------------------------------------------

  @Test
  void createWithAGivenIdAnswers201WithTheDocument() {
    String c = newCollection();
    Raw answer = raw(Create(Ref(Collection(c), "1001"), Obj("data", Obj("name", Value("Thunder")))));

    assertEquals(201, answer.status());
    JsonNode doc = answer.resource();
    assertEquals(List.of("ref", "ts", "data"), Raw.keys(doc));
    assertEquals(raw(docRef(c, "1001")).resource(), doc.get("ref"));
    assertEquals(json("{'name':'Thunder'}"), doc.get("data"));
    assertTrue(doc.get("ts").isIntegralNumber());
  }

  @Test
  void createInACollectionPicksANewNumericId() {
    String c = newCollection();
    Raw first = raw(Create(Collection(c), Obj("data", Obj("n", Value(1)))));
    Raw second = raw(Create(Collection(c), Obj("data", Obj("n", Value(2)))));

    assertEquals(201, first.status());
    String id1 = first.resource().at("/ref/@ref/id").asText();
    String id2 = second.resource().at("/ref/@ref/id").asText();
    assertTrue(id1.matches("[0-9]{18}"), id1);
    assertTrue(Long.parseLong(id2) > Long.parseLong(id1), id1 + " then " + id2);
  }

  @Test
  void onlyANewDocumentAsTheResultAnswers201() {
    String c = newCollection();

    assertEquals(201, raw(Do(Value(1), Create(Collection(c), Obj()))).status());
    assertEquals(200, raw(Select(Value("ref"), Create(Collection(c), Obj()))).status());
    Expr ref = query(Create(Collection(c), Obj())).at("ref");
    assertEquals(200, raw(Update(ref, Obj("data", Obj("x", Value(1))))).status());
    assertEquals(200, raw(Get(ref)).status());
  }

  @Test
  void aDocumentCreatedWithoutDataHasNoDataField() {
    String c = newCollection();

    assertEquals(List.of("ref", "ts"), Raw.keys(raw(Create(Collection(c), Obj())).resource()));
  }

  /** WriteFunctionsSpec "rejects duplicate instances". */
  @Test
  void creatingALiveIdAgainFails() {
    String c = newCollection();
    query(Create(Ref(Collection(c), "7"), Obj()));

    assertError(Create(Ref(Collection(c), "7"), Obj()), BadRequestException.class, "instance already exists",
        "Document already exists.", "create");
  }

  /** B.md §3: Create only checks the document now, so a deleted id can be used again. */
  @Test
  void aDeletedIdCanBeCreatedAgain() {
    String c = newCollection();
    Value first = query(Create(Ref(Collection(c), "8"), Obj("data", Obj("v", Value(1)))));
    query(Delete(first.at("ref")));
    Raw again = raw(Create(Ref(Collection(c), "8"), Obj("data", Obj("v", Value(2)))));

    assertEquals(201, again.status());
    assertTrue(again.resource().get("ts").asLong() > first.at("ts").to(Long.class).get());
    assertEquals(json("{'v':2}"), raw(data(first.at("ref"))).resource());
  }

  /** WriteFunctionsSpec "create ... using params_object": fields other than data and ttl are dropped. */
  @Test
  void unknownParamsFieldsAreDropped() {
    String c = newCollection();
    Raw answer = raw(Create(Collection(c), Obj("data", Obj("a", Value(1)), "foo", Value(1), "credentials",
        Obj("password", Value("sekrit")), "ref", Value("x"))));

    assertEquals(List.of("ref", "ts", "data"), Raw.keys(answer.resource()));
    assertEquals(json("{'a':1}"), answer.resource().get("data"));
  }

  @Test
  void ttlIsKeptAsATime() {
    String c = newCollection();
    Raw answer = raw(Create(Collection(c), Obj("data", Obj("a", Value(1)), "ttl",
        Time("2100-01-01T00:00:00Z"))));

    assertEquals(List.of("ref", "ts", "data", "ttl"), Raw.keys(answer.resource()));
    assertEquals(json("{'@ts':'2100-01-01T00:00:00Z'}"), answer.resource().get("ttl"));
  }

  @Test
  void nullsInCreatedDataAreDropped() {
    String c = newCollection();
    Raw answer = raw(Create(Collection(c), Obj("data", Obj("a", Null(), "b", Arr(Value(1), Null()),
        "c", Obj("d", Null())))));

    assertEquals(json("{'b':[1],'c':{}}"), answer.resource().get("data"));
  }

  /** WriteFunctionsSpec "validates references": a ref to an undefined name cannot be stored. */
  @Test
  void storedRefsMustResolve() {
    String c = newCollection();
    Raw answer = raw(Create(Collection(c), Obj("data", Obj("foo", Value(1), "bar", Collection("foofoo")))));

    assertEquals(400, answer.status());
    assertEquals(json("{'errors':[{'position':[],'code':'validation failed','description':'document data is not "
        + "valid.','failures':[{'field':['data','bar'],'code':'invalid reference',"
        + "'description':'Cannot read reference.'}]}]}"), answer.json());
    FaunaException e = failure(Create(Collection(c), Obj("data", Obj("list", Arr(Value(1),
        com.faunadb.client.query.Language.Index("nope"))))));
    assertEquals(List.of("data", "list", "1"), e.errors().get(0).failures().get(0).field());
  }

  // ---- update and replace -----------------------------------------------------------------------------------

  /**
   * WriteFunctionsSpec "Updates are partial" and DataSpec "null semantics": objects merge, null removes, arrays are
   * replaced with their nulls dropped, new keys go last.
   */
  @Test
  void updateMergesDeeply() {
    String c = newCollection();
    Expr ref = query(Create(Collection(c), Obj("data", Obj("name", Value("Hen Wen"), "element", Value("air"),
        "cost", Value(15), "nested", Obj("a", Value(1), "b", Obj("c", Value(2))),
        "tags", Arr(Value(1), Value(2)))))).at("ref");

    query(Update(ref, Obj("data", Obj("element", Value("fire"), "nested", Obj("b", Obj("d", Value(3))),
        "tags", Arr(Value(3), Null()), "cost", Null(), "added", Value(true)))));

    Raw stored = raw(data(ref));
    assertEquals(json("{'name':'Hen Wen','element':'fire','nested':{'a':1,'b':{'c':2,'d':3}},'tags':[3],"
        + "'added':true}"), stored.resource());
    assertEquals(List.of("name", "element", "nested", "tags", "added"), Raw.keys(stored.resource()));
    query(Update(ref, Obj("data", Obj("tags", Arr(Null())))));
    assertEquals(json("[]"), raw(Select(Arr(Value("data"), Value("tags")), Get(ref))).resource());
    query(Update(ref, Obj("data", Obj("tags", Obj("x", Null())))));
    assertEquals(json("{}"), raw(Select(Arr(Value("data"), Value("tags")), Get(ref))).resource());
  }

  /** WriteFunctionsSpec "can read own update within transaction": updates in one query accumulate. */
  @Test
  void updatesInOneQueryAccumulate() {
    String c = newCollection();
    Expr ref = query(Create(Collection(c), Obj())).at("ref");

    Raw answer = raw(Do(Update(ref, Obj("data", Obj("a", Value(1)))), Update(ref, Obj("data", Obj("b",
        Value(2))))));
    assertEquals(json("{'a':1,'b':2}"), answer.resource().get("data"));
    assertEquals(json("{'a':1,'b':2}"), raw(data(ref)).resource());
  }

  /** WriteFunctionsSpec "replace ... Values not specified are removed". */
  @Test
  void replaceKeepsOnlyTheGivenFields() {
    String c = newCollection();
    Expr ref = query(Create(Collection(c), Obj("data", Obj("name", Value("Hen Wen"), "element", Value("air"),
        "cost", Value(15)), "ttl", Time("2100-01-01T00:00:00Z")))).at("ref");

    Raw replaced = raw(Replace(ref, Obj("data", Obj("name", Value("Hen Wen"), "element", Value("fire")))));
    assertEquals(200, replaced.status());
    assertEquals(List.of("ref", "ts", "data"), Raw.keys(replaced.resource()));
    assertEquals(json("{'name':'Hen Wen','element':'fire'}"), replaced.resource().get("data"));
  }

  @Test
  void updateOrReplaceOfAMissingDocumentIsNotFoundAtTheVerb() {
    String c = newCollection();
    RefV missing = docRef(c, "404");

    assertError(Update(missing, Obj("data", Obj("a", Value(1)))), NotFoundException.class, "instance not found",
        "Document not found.", "update");
    assertError(Replace(missing, Obj("data", Obj("a", Value(1)))), NotFoundException.class, "instance not found",
        "Document not found.", "replace");
  }

  @Test
  void writesToAnUndefinedCollectionAreInvalidRefsAtTheVerb() {
    RefV nowhere = docRef("spells", "104979526888456192");

    assertError(Update(nowhere, Obj("data", Obj("name", Value("Goji")))), BadRequestException.class, "invalid ref",
        "Ref refers to undefined collection 'spells'", "update");
    assertError(Replace(nowhere, Obj()), BadRequestException.class, "invalid ref",
        "Ref refers to undefined collection 'spells'", "replace");
    assertError(Delete(nowhere), BadRequestException.class, "invalid ref",
        "Ref refers to undefined collection 'spells'", "delete");
    assertError(Create(nowhere, Obj()), BadRequestException.class, "invalid ref",
        "Ref refers to undefined collection 'spells'", "create");
  }

  // ---- delete -----------------------------------------------------------------------------------------------

  /** B.md §3: Delete returns the last live version, with its own (old) ts, and answers 200. */
  @Test
  void deleteReturnsTheLastLiveVersion() {
    String c = newCollection();
    Value created = query(Create(Collection(c), Obj("data", Obj("v", Value(1)))));
    Value updated = query(Update(created.at("ref"), Obj("data", Obj("v", Value(2)))));

    Raw deleted = raw(Delete(created.at("ref")));
    assertEquals(200, deleted.status());
    assertEquals(raw(updated).json(), deleted.json());
    assertEquals(List.of("ref", "ts", "data"), Raw.keys(deleted.resource()));
    assertError(Get(created.at("ref")), NotFoundException.class, "instance not found", "Document not found.");
  }

  @Test
  void deletingAMissingDocumentIsNotFoundAtTheTop() {
    String c = newCollection();
    Expr ref = query(Create(Collection(c), Obj())).at("ref");
    query(Delete(ref));

    assertError(Delete(ref), NotFoundException.class, "instance not found", "Document not found.");
    assertError(Delete(docRef(c, "1")), NotFoundException.class, "instance not found", "Document not found.");
    assertError(Do(Value(1), Delete(ref)), NotFoundException.class, "instance not found", "Document not found.",
        "do", 1);
  }

  // ---- transactions -----------------------------------------------------------------------------------------

  /** WriteFunctionsSpec "threads through transaction time": every write of one query has the same ts. */
  @Test
  void writesInOneQueryShareOneTimestamp() {
    String c = newCollection();
    Value pair = query(Let("i", Create(Collection(c), Obj()),
        "j", Create(Collection(c), Obj("data", Obj("itime", Select(Value("ts"), Var("i")))))).in(
        If(Not(Equals(Select(Value("ts"), Var("i")), Select(Arr(Value("data"), Value("itime")), Var("j")))),
            Abort("failed"), Arr(Var("i"), Var("j")))));

    assertEquals(pair.at(0).at("ts"), pair.at(1).at("ts"));
    assertEquals(pair.at(0).at("ts"), pair.at(1).at("data", "itime"));
    Value next = query(Create(Collection(c), Obj()));
    assertTrue(next.at("ts").to(Long.class).get() > pair.at(0).at("ts").to(Long.class).get());
  }

  @Test
  void anAbortAfterWritesRollsThemBack() {
    String c = newCollection();
    Expr kept = query(Create(Ref(Collection(c), "1"), Obj("data", Obj("v", Value(1))))).at("ref");

    assertError(Do(Create(Ref(Collection(c), "2"), Obj()), Update(kept, Obj("data", Obj("v", Value(2)))),
        Delete(kept), Abort("changed my mind")), BadRequestException.class, "transaction aborted", "changed my mind",
        "do", 3);
    assertEquals(BooleanV.FALSE, query(Exists(Ref(Collection(c), "2"))));
    assertEquals(json("{'v':1}"), raw(data(kept)).resource());
  }

  @Test
  void aQueryReadsItsOwnWrites() {
    String c = newCollection();

    Value seen = query(Let("doc", Create(Ref(Collection(c), "5"), Obj("data", Obj("a", Value("a"))))).in(Do(
        Update(Select(Value("ref"), Var("doc")), Obj("data", Obj("b", Value("b")))),
        Delete(Ref(Collection(c), "5")),
        Exists(Ref(Collection(c), "5")))));
    assertEquals(BooleanV.FALSE, seen);
    assertNotEquals(BooleanV.TRUE, query(Exists(Ref(Collection(c), "5"))));
  }
}
