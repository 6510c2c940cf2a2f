package dev.faunaconnect.localfauna.conformance;

import static com.faunadb.client.query.Language.Arr;
import static com.faunadb.client.query.Language.Collection;
import static com.faunadb.client.query.Language.Create;
import static com.faunadb.client.query.Language.CreateCollection;
import static com.faunadb.client.query.Language.CreateIndex;
import static com.faunadb.client.query.Language.Obj;
import static com.faunadb.client.query.Language.Ref;
import static com.faunadb.client.query.Language.Value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.faunadb.client.FaunaClient;
import com.faunadb.client.HttpResponses.QueryError;
import com.faunadb.client.errors.FaunaException;
import com.faunadb.client.query.Expr;
import com.faunadb.client.types.Codec;
import com.faunadb.client.types.Value;
import com.faunadb.client.types.Value.ArrayV;
import com.faunadb.client.types.Value.LongV;
import com.faunadb.client.types.Value.NullV;
import com.faunadb.client.types.Value.ObjectV;
import com.faunadb.client.types.Value.RefV;
import com.faunadb.client.types.Value.StringV;
import dev.faunaconnect.localfauna.LocalFauna;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * The real faunadb-java driver pointed at a fresh local Fauna server, with the small helpers the conformance tests
 * share: run a query, expect an error, build expected values.
 */
final class FaunaDriver implements AutoCloseable {
  final LocalFauna fauna;
  final FaunaClient client;

  private FaunaDriver(LocalFauna fauna, FaunaClient client) {
    this.fauna = fauna;
    this.client = client;
  }

  static FaunaDriver start() {
    // Through the driver, which decodes only URL-safe @bytes; BytesConformanceTest pins the real (standard) output.
    LocalFauna fauna = LocalFauna.builder().standardBase64Bytes(false).start();
    return new FaunaDriver(fauna, clientFor(fauna, fauna.secret()));
  }

