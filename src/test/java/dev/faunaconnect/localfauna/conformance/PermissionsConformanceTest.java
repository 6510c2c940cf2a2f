package dev.faunaconnect.localfauna.conformance;

import static com.faunadb.client.query.Language.Arr;
import static com.faunadb.client.query.Language.At;
import static com.faunadb.client.query.Language.Collection;
import static com.faunadb.client.query.Language.Collections;
import static com.faunadb.client.query.Language.Create;
import static com.faunadb.client.query.Language.CreateCollection;
import static com.faunadb.client.query.Language.CreateKey;
import static com.faunadb.client.query.Language.CreateRole;
import static com.faunadb.client.query.Language.Delete;
import static com.faunadb.client.query.Language.Documents;
import static com.faunadb.client.query.Language.Events;
import static com.faunadb.client.query.Language.Exists;
import static com.faunadb.client.query.Language.Get;
import static com.faunadb.client.query.Language.Index;
import static com.faunadb.client.query.Language.Indexes;
import static com.faunadb.client.query.Language.Insert;
import static com.faunadb.client.query.Language.Keys;
import static com.faunadb.client.query.Language.Lambda;
import static com.faunadb.client.query.Language.Map;
import static com.faunadb.client.query.Language.Match;
import static com.faunadb.client.query.Language.Now;
import static com.faunadb.client.query.Language.Obj;
import static com.faunadb.client.query.Language.Paginate;
import static com.faunadb.client.query.Language.Range;
import static com.faunadb.client.query.Language.Ref;
import static com.faunadb.client.query.Language.Role;
import static com.faunadb.client.query.Language.Roles;
import static com.faunadb.client.query.Language.Select;
import static com.faunadb.client.query.Language.Singleton;
import static com.faunadb.client.query.Language.ToMicros;
import static com.faunadb.client.query.Language.Update;
import static com.faunadb.client.query.Language.Value;
import static com.faunadb.client.query.Language.Var;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.arr;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.collectionRef;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.doc;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.field;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.indexRef;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.page;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.refOf;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.setEvent;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.tsOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.faunadb.client.FaunaClient;
import com.faunadb.client.query.Expr;
import com.faunadb.client.query.Language.Action;
import com.faunadb.client.types.Codec;
import com.faunadb.client.types.Value;
import com.faunadb.client.types.Value.BooleanV;
import com.faunadb.client.types.Value.RefV;
import dev.faunaconnect.localfauna.SampleData;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Keys: the sample data's read-only role (read on two collections, their ts indexes, Collections() and Indexes(),
 * as the Airbyte setup FQL creates it), narrower roles, and the built-in key roles.
 */
class PermissionsConformanceTest extends FreshServerTest {
  private static final String DENIED = "Insufficient privileges to perform the action.";

  private FaunaClient readonly;
  private RefV customer;
  private RefV secret;

  @BeforeEach
  void loadSampleDataAndKeys() {
    SampleData.load(fauna.fauna);
    fauna.createCollection("secrets");
    fauna.createIndex("secrets_by_ts", "secrets", List.of(), List.of(field("ts"), field("ref")));
    secret = refOf(fauna.create("secrets", "1", Obj("pin", Value(1234))));
    customer = doc("customers", "101");
    readonly = keyFor(Role("kafka-connect-readonly"));
  }

  private FaunaClient keyFor(Expr role) {
    Value key = fauna.query(CreateKey(Obj("role", role)));
    String secretText = key.at("secret").to(Codec.STRING).get();
    assertTrue(secretText.startsWith("fn") && secretText.length() == 40, secretText);
    return fauna.as(secretText);
  }

  private FaunaClient roleKey(String name, Expr privileges) {
    fauna.query(CreateRole(Obj("name", Value(name), "privileges", privileges)));
    return keyFor(Role(name));
  }

  private static Expr privilege(Expr resource, String... actions) {
    java.util.Map<String, Expr> granted = new java.util.LinkedHashMap<>();
    for (String a : actions) {
      granted.put(a, Value(true));
    }
    return Obj("resource", resource, "actions", Obj(granted));
  }

