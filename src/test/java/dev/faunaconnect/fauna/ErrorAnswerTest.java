package dev.faunaconnect.fauna;

import dev.faunaconnect.config.Redaction;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.faunadb.client.FaunaClient;
import com.faunadb.client.errors.FaunaException;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of error answer, sent by a bare HTTP server to the driver's client and to the connector's own sender:
 * both must raise the same driver exception (class, status, message, errors), which FaunaErrors then classifies the
 * same way (kind and message).
 */
class ErrorAnswerTest {
  private static final FaunaQuery QUERY = FaunaQueries.changePage("items_by_ts", "items",
      dev.faunaconnect.offset.Position.endOf(0), null, 10);

  private HttpServer server;
  private volatile int status;
  private volatile String body;

  record Answer(int status, String body) {}

  static List<Answer> answers() {
    return List.of(
        error(400, "[\"paginate\"]", "invalid ref", "Ref refers to undefined collection 'items'"),
        error(400, "[\"paginate\"]", "invalid ref", "Ref refers to undefined index 'items_by_ts'"),
        error(400, "[]", "bad request", "Requested timestamp 1 less than minimum allowed timestamp 2."),
        error(400, "[\"paginate\"]", "invalid argument", "Index items_by_ts is not active."),
        error(400, "[\"map\"]", "value not found", "Value not found at path [1]."),
        new Answer(401, "{\"errors\":[{\"code\":\"unauthorized\",\"description\":\"Unauthorized\"}]}"),
        error(403, "[]", "permission denied", "Insufficient privileges to perform the action."),
        error(404, "[\"map\",\"get\"]", "instance not found", "Document not found."),
        error(409, "[]", "contended transaction", "Transaction was aborted."),
        error(410, "[]", "gone", "Resource gone."),
        error(429, "[]", "too many requests", "Too many pending requests"),
        error(500, "[]", "internal server error", "Something broke."),
        error(503, "[]", "time out", "Read timed out"),
        error(418, "[]", "teapot", "Short and stout."),
        new Answer(400, "{\"errors\":[{\"position\":[],\"code\":\"a\",\"description\":\"one\"},"
            + "{\"position\":[\"x\",0],\"code\":\"b\",\"description\":\"two\"}]}"),
        new Answer(503, "<html>Service Unavailable</html>"),
        new Answer(502, "<html>Bad Gateway</html>"),
        new Answer(500, "{}"));
  }

  private static Answer error(int status, String position, String code, String description) {
    return new Answer(status, "{\"errors\":[{\"position\":" + position + ",\"code\":\"" + code
        + "\",\"description\":\"" + description + "\"}]}");
  }

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("x-txn-time", "42");
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @ParameterizedTest
  @MethodSource("answers")
  void theSenderRaisesWhatTheDriverRaisesAndBothAreClassifiedAlike(Answer answer) {
    status = answer.status();
    body = answer.body();
    String endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
    FaunaSession session = FaunaSession.create(endpoint, new Password("secret"), Duration.ofSeconds(5));
    FaunaClient client = FaunaClients.create(endpoint, new Password("secret"), Duration.ofSeconds(5));

    RuntimeException driver = assertThrows(RuntimeException.class, () -> FaunaClients.query(client, QUERY.expr()));
    FaunaException sender = assertThrows(FaunaException.class, () -> send(session));

    assertEquals(driver.getClass(), sender.getClass());
    assertEquals(driver.getMessage(), sender.getMessage());
    FaunaException fromDriver = (FaunaException) driver;
    assertEquals(fromDriver.status(), sender.status());
    assertEquals(describe(fromDriver), describe(sender));
    FaunaQueryException classifiedDriver = FaunaErrors.classify(driver, QUERY, Redaction.NONE);
    FaunaQueryException classifiedSender = FaunaErrors.classify(sender, QUERY, Redaction.NONE);
    assertEquals(classifiedDriver.kind(), classifiedSender.kind());
    assertEquals(classifiedDriver.getMessage(), classifiedSender.getMessage());
    assertEquals(42, session.client().getLastTxnTime(), "the answer's x-txn-time is kept");
  }

  private static String send(FaunaSession session) throws Exception {
    try {
      return session.send(QUERY, Duration.ofSeconds(1));
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> describe(FaunaException e) {
    return e.errors().stream().map(error -> error.position() + " " + error.code() + " " + error.description())
        .toList();
  }
}
