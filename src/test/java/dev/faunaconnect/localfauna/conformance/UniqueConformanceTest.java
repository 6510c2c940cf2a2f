package dev.faunaconnect.localfauna.conformance;

import static com.faunadb.client.query.Language.Arr;
import static com.faunadb.client.query.Language.Collection;
import static com.faunadb.client.query.Language.Create;
import static com.faunadb.client.query.Language.CreateIndex;
import static com.faunadb.client.query.Language.Delete;
import static com.faunadb.client.query.Language.Do;
import static com.faunadb.client.query.Language.Documents;
import static com.faunadb.client.query.Language.Insert;
import static com.faunadb.client.query.Language.Let;
import static com.faunadb.client.query.Language.Obj;
import static com.faunadb.client.query.Language.Paginate;
import static com.faunadb.client.query.Language.Ref;
import static com.faunadb.client.query.Language.Replace;
import static com.faunadb.client.query.Language.Select;
import static com.faunadb.client.query.Language.Update;
import static com.faunadb.client.query.Language.Value;
import static com.faunadb.client.query.Language.Var;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.arr;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.assertError;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.field;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.obj;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.refOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.faunadb.client.query.Expr;
import com.faunadb.client.types.Value;
import com.faunadb.client.types.Value.RefV;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Indexes with {@code unique: true} (fauna/faunadb): {@code ext/model/.../doc/Index.scala} gives them the
 * {@code UniqueValues} constraint, which {@code ext/repo/.../store/IndexStore.scala} {@code IndexStore.add} checks for
 * every entry a write adds ({@code IndexStore.update}: only {@code after diff before}); {@code Store.uniqueID} reads a
 * snapshot for another document with the same terms and values, so deleted and expired documents do not count.
 * {@code ext/model/.../ast/functions/WriteAdaptor.scala} {@code CVHelper.liftCV} turns a violation into
 * {@code InstanceNotUnique} ({@code ast/Error.scala}: 400 {@code instance not unique}; {@code Renderable.RenderError}:
 * "document is not unique.") at the write's position: {@code pos at "create"} for Create
 * ({@code AbstractCreateFunction}), the form's own position for Update and Replace ({@code AbstractUpdateFunction}).
 * History writes ({@code Store.insertCreate}) pass {@code applyConstraints = false}. {@code api/DocumentSpec}
 * "respects uniqueness constraints", {@code queries/IndexSpec} "enforces uniqueness".
 */
class UniqueConformanceTest extends FreshServerTest {
  UniqueConformanceTest() {
    super("c");
  }

  private void uniqueIndex(String name, List<Expr> terms, List<Expr> values) {
    fauna.query(CreateIndex(Obj("name", Value(name), "source", Collection("c"), "terms", Arr(terms), "values",
        Arr(values), "unique", Value(true))));
  }

  private void uniqueEmails() {
    uniqueIndex("by_email", List.of(field("data", "email")), List.of());
  }

  private Value documents() {
    return fauna.query(Paginate(Documents(Collection("c")))).at("data");
  }

  @Test
  void aSecondDocumentWithTheSameUniqueTermsIsRefusedAtTheCreate() {
    uniqueEmails();
    RefV a = refOf(fauna.create("c", "1", Obj("email", Value("x"))));
    assertError(fauna.failure(Create(Ref(Collection("c"), "2"), Obj("data", Obj("email", Value("x"))))), 400,
        List.of("create"), "instance not unique", "document is not unique.");
    assertError(fauna.failure(Do(Value(1), Create(Collection("c"), Obj("data", Obj("email", Value("x")))))), 400,
        List.of("do", "1", "create"), "instance not unique", "document is not unique.");
    assertEquals(arr(a), documents());
    // other terms, and documents without the field, are fine
    fauna.create("c", "3", Obj("email", Value("y")));
    fauna.create("c", "4", Obj());
    fauna.create("c", "5", Obj());
  }