  private static void denied(FaunaClient client, Expr query, List<String> position) {
    FaunaDriver.assertError(FaunaDriver.failure(client, query), 403, position, "permission denied", DENIED);
  }

  private static Value run(FaunaClient client, Expr query) {
    return FaunaDriver.query(client, query);
  }

  @Test
  void theSeedRoleReadsItsCollectionsIndexesAndTheSchema() {
    assertEquals(page(null, null, arr(collectionRef("customers"), collectionRef("orders"),
        collectionRef("secrets"))), run(readonly, Paginate(Collections())));
    assertEquals(page(null, null, arr(indexRef("customers_by_ts"), indexRef("orders_by_ts"),
        indexRef("customers_by_ttl"), indexRef("orders_by_ttl"), indexRef("secrets_by_ts"))),
        run(readonly, Paginate(Indexes())));
    assertEquals(fauna.query(Get(Collection("customers"))), run(readonly, Get(Collection("customers"))));
    assertEquals(fauna.query(Get(Index("secrets_by_ts"))), run(readonly, Get(Index("secrets_by_ts"))));
    assertEquals(fauna.query(Paginate(Documents(Collection("customers")))),
        run(readonly, Paginate(Documents(Collection("customers")))));
    Expr full = Map(Paginate(Documents(Collection("orders"))), Lambda("x", Get(Var("x"))));
    assertEquals(fauna.query(full), run(readonly, full));
    Expr changes = Paginate(Range(Match(Index("customers_by_ts")), Arr(Value(0)), Arr()));
    assertEquals(fauna.query(changes), run(readonly, changes));
    Expr removes = Paginate(Documents(Collection("customers"))).events(true);
    assertEquals(fauna.query(removes), run(readonly, removes));
    assertEquals(BooleanV.TRUE, run(readonly, Exists(customer)));
    long now = run(readonly, ToMicros(Now())).to(Codec.LONG).get();
    // reading the past needs no history privilege
    assertEquals(fauna.query(Get(customer)), run(readonly, At(Value(now), Get(customer))));
  }

  @Test
  void theSeedRoleIsRefusedEverythingElse() {
    denied(readonly, Paginate(Match(Index("secrets_by_ts"))), List.of("paginate"));
    denied(readonly, Get(Match(Index("secrets_by_ts"))), List.of("get"));
    denied(readonly, Get(secret), List.of());
    // refused before it is looked up: a missing document of an unreadable collection is 403, not 404
    denied(readonly, Get(Ref(Collection("secrets"), "999")), List.of());
    denied(readonly, Select(Value("data"), Get(secret)), List.of("from"));
    denied(readonly, Paginate(Keys()), List.of("paginate"));
    denied(readonly, Paginate(Roles()), List.of("paginate"));
  }

  @Test
  void unreadableDocumentsAreFilteredOutNotRefused() {
    assertEquals(page(null, null, arr()), run(readonly, Paginate(Documents(Collection("secrets")))));
    assertEquals(page(null, null, arr()), run(readonly, Paginate(Events(Documents(Collection("secrets"))))));
    assertEquals(page(arr(secret), null, arr()),
        run(readonly, Paginate(Documents(Collection("secrets"))).after(arr(secret))));
    assertEquals(BooleanV.FALSE, run(readonly, Exists(secret)));
    assertEquals(BooleanV.FALSE, run(readonly, Exists(Ref(Collection("secrets"), "999"))));
  }

  @Test
  void documentHistoryNeedsHistoryRead() {
    denied(readonly, Paginate(Events(customer)), List.of("paginate"));
    denied(readonly, Paginate(customer).events(true), List.of("paginate"));
    denied(readonly, Paginate(customer), List.of("paginate"));
    denied(readonly, Paginate(Singleton(customer)), List.of("paginate"));
    denied(readonly, Paginate(Events(Singleton(customer))), List.of("paginate"));

    FaunaClient historian = roleKey("historian", Arr(privilege(Collection("customers"), "history_read")));
    long created = tsOf(fauna.query(Get(customer)));
    assertEquals(arr(setEvent(created, "add", customer)), run(historian, Paginate(Events(Singleton(customer))))
        .at("data"));
    assertEquals(fauna.query(Paginate(Events(customer))), run(historian, Paginate(Events(customer))));
    // history_read does not grant read
    denied(historian, Get(customer), List.of());
    assertEquals(page(null, null, arr()), run(historian, Paginate(Documents(Collection("customers")))));
  }

