package dev.faunaconnect.localfauna.conformance;

import static com.faunadb.client.query.Language.Arr;
import static com.faunadb.client.query.Language.Collection;
import static com.faunadb.client.query.Language.Create;
import static com.faunadb.client.query.Language.CreateCollection;
import static com.faunadb.client.query.Language.CreateIndex;
import static com.faunadb.client.query.Language.CreateKey;
import static com.faunadb.client.query.Language.CreateRole;
import static com.faunadb.client.query.Language.Delete;
import static com.faunadb.client.query.Language.Indexes;
import static com.faunadb.client.query.Language.Paginate;
import static com.faunadb.client.query.Language.Exists;
import static com.faunadb.client.query.Language.Get;
import static com.faunadb.client.query.Language.Index;
import static com.faunadb.client.query.Language.Now;
import static com.faunadb.client.query.Language.Null;
import static com.faunadb.client.query.Language.Obj;
import static com.faunadb.client.query.Language.Replace;
import static com.faunadb.client.query.Language.Role;
import static com.faunadb.client.query.Language.Update;
import static com.faunadb.client.query.Language.Value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.faunadb.client.FaunaClient;
import com.faunadb.client.errors.BadRequestException;
import com.faunadb.client.query.Expr;
import com.faunadb.client.types.Codec;
import com.faunadb.client.types.Value;
import com.faunadb.client.types.Value.BooleanV;
import com.faunadb.client.types.Value.TimeV;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Schema documents: collections, indexes, roles and keys, after CollectionSpec, IndexSpec, RoleSpec and KeySpec. */
class SchemaConformanceTest extends ConformanceTest {