  @Test
  void anUpdateOrReplaceThatWouldCollideIsRefusedAtTheFormItself() {
    uniqueEmails();
    RefV a = refOf(fauna.create("c", "1", Obj("email", Value("x"), "n", Value(1))));
    RefV b = refOf(fauna.create("c", "2", Obj("email", Value("y"))));
    assertError(fauna.failure(Update(b, Obj("data", Obj("email", Value("x"))))), 400, List.of(),
        "instance not unique", "document is not unique.");
    assertError(fauna.failure(Replace(b, Obj("data", Obj("email", Value("x"))))), 400, List.of(),
        "instance not unique", "document is not unique.");
    assertError(fauna.failure(Do(Value(1), Update(b, Obj("data", Obj("email", Value("x")))))), 400,
        List.of("do", "1"), "instance not unique", "document is not unique.");
    assertEquals(obj("email", "y"), fauna.query(com.faunadb.client.query.Language.Get(b)).at("data"));
    // a document keeping its own unique value passes
    fauna.query(Update(a, Obj("data", Obj("n", Value(2)))));
    fauna.query(Replace(a, Obj("data", Obj("email", Value("x")))));
  }

  @Test
  void deletedAndExpiredDocumentsFreeTheirUniqueTerms() {
    uniqueEmails();
    RefV a = refOf(fauna.create("c", "1", Obj("email", Value("x"))));
    fauna.query(Delete(a));
    RefV b = refOf(fauna.create("c", "2", Obj("email", Value("x"))));
    Instant ttl = Instant.ofEpochSecond(0, now() * 1000).plusSeconds(60);
    fauna.query(Update(b, Obj("ttl", Value(ttl))));
    assertEquals(400, fauna.failure(Create(Collection("c"), Obj("data", Obj("email", Value("x"))))).status());
    fauna.fauna.advanceClock(Duration.ofSeconds(61));
    RefV c = refOf(fauna.create("c", "3", Obj("email", Value("x"))));
    assertEquals(arr(c), documents());
  }

  /** IndexSpec "create, delete and create of a unique doc in the same transaction works". */
  @Test
  void createDeleteAndCreateInOneTransactionWorks() {
    uniqueEmails();
    Expr create = Create(Collection("c"), Obj("data", Obj("email", Value("x"))));
    Value second = fauna.query(Let("doc", create).in(Do(Delete(Select(Value("ref"), Var("doc"))), create)));
    assertEquals(arr(refOf(second)), documents());
    // two documents created in one transaction see each other
    assertEquals(400, fauna.failure(Do(Create(Collection("c"), Obj("data", Obj("email", Value("z")))),
        Create(Collection("c"), Obj("data", Obj("email", Value("z")))))).status());
  }

  /** UniqueValues: the terms and the values together must be unique. */
  @Test
  void valuesCountToo() {
    uniqueIndex("pairs", List.of(field("data", "group")), List.of(field("data", "n")));
    fauna.create("c", "1", Obj("group", Value("a"), "n", Value(1)));
    fauna.create("c", "2", Obj("group", Value("a"), "n", Value(2)));
    fauna.create("c", "3", Obj("group", Value("b"), "n", Value(1)));
    assertError(fauna.failure(Create(Ref(Collection("c"), "4"), Obj("data", Obj("group", Value("a"), "n",
        Value(2))))), 400, List.of("create"), "instance not unique", "document is not unique.");
  }

  /** Store.insertCreate: history written with Insert is not checked. */
  @Test
  void historyWritesAreNotChecked() {
    uniqueEmails();
    fauna.create("c", "1", Obj("email", Value("x")));
    long earlier = now() - 1_000_000;
    fauna.query(Insert(Ref(Collection("c"), "2"), Value(earlier), com.faunadb.client.query.Language.Action.CREATE,
        Obj("data", Obj("email", Value("x")))));
    assertEquals(2, documents().to(com.faunadb.client.types.Codec.ARRAY).get().size());
  }
}