  static FaunaClient clientFor(LocalFauna fauna, String secret) {
    try {
      return FaunaClient.builder().withEndpoint(fauna.endpoint()).withSecret(secret).withCheckNewVersion(false)
          .build();
    } catch (java.net.MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A client that uses another secret (a key) against the same server. */
  FaunaClient as(String secret) {
    return clientFor(fauna, secret);
  }

  Value query(Expr expr) {
    return query(client, expr);
  }

  static Value query(FaunaClient client, Expr expr) {
    try {
      return client.query(expr).get();
    } catch (ExecutionException e) {
      throw new AssertionError("query failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Runs a query that must fail, and returns the driver's exception. */
  FaunaException failure(Expr expr) {
    return failure(client, expr);
  }

  static FaunaException failure(FaunaClient client, Expr expr) {
    try {
      Value v = client.query(expr).get();
      return fail("expected an error, got " + v);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof FaunaException fe) {
        return fe;
      }
      throw new AssertionError("unexpected failure", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Asserts the whole error: HTTP status, and the single error's position (null: none), code and description. */
  static void assertError(FaunaException e, int status, List<String> position, String code, String description) {
    assertEquals(status, e.status(), "status of " + e.getMessage());
    assertEquals(1, e.errors().size(), "errors of " + e.getMessage());
    QueryError error = e.errors().get(0);
    assertEquals(code, error.code());
    assertEquals(description, error.description());
    assertEquals(position == null ? List.of() : position, error.position());
  }

  void assertFails(Expr expr, int status, List<String> position, String code, String description) {
    assertError(failure(expr), status, position, code, description);
  }

  // ---- setup ------------------------------------------------------------------------------------------------

  void createCollection(String name) {
    query(CreateCollection(Obj("name", Value(name))));
  }

  void createCollection(String name, Expr historyDays) {
    query(CreateCollection(Obj("name", Value(name), "history_days", historyDays)));
  }

  /** Creates an index; {@code terms} and {@code values} are lists of field paths (each a list of path steps). */
  void createIndex(String name, String source, List<List<String>> terms, List<Expr> values) {
    Map<String, Expr> params = new LinkedHashMap<>();
    params.put("name", Value(name));
    params.put("source", Collection(source));
    List<Expr> termSpecs = new ArrayList<>();
    for (List<String> path : terms) {
      termSpecs.add(Obj("field", path(path)));
    }
    params.put("terms", Arr(termSpecs));
    params.put("values", Arr(values));
    query(CreateIndex(Obj(params)));
  }

  /** A value spec: {@code {field: path}} or {@code {field: path, reverse: true}}. */
  static Expr field(String... path) {
    return Obj("field", path(Arrays.asList(path)));
  }

  static Expr reversed(String... path) {
    return Obj("field", path(Arrays.asList(path)), "reverse", Value(true));
  }

  private static Expr path(List<String> path) {
    if (path.size() == 1) {
      return Value(path.get(0));
    }
    List<Expr> steps = new ArrayList<>();
    path.forEach(s -> steps.add(Value(s)));
    return Arr(steps);
  }

  /** Creates a document with the given id and {@code data}; returns the created document. */
  Value create(String collection, String id, Expr data) {
    return query(Create(Ref(Collection(collection), id), Obj("data", data)));
  }

  /** Creates a document with a new id; returns the created document. */
  Value create(String collection, Expr data) {
    return query(Create(Collection(collection), Obj("data", data)));
  }

  // ---- values -----------------------------------------------------------------------------------------------

  static RefV collectionRef(String name) {
    return new RefV(name, Value.Native.COLLECTIONS);
  }

  static RefV indexRef(String name) {
    return new RefV(name, Value.Native.INDEXES);
  }

  static RefV doc(String collection, String id) {
    return new RefV(id, collectionRef(collection));
  }

  static RefV refOf(Value document) {
    return document.at("ref").to(Codec.REF).get();
  }

  static long tsOf(Value document) {
    return document.at("ts").to(Codec.LONG).get();
  }

  static ArrayV arr(Object... items) {
    List<Value> out = new ArrayList<>();
    for (Object item : items) {
      out.add(value(item));
    }
    return new ArrayV(out);
  }

  /** An object value from alternating keys and values, keeping their order. */
  static ObjectV obj(Object... keysAndValues) {
    Map<String, Value> out = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      out.put((String) keysAndValues[i], value(keysAndValues[i + 1]));
    }
    return new ObjectV(out);
  }

  static Value value(Object item) {
    if (item == null) {
      return NullV.NULL;
    }
    if (item instanceof Value v) {
      return v;
    }
    if (item instanceof Long l) {
      return new LongV(l);
    }
    if (item instanceof Integer i) {
      return new LongV(i);
    }
    if (item instanceof String s) {
      return new StringV(s);
    }
    if (item instanceof Boolean b) {
      return b ? Value.BooleanV.TRUE : Value.BooleanV.FALSE;
    }
    if (item instanceof Double d) {
      return new Value.DoubleV(d);
    }
    throw new IllegalArgumentException("no value for " + item);
  }

  /** A set event as the server renders it: {@code {ts, action, document}}. */
  static ObjectV setEvent(long ts, String action, RefV ref) {
    return obj("ts", ts, "action", action, "document", ref);
  }

  /** A document event: {@code {ts, action, document, data}}. */
  static ObjectV docEvent(long ts, String action, RefV ref, Value data) {
    return obj("ts", ts, "action", action, "document", ref, "data", data);
  }

  /** A page as the server renders it; a null cursor means the key is absent. */
  static ObjectV page(Value before, Value after, Value data) {
    Map<String, Value> out = new LinkedHashMap<>();
    if (before != null) {
      out.put("before", before);
    }
    if (after != null) {
      out.put("after", after);
    }
    out.put("data", data);
    return new ObjectV(out);
  }

  static List<Value> data(Value page) {
    return page.at("data").to(Codec.ARRAY).get();
  }

  /** The keys of an object in the order the server wrote them. */
  static List<String> keys(Value object) {
    return new ArrayList<>(object.to(Codec.OBJECT).get().keySet());
  }

  @Override
  public void close() {
    fauna.close();
  }
}
