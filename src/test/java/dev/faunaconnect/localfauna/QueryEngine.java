package dev.faunaconnect.localfauna;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faunaconnect.localfauna.Values.RefValue;
import java.util.List;
import java.util.Map;

/**
 * Runs one query as one transaction: authenticates the secret, evaluates, commits or rolls back, and renders the
 * answer. One query runs at a time, so every transaction sees a consistent store.
 */
final class QueryEngine {
  /** What the HTTP layer sends back. */
  record Answer(int status, byte[] body, long txnTime, int reads, int writes) {}

  private static final String CONTACT_SUPPORT = "Please create a ticket at https://support.fauna.com";

  private static final ObjectMapper JSON = new ObjectMapper();

  static {
    JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(1000).build());
  }

  private final Store store;
  private final Evaluator evaluator;
  private final WireCodec codec;
  private final String adminSecret;

  QueryEngine(Store store, WireCodec codec, String adminSecret) {
    this.store = store;
    this.evaluator = new Evaluator(store);
    this.codec = codec;
    this.adminSecret = adminSecret;
  }

  boolean isAdminSecret(String secret) {
    return adminSecret.equals(secret);
  }

  /** Who a secret is, or null when it is unknown. */
  synchronized Access authenticate(String secret) {
    if (secret == null) {
      return null;
    }
    if (secret.equals(adminSecret)) {
      return Access.ALL;
    }
    RefValue key = store.keyForSecret(secret);
    if (key == null) {
      return null;
    }
    Map<String, Object> fields = store.schemaFields("keys", key.id(), Long.MAX_VALUE);
    return fields == null ? null : accessOf(fields.get("role"));
  }

  private Access accessOf(Object role) {
    if (role instanceof String name) {
      return switch (name) {
        case "admin" -> Access.ALL;
        case "server" -> Access.SERVER;
        case "server-readonly" -> Access.READ_ONLY;
        case "client" -> Access.NONE;
        default -> Access.ofRole(store.schemaFields("roles", name, Long.MAX_VALUE));
      };
    }
    if (role instanceof RefValue ref) {
      return Access.ofRole(store.schemaFields("roles", ref.id(), Long.MAX_VALUE));
    }
    return Access.NONE;
  }

  /** Runs a query; a {@code readOnly} one ({@code GET /?q=}) may not write. */
  synchronized Answer run(byte[] body, Access access, long lastSeenTxn, boolean readOnly) {
    store.finishIndexBuilds();
    store.clock.observe(lastSeenTxn);
    Store.Txn txn = store.begin();
    txn.readOnly = readOnly;
    WriteForms.Created.reset();
    try {
      JsonNode query = parse(body);
      Object result = evaluator.run(query, new Ctx(txn, txn.ts, Map.of(), access));
      int status = WriteForms.Created.isCreated(result) ? 201 : 200;
      return new Answer(status, codec.renderResource(result), txn.ts, txn.reads, txn.writes());
    } catch (FaunaError e) {
      txn.rollback();
      return new Answer(e.status, WireCodec.renderErrors(List.of(e.at(List.of()))), txn.ts, txn.reads, 0);
    } catch (StackOverflowError e) {
      txn.rollback();
      FaunaError error = FaunaError.invalidExpression("Request body JSON exceeds nesting limit.").at(List.of());
      return new Answer(400, WireCodec.renderErrors(List.of(error)), txn.ts, txn.reads, 0);
    } catch (RuntimeException e) {
      // a bug of this server: answered as the real server answers an unexpected exception, and reported
      txn.rollback();
      e.printStackTrace();
      return new Answer(500, WireResponse.error(500, "internal server error", e + " " + CONTACT_SUPPORT).body(),
          txn.ts, 0, 0);
    } finally {
      WriteForms.Created.reset();
    }
  }

  private static JsonNode parse(byte[] body) {
    if (body.length == 0) {
      throw FaunaError.invalidExpression("No query provided.");
    }
    try {
      return JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw FaunaError.invalidExpression(e.getMessage().contains("nesting")
          ? "Request body JSON exceeds nesting limit." : "Request body is not valid JSON.");
    } catch (java.io.IOException e) {
      throw FaunaError.invalidExpression("Request body is not valid JSON.");
    }
  }

  /** Admin-side access for tests and the seed loader: runs a query with full rights and returns the raw JSON. */
  Answer runAsAdmin(String query) {
    return run(query.getBytes(java.nio.charset.StandardCharsets.UTF_8), Access.ALL, 0, false);
  }
}