  @Test
  void schemaDocumentsNeedTheNativeCollectionPrivilege() {
    FaunaClient narrow = roleKey("narrow", Arr(privilege(Collection("customers"), "read"),
        privilege(Index("customers_by_ts"), "read")));
    denied(narrow, Paginate(Collections()), List.of("paginate"));
    denied(narrow, Paginate(Indexes()), List.of("paginate"));
    denied(narrow, Get(Collection("customers")), List.of());
    denied(narrow, Get(Index("customers_by_ts")), List.of());
    assertEquals(BooleanV.FALSE, run(narrow, Exists(Collection("customers"))));
    assertEquals(BooleanV.FALSE, run(narrow, Exists(Index("customers_by_ts"))));
    assertEquals(fauna.query(Paginate(Match(Index("customers_by_ts")))),
        run(narrow, Paginate(Match(Index("customers_by_ts")))));
  }

  @Test
  void anIndexPrivilegeWithoutTheCollectionShowsNothing() {
    FaunaClient indexOnly = roleKey("index_only", privilege(Index("customers_by_ts"), "read"));
    assertEquals(page(null, null, arr()), run(indexOnly, Paginate(Match(Index("customers_by_ts")))));
    denied(indexOnly, Paginate(Match(Index("orders_by_ts"))), List.of("paginate"));
  }

  @Test
  void roleKeysCannotWrite() {
    denied(readonly, Create(Collection("customers"), Obj("data", Obj("x", Value(1)))), List.of("create"));
    denied(readonly, Create(Ref(Collection("customers"), "5"), Obj()), List.of("create"));
    denied(readonly, Update(customer, Obj("data", Obj("x", Value(1)))), List.of());
    denied(readonly, Delete(customer), List.of());
    denied(readonly, Insert(customer, Value(1), Action.CREATE, Obj()), List.of());
    denied(readonly, CreateCollection(Obj("name", Value("x"))), List.of("create_collection"));
    denied(readonly, CreateKey(Obj("role", Value("admin"))), List.of("create_key"));
    assertEquals(fauna.query(Get(customer)), run(readonly, Get(customer)));
  }

  @Test
  void builtInKeyRoles() {
    FaunaClient admin = keyFor(Value("admin"));
    FaunaClient server = keyFor(Value("server"));
    FaunaClient serverReadonly = keyFor(Value("server-readonly"));
    FaunaClient client = keyFor(Value("client"));

    assertEquals(fauna.query(Paginate(Keys())), run(admin, Paginate(Keys())));
    run(admin, CreateRole(Obj("name", Value("by_admin"), "privileges", Arr())));

    assertEquals(fauna.query(Get(secret)), run(server, Get(secret)));
    assertEquals(fauna.query(Paginate(Collections())), run(server, Paginate(Collections())));
    RefV written = refOf(run(server, Create(Collection("secrets"), Obj("data", Obj("pin", Value(1))))));
    assertEquals(collectionRef("secrets"), written.getCollection().get());
    denied(server, Paginate(Keys()), List.of("paginate"));
    denied(server, CreateRole(Obj("name", Value("by_server"), "privileges", Arr())), List.of("create_role"));
    denied(server, CreateKey(Obj("role", Value("admin"))), List.of("create_key"));

    assertEquals(fauna.query(Paginate(Events(secret))), run(serverReadonly, Paginate(Events(secret))));
    denied(serverReadonly, Create(Collection("secrets"), Obj()), List.of("create"));
    denied(serverReadonly, Paginate(Keys()), List.of("paginate"));

    assertEquals(page(null, null, arr()), run(client, Paginate(Documents(Collection("secrets")))));
    denied(client, Get(secret), List.of());
    denied(client, Paginate(Collections()), List.of("paginate"));
    assertTrue(run(client, ToMicros(Now())).to(Codec.LONG).get() > 0);
  }
}