  private static Expr withName(String name, Object... more) {
    Object[] pairs = new Object[more.length + 2];
    pairs[0] = "name";
    pairs[1] = Value(name);
    System.arraycopy(more, 0, pairs, 2, more.length);
    java.util.Map<String, Expr> fields = new java.util.LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      fields.put((String) pairs[i], (Expr) pairs[i + 1]);
    }
    return Obj(fields);
  }

  private static void assertValidationFailure(Raw answer, JsonNode position, String field, String code,
                                              String description) {
    assertEquals(400, answer.status(), answer.body());
    JsonNode error = answer.error();
    assertEquals(List.of("position", "code", "description", "failures"), Raw.keys(error));
    assertEquals(position, error.get("position"));
    assertEquals("validation failed", error.get("code").asText());
    assertEquals("document data is not valid.", error.get("description").asText());
    assertEquals(json("[{'field':" + field + ",'code':'" + code + "','description':'" + description + "'}]"),
        error.get("failures"));
  }

  // ---- collections ------------------------------------------------------------------------------------------

  /** CollectionSpec "classes get the default retention policy": history_days 0, before the user's keys. */
  @Test
  void aNewCollectionHasNoHistoryByDefault() {
    String name = uniqueName("coll");
    Raw answer = raw(CreateCollection(withName(name)));

    assertEquals(201, answer.status());
    assertEquals(List.of("ref", "ts", "history_days", "name"), Raw.keys(answer.resource()));
    assertEquals(raw(collectionRef(name)).resource(), answer.resource().get("ref"));
    assertEquals(0, answer.resource().get("history_days").asLong());
    assertEquals(answer.json(), raw(Get(Collection(name))).json());
  }

  @Test
  void givenHistoryDaysKeepTheDefaultsPlace() {
    String name = uniqueName("coll");
    Raw answer = raw(CreateCollection(Obj("data", Obj("team", Value("core")), "name", Value(name),
        "history_days", Value(3))));

    assertEquals(List.of("ref", "ts", "history_days", "data", "name"), Raw.keys(answer.resource()));
    assertEquals(3, answer.resource().get("history_days").asLong());
  }

  /** A null history_days removes the field: history is kept forever. */
  @Test
  void nullHistoryDaysRemovesTheField() {
    String name = uniqueName("coll");

    assertEquals(List.of("ref", "ts", "name"),
        Raw.keys(raw(CreateCollection(withName(name, "history_days", Null()))).resource()));
  }

  @Test
  void historyDaysMustBeANonNegativeInteger() {
    assertValidationFailure(raw(CreateCollection(withName(uniqueName("coll"), "history_days", Value(-1)))),
        json("['create_collection']"), "['history_days']", "non-negative value required",
        "Value must be non-negative.");
    assertValidationFailure(raw(CreateCollection(withName(uniqueName("coll"), "history_days", Value("10")))),
        json("['create_collection']"), "['history_days']", "invalid type", "Invalid type String, expected type Long.");
  }

  @Test
  void aCollectionNeedsAName() {
    assertValidationFailure(raw(CreateCollection(Obj("history_days", Value(1)))), json("['create_collection']"),
        "['name']", "value required", "Required value not found.");
  }

  /** WriteFunctionsSpec "rejects duplicate instances". */
  @Test
  void duplicateSchemaNamesAlreadyExist() {
    String c = newCollection();
    String index = uniqueName("idx");
    query(CreateIndex(Obj("name", Value(index), "source", Collection(c))));
    String role = uniqueName("role");
    query(CreateRole(Obj("name", Value(role), "privileges", Arr())));

    assertError(CreateCollection(withName(c)), BadRequestException.class, "instance already exists",
        "Collection already exists.", "create_collection");
    assertError(CreateIndex(Obj("name", Value(index), "source", Collection(c))), BadRequestException.class,
        "instance already exists", "Index already exists.", "create_index");
    assertError(CreateRole(Obj("name", Value(role), "privileges", Arr())), BadRequestException.class,
        "instance already exists", "Role already exists.", "create_role");
  }

  @Test
  void collectionsCanBeUpdatedAndDeleted() {
    String name = uniqueName("coll");
    Value created = query(CreateCollection(withName(name)));

    Raw updated = raw(Update(Collection(name), Obj("history_days", Value(30))));
    assertEquals(200, updated.status());
    assertEquals(List.of("ref", "ts", "history_days", "name"), Raw.keys(updated.resource()));
    assertEquals(30, updated.resource().get("history_days").asLong());
    assertTrue(updated.resource().get("ts").asLong() > created.at("ts").to(Long.class).get());
    assertValidationFailure(raw(Update(Collection(name), Obj("history_days", Value(-5)))), json("['update']"),
        "['history_days']", "non-negative value required", "Value must be non-negative.");
    // Replace keeps the name and the retention of a collection (WriteAdaptor prevForReplace)
    Raw replaced = raw(Replace(Collection(name), Obj("data", Obj("x", Value(1)))));
    assertEquals(json("{'history_days':30,'name':'" + name + "','data':{'x':1}}"),
        ((com.fasterxml.jackson.databind.node.ObjectNode) replaced.resource().deepCopy()).without(List.of("ref",
            "ts")));

    Raw deleted = raw(Delete(Collection(name)));
    assertEquals(200, deleted.status());
    assertEquals(replaced.json(), deleted.json());
    assertEquals(BooleanV.FALSE, query(Exists(Collection(name))));
    assertError(Get(Collection(name)), BadRequestException.class, "invalid ref",
        "Ref refers to undefined collection '" + name + "'", "get");
    assertError(Create(Collection(name), Obj()), BadRequestException.class, "invalid ref",
        "Ref refers to undefined collection '" + name + "'", "create");
    assertError(Delete(Collection(name)), BadRequestException.class, "invalid ref",
        "Ref refers to undefined collection '" + name + "'", "delete");
  }

  // ---- indexes ----------------------------------------------------------------------------------------------

  /** The Airbyte change index: no terms, so 8 partitions; built at once on a small collection, so active. */
  @Test
  void anIndexWithoutTermsHasEightPartitions() {
    String c = newCollection();
    String name = uniqueName("by_ts");
    Raw answer = raw(CreateIndex(Obj("name", Value(name), "source", Collection(c), "terms", Arr(),
        "values", Arr(Obj("field", Value("ts")), Obj("field", Value("ref"))))));

    assertEquals(201, answer.status());
    assertEquals(List.of("ref", "ts", "active", "serialized", "name", "source", "terms", "values", "partitions"),
        Raw.keys(answer.resource()));
    assertEquals(json("{'active':true,'serialized':true,'name':'" + name + "','source':"
        + raw(collectionRef(c)).resource() + ",'terms':[],'values':[{'field':'ts'},{'field':'ref'}],"
        + "'partitions':8}"), without(answer.resource(), "ref", "ts"));
    assertEquals(answer.json(), raw(Get(Index(name))).json());
  }

  /** IndexSpec: fields as paths, one partition with terms; reverse kept, other keys in a field masked. */
  @Test
  void anIndexWithTermsHasOnePartition() {
    String c = newCollection();
    String name = uniqueName("spells");
    Raw answer = raw(CreateIndex(Obj("name", Value(name), "source", Collection(c),
        "terms", Arr(Obj("field", Arr(Value("data"), Value("element")), "junk", Value(1))),
        "values", Arr(Obj("field", Arr(Value("data"), Value("name")), "reverse", Value(true))))));

    assertEquals(json("{'active':true,'serialized':true,'name':'" + name + "','source':"
        + raw(collectionRef(c)).resource() + ",'terms':[{'field':['data','element']}],"
        + "'values':[{'field':['data','name'],'reverse':true}],'partitions':1}"), without(answer.resource(),
        "ref", "ts"));
  }

  /** Airbyte checks {@code "terms" not in index}: terms and values are absent when not given. */
  @Test
  void termsAndValuesAreAbsentWhenNotGiven() {
    String c = newCollection();
    String name = uniqueName("all");

    assertEquals(List.of("ref", "ts", "active", "serialized", "name", "source", "partitions"),
        Raw.keys(raw(CreateIndex(Obj("name", Value(name), "source", Collection(c)))).resource()));
  }

  /** RefValidator runs on the params first: an undefined source cannot be read. */
  @Test
  void anIndexOverAnUndefinedCollectionIsInvalid() {
    assertValidationFailure(raw(CreateIndex(Obj("name", Value(uniqueName("idx")), "source",
        Collection("no_such_collection")))), json("[]"), "['source']", "invalid reference", "Cannot read reference.");
  }

  @Test
  void indexesCanBeDeleted() {
    String c = newCollection();
    String name = uniqueName("idx");
    Value created = query(CreateIndex(Obj("name", Value(name), "source", Collection(c))));

    assertEquals(created, query(Delete(Index(name))));
    assertEquals(BooleanV.FALSE, query(Exists(Index(name))));
    assertError(Get(Index(name)), BadRequestException.class, "invalid ref",
        "Ref refers to undefined index '" + name + "'", "get");
  }

  /**
   * fauna/faunadb {@code ext/model/.../ast/functions/WriteAdaptor.scala} {@code CollectionWriteConfig.delete}
   * ({@code indexesWithSoleSource}) and {@code schema/CollectionSchemaHooks.scala} {@code processDelete} ->
   * {@code deleteCollectionIndexes}: deleting a collection deletes, in the same transaction, the user indexes whose
   * only source it is; other indexes stay.
   */
  @Test
  void deletingACollectionDeletesTheIndexesOverIt() {
    String c = newCollection();
    String other = newCollection();
    String mine = uniqueName("idx");
    String kept = uniqueName("idx");
    query(CreateIndex(Obj("name", Value(mine), "source", Collection(c))));
    query(CreateIndex(Obj("name", Value(kept), "source", Collection(other))));

    Value indexes = query(Paginate(Indexes()).size(1000)).at("data");
    query(Delete(Collection(c)));
    assertEquals(BooleanV.FALSE, query(Exists(Index(mine))));
    List<Value> left = new java.util.ArrayList<>(indexes.to(Codec.ARRAY).get());
    left.remove(FaunaDriver.indexRef(mine));
    assertEquals(left, query(Paginate(Indexes()).size(1000)).at("data").to(Codec.ARRAY).get());
    assertError(Get(Index(mine)), BadRequestException.class, "invalid ref",
        "Ref refers to undefined index '" + mine + "'", "get");
    assertEquals(BooleanV.TRUE, query(Exists(Index(kept))));
    // both names are free again
    query(CreateCollection(withName(c)));
    query(CreateIndex(Obj("name", Value(mine), "source", Collection(c))));
  }

  // ---- roles ------------------------------------------------------------------------------------------------

  /** RoleSpec: roles are stored as given; privileges stay an object when given as one. */
  @Test
  void rolesAreStoredAsGiven() {
    String c = newCollection();
    String name = uniqueName("reader");
    Raw answer = raw(CreateRole(Obj("name", Value(name), "privileges", Obj("resource", Collection(c), "actions",
        Obj("read", Value(true))), "membership", Arr())));

    assertEquals(201, answer.status());
    assertEquals(List.of("ref", "ts", "name", "privileges", "membership"), Raw.keys(answer.resource()));
    assertEquals(raw(new Value.RefV(name, Value.Native.ROLES)).resource(), answer.resource().get("ref"));
    assertEquals(json("{'resource':" + raw(collectionRef(c)).resource() + ",'actions':{'read':true}}"),
        answer.resource().get("privileges"));
    assertEquals(answer.json(), raw(Get(Role(name))).json());
    assertEquals(BooleanV.TRUE, query(Exists(Role(name))));
  }

  /** WriteFunctionsSpec "errors with arrays should indicate indexes correctly". */
  @Test
  void everyUnresolvedPrivilegeResourceIsAFailure() {
    Raw answer = raw(CreateRole(Obj("name", Value(uniqueName("role")), "privileges", Arr(
        Obj("resource", Collection("nope0")), Obj("resource", Collection("nope1"))))));

    assertEquals(400, answer.status());
    assertEquals(json("{'errors':[{'position':[],'code':'validation failed','description':'document data is not "
        + "valid.','failures':[{'field':['privileges','0','resource'],'code':'invalid reference',"
        + "'description':'Cannot read reference.'},{'field':['privileges','1','resource'],"
        + "'code':'invalid reference','description':'Cannot read reference.'}]}]}"), answer.json());
  }

  // ---- keys -------------------------------------------------------------------------------------------------

  /** KeySpec: the secret is shown once, on creation; the key document keeps only its hash. */
  @Test
  void aNewKeyCarriesAUsableSecretOnce() throws Exception {
    Raw answer = raw(CreateKey(Obj("role", Value("server"))));

    assertEquals(201, answer.status());
    JsonNode key = answer.resource();
    assertEquals(List.of("ref", "ts", "role", "secret", "hashed_secret"), Raw.keys(key));
    assertEquals("keys", key.at("/ref/@ref/collection/@ref/id").asText());
    assertTrue(key.at("/ref/@ref/id").asText().matches("[0-9]+"));
    String secret = key.get("secret").asText();
    assertTrue(secret.startsWith("fn") && secret.length() == 40, secret);
    assertTrue(key.get("hashed_secret").asText().startsWith("$2a$05$"));

    FaunaClient keyClient = clientFor(secret);
    assertInstanceOf(TimeV.class, keyClient.query(Now()).get());
    Raw stored = raw(Get(new Value.RefV(key.at("/ref/@ref/id").asText(), Value.Native.KEYS)));
    assertEquals(List.of("ref", "ts", "role", "hashed_secret"), Raw.keys(stored.resource()));
    assertFalse(stored.body().contains(secret));
  }

  private static JsonNode without(JsonNode node, String... keys) {
    return ((com.fasterxml.jackson.databind.node.ObjectNode) node.deepCopy()).without(List.of(keys));
  }
}
