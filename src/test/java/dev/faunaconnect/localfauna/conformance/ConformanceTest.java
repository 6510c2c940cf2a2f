package dev.faunaconnect.localfauna.conformance;

import static com.faunadb.client.query.Language.Collection;
import static com.faunadb.client.query.Language.CreateCollection;
import static com.faunadb.client.query.Language.Null;
import static com.faunadb.client.query.Language.Obj;
import static com.faunadb.client.query.Language.Value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.faunadb.client.FaunaClient;
import com.faunadb.client.HttpResponses.QueryError;
import com.faunadb.client.errors.FaunaException;
import com.faunadb.client.query.Expr;
import com.faunadb.client.types.Value;
import com.faunadb.client.types.Value.RefV;
import dev.faunaconnect.localfauna.LocalFauna;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * What every conformance test shares: one local Fauna server per test class, the real faunadb-java client talking
 * to it, raw HTTP for what the driver hides (status codes, key order, escapes), and assertions on query errors.
 * The expected values come from the real server's source and tests (see the reference notes).
 */
abstract class ConformanceTest {
  /** The driver's own serializer: raw requests carry exactly the JSON the driver would send. */
  private static final ObjectMapper DRIVER_JSON = new ObjectMapper().registerModule(new Jdk8Module());
  private static final AtomicInteger NAMES = new AtomicInteger();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private static FaunaDriver driver;
  static LocalFauna fauna;
  static FaunaClient client;

  @BeforeAll
  static void startServer() {
    driver = FaunaDriver.start();
    fauna = driver.fauna;
    client = driver.client;
  }

  @AfterAll
  static void stopServer() {
    driver.close();
  }

  static FaunaClient clientFor(String secret) {
    return driver.as(secret);
  }

  /** Runs a query through the driver and returns its result; a query error fails the test. */
  static Value query(Expr expr) {
    return FaunaDriver.query(client, expr);
  }

  /** Runs a query that must fail and returns the driver's exception. */
  static FaunaException failure(Expr expr) {
    return FaunaDriver.failure(client, expr);
  }

  /**
   * Asserts the one error a query fails with: the driver's exception class (the HTTP status), the code, the
   * description and the position (path elements as the driver reports them, i.e. as strings).
   */
  static FaunaException assertError(Expr expr, Class<? extends FaunaException> type, String code, String description,
                                    Object... position) {
    FaunaException e = failure(expr);
    assertInstanceOf(type, e, e.getMessage());
    assertEquals(1, e.errors().size(), e.getMessage());
    QueryError error = e.errors().get(0);
    assertEquals(code, error.code(), e.getMessage());
    assertEquals(description, error.description());
    assertEquals(path(position), error.position(), "position of " + e.getMessage());
    assertEquals(code + ": " + description, e.getMessage());
    return e;
  }

  static List<String> path(Object... steps) {
    List<String> out = new ArrayList<>();
    for (Object s : steps) {
      out.add(String.valueOf(s));
    }
    return out;
  }

  /** A fresh collection (history kept forever, so no test reads below the minimum valid time); returns its name. */
  static String newCollection() {
    String name = "c" + NAMES.incrementAndGet();
    query(CreateCollection(Obj("name", Value(name), "history_days", Null())));
    return name;
  }

  static String uniqueName(String prefix) {
    return prefix + NAMES.incrementAndGet();
  }

  static RefV collectionRef(String name) {
    return FaunaDriver.collectionRef(name);
  }

  static RefV docRef(String collection, String id) {
    return FaunaDriver.doc(collection, id);
  }

  static Expr coll(String name) {
    return Collection(name);
  }

  // ---- raw HTTP ---------------------------------------------------------------------------------------------

  /** One raw answer: the status and the body as text and as a tree. */
  record Raw(int status, String body, JsonNode json) {
    JsonNode resource() {
      return json.get("resource");
    }

    JsonNode error() {
      return json.get("errors").get(0);
    }

    /** The keys of an object node, in the order the server wrote them. */
    static List<String> keys(JsonNode node) {
      List<String> out = new ArrayList<>();
      Iterator<String> it = node.fieldNames();
      it.forEachRemaining(out::add);
      return out;
    }
  }

  /** Sends a driver expression as the driver serializes it, bypassing the driver's response parsing. */
  static Raw raw(Expr expr) {
    try {
      return raw(DRIVER_JSON.writeValueAsString(expr));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Sends a JSON body with the admin secret and the driver's API version header. */
  static Raw raw(String json) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(fauna.endpoint() + "/"))
        .header("Authorization", "Bearer " + fauna.secret())
        .header("X-FaunaDB-API-Version", "4")
        .header("Content-Type", "application/json; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
        .build();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Raw(response.statusCode(), response.body(), DRIVER_JSON.readTree(response.body()));
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Parses expected JSON written in a test (single quotes allowed for readability). */
  static JsonNode json(String text) {
    try {
      return DRIVER_JSON.readTree(text.replace('\'', '"'));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** The body of a one-error answer, as the server writes it: position (numbers stay numbers), code, description. */
  static JsonNode errorBody(String code, String description, Object... position) {
    com.fasterxml.jackson.databind.node.ObjectNode error = DRIVER_JSON.createObjectNode();
    com.fasterxml.jackson.databind.node.ArrayNode at = error.putArray("position");
    for (Object step : position) {
      if (step instanceof Integer i) {
        at.add(i);
      } else {
        at.add((String) step);
      }
    }
    error.put("code", code);
    error.put("description", description);
    com.fasterxml.jackson.databind.node.ObjectNode body = DRIVER_JSON.createObjectNode();
    body.putArray("errors").add(error);
    return body;
  }

  /** Asserts a raw answer is exactly one error (status, and the body in the server's key order). */
  static void assertRawError(Raw answer, int status, String code, String description, Object... position) {
    assertEquals(status, answer.status(), answer.body());
    assertEquals(errorBody(code, description, position), answer.json());
    assertEquals(List.of("position", "code", "description"), Raw.keys(answer.error()));
  }
}
