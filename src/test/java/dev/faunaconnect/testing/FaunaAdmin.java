package dev.faunaconnect.testing;

import static com.faunadb.client.query.Language.Arr;
import static com.faunadb.client.query.Language.Collection;
import static com.faunadb.client.query.Language.CreateCollection;
import static com.faunadb.client.query.Language.CreateIndex;
import static com.faunadb.client.query.Language.CreateKey;
import static com.faunadb.client.query.Language.CreateRole;
import static com.faunadb.client.query.Language.Obj;
import static com.faunadb.client.query.Language.Role;
import static com.faunadb.client.query.Language.Value;

import com.faunadb.client.FaunaClient;
import com.faunadb.client.query.Expr;
import com.faunadb.client.types.Codec;
import com.faunadb.client.types.Value;
import dev.faunaconnect.fauna.FaunaClients;
import dev.faunaconnect.localfauna.LocalFauna;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.types.Password;

/** Sets up a local Fauna server through the real driver with its admin secret: collections, indexes, roles, keys. */
public final class FaunaAdmin {
  private final FaunaClient client;

  public FaunaAdmin(LocalFauna fauna) {
    this.client = FaunaClients.create(fauna.endpoint(), new Password(fauna.secret()), Duration.ofSeconds(10));
  }

  public Value query(Expr expr) {
    return FaunaClients.query(client, expr);
  }

  public void createCollection(String name) {
    query(CreateCollection(Obj("name", Value(name))));
  }

  /** An index on {@code collection}; {@code terms} and {@code values} are lists of field specs, null to omit. */
  public void createIndex(String name, String collection, List<Expr> terms, List<Expr> values) {
    Map<String, Expr> params = new java.util.LinkedHashMap<>();
    params.put("name", Value(name));
    params.put("source", Collection(collection));
    if (terms != null) {
      params.put("terms", Arr(terms));
    }
    if (values != null) {
      params.put("values", Arr(values));
    }
    query(CreateIndex(Obj(params)));
  }

  /** The seed's incremental index: no terms, values ts then ref. */
  public void createTsRefIndex(String name, String collection) {
    createIndex(name, collection, List.of(), List.of(field("ts"), field("ref")));
  }

  /** {@code {field: "x"}}. */
  public static Expr field(String name) {
    return Obj("field", Value(name));
  }

  /** {@code {resource: r, actions: {read: true}}}. */
  public static Expr read(Expr resource) {
    return Obj("resource", resource, "actions", Obj("read", Value(true)));
  }

  public void createRole(String name, Expr... privileges) {
    query(CreateRole(Obj("name", Value(name), "privileges", Arr(privileges))));
  }

  /** Creates a key with the role and returns its secret (which Fauna shows only once). */
  public String createKey(String role) {
    return query(CreateKey(Obj("role", Role(role)))).at("secret").to(Codec.STRING).get();
  }

  /** A key with a built-in role such as {@code server-readonly} or {@code client}. */
  public String createBuiltInKey(String role) {
    return query(CreateKey(Obj("role", Value(role)))).at("secret").to(Codec.STRING).get();
  }
}
