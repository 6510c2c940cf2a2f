package dev.faunaconnect.validation;

import dev.faunaconnect.fauna.SetupFql;
import static com.faunadb.client.query.Language.Abort;
import static com.faunadb.client.query.Language.Collection;
import static com.faunadb.client.query.Language.Create;
import static com.faunadb.client.query.Language.Do;
import static com.faunadb.client.query.Language.Keys;
import static com.faunadb.client.query.Language.Obj;
import static com.faunadb.client.query.Language.Paginate;
import static com.faunadb.client.query.Language.Value;

import com.faunadb.client.errors.FaunaException;
import com.faunadb.client.query.Expr;
import dev.faunaconnect.fauna.FaunaClients;
import dev.faunaconnect.fauna.FaunaGateway;
import dev.faunaconnect.fauna.FaunaQueryException;
import java.util.List;
import java.util.Optional;

/**
 * Whether the key may do more than read, which the connector never needs. A key cannot tell its role, so two
 * probes ask what it may do, as the server's built-in roles ({@code auth/Permissions.scala}) decide it:
 * <ul>
 *   <li>{@code Paginate(Keys())}: only admin keys may read keys (server and server-readonly keys may not read the
 *       root collections databases, keys, roles and access providers; a role may only if it grants read on
 *       Keys());</li>
 *   <li>{@code Do(Create(Collection(c), {}), Abort(...))}: a key that may create documents (a server key, or a role
 *       with create) gets to the Abort, which rolls the transaction back, so nothing is written; a read-only key is
 *       refused the Create (403).</li>
 * </ul>
 * The result is a warning, not an error: such a key works, it is only more than the connector should hold.
 */
final class KeyRoleCheck {
  static final String PROBE = "kafka-connect-fauna write probe, rolled back";

  private KeyRoleCheck() {}

  /** The warning for the key, if it may do more than read; {@code collection} is one that exists, for the probe. */
  static Optional<String> warning(FaunaGateway gateway, Optional<String> collection) {
    if (succeeds(gateway, "Paginate(Keys(), {size: 1})", Paginate(Keys()).size(Value(1)))) {
      return Optional.of("fauna.secret is an admin key (it may list Keys()): it may create and delete keys and "
          + "databases, while the connector only reads. It works, but give the connector a key of a read-only role "
          + "instead: " + SetupFql.readOnlyRole(List.of("COLLECTION_NAME"), List.of("INDEX_NAME")) + ", then "
          + SetupFql.createKey() + ".");
    }
    if (collection.isPresent() && mayWrite(gateway, collection.get())) {
      return Optional.of("fauna.secret may write: it created a document in collection '" + collection.get()
          + "' in a transaction that was then aborted (nothing was written). It is a server key or its role grants "
          + "writes, while the connector only reads. It works, but give the connector a key of a read-only role "
          + "instead: " + SetupFql.readOnlyRole(List.of(collection.get()), List.of("INDEX_NAME")) + ", then "
          + SetupFql.createKey() + ".");
    }
    return Optional.empty();
  }

  private static boolean succeeds(FaunaGateway gateway, String fql, Expr expr) {
    try {
      gateway.inspect(fql, "Keys()", null, client -> FaunaClients.query(client, expr));
      return true;
    } catch (FaunaQueryException e) {
      return false;
    }
  }

  private static boolean mayWrite(FaunaGateway gateway, String collection) {
    String fql = "Do(Create(Collection(" + SetupFql.quote(collection) + "), {}), Abort(\"" + PROBE + "\"))";
    try {
      gateway.inspect(fql, SetupFql.collection(collection), collection,
          client -> FaunaClients.query(client, Do(Create(Collection(collection), Obj()), Abort(PROBE))));
      return false; // cannot happen: the transaction always aborts
    } catch (FaunaQueryException e) {
      return e.getCause() instanceof FaunaException fe
          && fe.errors().stream().anyMatch(error -> "transaction aborted".equals(error.code()));
    }
  }
}
