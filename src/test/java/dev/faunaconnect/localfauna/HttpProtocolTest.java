package dev.faunaconnect.localfauna;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HTTP side of the v4 protocol, checked with plain HTTP where the driver cannot express the request: auth
 * schemes, the exact 401 body, headers, methods, paths and bodies (reference §1.3, §1.4, §4.5; the real server's
 * {@code TMPEndpoint}, {@code FQL1Routes}, {@code RequestParams} and {@code AuthType.fromHeaders}).
 */
class HttpProtocolTest {
  @RegisterExtension
  static final LocalFaunaExtension FAUNA = new LocalFaunaExtension();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String UNAUTHORIZED =
      "{\"errors\":[{\"code\":\"unauthorized\",\"description\":\"Unauthorized\"}]}";
  private static final String ADD = "{\"add\":[1,2]}";

  private RawHttp http;
  private String admin;

  @BeforeEach
  void connect() {
    http = new RawHttp(FAUNA.endpoint());
    admin = RawHttp.bearer(FAUNA.secret());
  }

  @Test
  void bearerSecretRunsTheQueryPostedToTheRoot() {
    HttpResponse<String> response = http.post(admin, ADD);

    assertEquals(200, response.statusCode());
    assertEquals("{\"resource\":3}", response.body());
    assertEquals(Optional.of("application/json;charset=utf-8"), response.headers().firstValue("content-type"));
  }

  @Test
  void basicAuthCarriesTheSecretWithATrailingColon() {
    assertEquals("{\"resource\":3}", http.post(RawHttp.basic(FAUNA.secret()), ADD).body());
    String withoutColon = "Basic " + Base64.getEncoder().encodeToString("secret".getBytes(StandardCharsets.UTF_8));
    assertEquals("{\"resource\":3}", http.post(withoutColon, ADD).body());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Bearer nope", "bearer secret", "Token secret", "Basic c2VjcmV0OmV4dHJh", "Basic !!"})
  void aMissingOrUnknownSecretIs401WithoutPositionOrMetrics(String authorization) {
    HttpResponse<String> response = http.post(authorization.isEmpty() ? null : authorization, ADD);

    assertEquals(401, response.statusCode());
    assertEquals(UNAUTHORIZED, response.body());
    assertEquals(Optional.of("Basic realm=\"Unauthorized\""), response.headers().firstValue("www-authenticate"));
    assertTrue(txnTime(response).isPresent());
    assertEquals(Optional.empty(), response.headers().firstValue("x-compute-ops"));
  }

  @Test
  void pingNeedsNoSecretAndNamesItsScope() {
    assertEquals("{\"resource\":\"Scope write is OK\"}", http.get("/ping", null).body());
    assertEquals("{\"resource\":\"Scope read is OK\"}", http.get("/ping?scope=read", null).body());
    assertEquals("{\"resource\":\"Scope all is OK\"}", http.get("/ping?scope=all", null).body());
    assertEquals("{\"resource\":\"Scope write is OK\"}", http.get("/ping?scope=global", null).body());
    assertEquals("{\"resource\":\"Scope node is OK\"}", http.get("/ping?scope=node", null).body());
    assertEquals(200, http.get("/ping", null).statusCode());
    HttpResponse<String> head = http.method("HEAD", "/ping", null, null);
    assertEquals(200, head.statusCode());
    assertEquals("", head.body());
    assertEquals("{\"resource\":\"Scope write is OK\"}", http.get("/ping", null).body());
    HttpResponse<String> post = http.method("POST", "/ping", null, "");
    assertEquals(405, post.statusCode());
    assertEquals("{\"errors\":[{\"code\":\"method not allowed\",\"description\":\"Allowed methods are GET.\"}]}",
        post.body());
  }

  @Test
  void anUnknownPathIs404BeforeAuthentication() {
    for (String authorization : new String[] {null, admin}) {
      HttpResponse<String> response = http.get("/nowhere", authorization);
      assertEquals(404, response.statusCode());
      assertEquals("{\"errors\":[{\"code\":\"not found\",\"description\":\"Not Found\"}]}", response.body());
    }
  }

  @Test
  void otherMethodsOnTheRootAre405AfterAuthentication() {
    HttpResponse<String> response = http.method("PUT", "/", admin, ADD);

    assertEquals(405, response.statusCode());
    assertEquals("{\"errors\":[{\"code\":\"method not allowed\",\"description\":\"Allowed methods are GET, POST.\"}]}",
        response.body());
    assertEquals(Optional.of("GET, POST"), response.headers().firstValue("allow"));
    assertEquals(401, http.method("DELETE", "/", null, null).statusCode());
  }

  @Test
  void aBodyThatIsNotJsonIsAnInvalidExpressionAtTheRoot() {
    HttpResponse<String> response = http.post(admin, "{\"add\":[1,");

    assertEquals(400, response.statusCode());
    assertEquals("{\"errors\":[{\"position\":[],\"code\":\"invalid expression\","
        + "\"description\":\"Request body is not valid JSON.\"}]}", response.body());
  }

  @Test
  void anEmptyBodyIsNoQuery() {
    String noQuery = "{\"errors\":[{\"position\":[],\"code\":\"invalid expression\","
        + "\"description\":\"No query provided.\"}]}";

    HttpResponse<String> post = http.post(admin, "");
    assertEquals(400, post.statusCode());
    assertEquals(noQuery, post.body());
    assertEquals(noQuery, http.get("/", admin).body());
  }

  @Test
  void getRunsTheQueryOfTheQParameter() {
    HttpResponse<String> response = http.get("/?q=" + URLEncoder.encode(ADD, StandardCharsets.UTF_8), admin);

    assertEquals(200, response.statusCode());
    assertEquals("{\"resource\":3}", response.body());
  }

  @Test
  void getMayNotWrite() {
    String create = "{\"create_collection\":{\"object\":{\"name\":\"by_get\"}}}";

    HttpResponse<String> response = http.get("/?q=" + URLEncoder.encode(create, StandardCharsets.UTF_8), admin);

    assertEquals(400, response.statusCode());
    assertEquals("{\"errors\":[{\"position\":[],\"code\":\"invalid expression\",\"description\":"
        + "\"Call performs a write, which is not allowed in get requests.\"}]}", response.body());
    assertEquals("{\"resource\":false}", http.post(admin, "{\"exists\":{\"collection\":\"by_get\"}}").body());
  }

  @Test
  void aChunkedBodyIsReadWhole() {
    HttpResponse<String> response = http.postChunked(admin, "{\"concat\":[\"a\",\"" + "b".repeat(100_000) + "\"]}");

    assertEquals(200, response.statusCode());
    assertEquals("{\"resource\":\"a" + "b".repeat(100_000) + "\"}", response.body());
  }

  @Test
  void unknownFormsAreInvalidExpressionsWithTheirKeysInOrder() {
    HttpResponse<String> top = http.post(admin, "{\"foo\":1}");
    assertEquals(400, top.statusCode());
    assertEquals("{\"errors\":[{\"position\":[],\"code\":\"invalid expression\",\"description\":"
        + "\"No form/function found, or invalid argument keys: { foo }.\"}]}", top.body());

    HttpResponse<String> nested = http.post(admin, "{\"equals\":[1,{\"get\":{\"collections\":null},\"bogus\":2}]}");
    assertEquals(400, nested.statusCode());
    assertEquals("{\"errors\":[{\"position\":[\"equals\",1],\"code\":\"invalid expression\",\"description\":"
        + "\"No form/function found, or invalid argument keys: { get, bogus }.\"}]}", nested.body());
  }

  @Test
  void everyAnswerCarriesTheTransactionTime() {
    List<HttpResponse<String>> answers = List.of(http.post(admin, ADD), http.post(admin, "{\"abort\":\"no\"}"),
        http.post(null, ADD), http.get("/nowhere", null), http.method("PATCH", "/", admin, ADD),
        http.get("/ping", null), http.post(admin, "not json"));
    for (HttpResponse<String> answer : answers) {
      OptionalLong txnTime = txnTime(answer);
      assertTrue(txnTime.isPresent() && txnTime.getAsLong() > 0, answer.statusCode() + " " + answer.headers());
    }
  }

  @Test
  void creationsAre201AndEveryOtherSuccess200WithTheWriteTimeInTheHeader() throws IOException {
    HttpResponse<String> collection = http.post(admin, "{\"create_collection\":{\"object\":{\"name\":\"statuses\"}}}");
    assertEquals(201, collection.statusCode());

    HttpResponse<String> created = http.post(admin,
        "{\"create\":{\"ref\":{\"collection\":\"statuses\"},\"id\":\"1\"},\"params\":{\"object\":{}}}");
    assertEquals(201, created.statusCode());
    long ts = JSON.readTree(created.body()).at("/resource/ts").asLong();
    assertEquals(OptionalLong.of(ts), txnTime(created));

    String ref = "{\"ref\":{\"collection\":\"statuses\"},\"id\":\"1\"}";
    HttpResponse<String> read = http.post(admin, "{\"get\":" + ref + "}");
    assertEquals(200, read.statusCode());
    assertEquals(ts, JSON.readTree(read.body()).at("/resource/ts").asLong());
    assertEquals(200, http.post(admin, "{\"update\":" + ref + ",\"params\":{\"object\":{}}}").statusCode());
    assertEquals(200, http.post(admin, "{\"delete\":" + ref + "}").statusCode());
    assertEquals(200, http.post(admin, "[{\"create\":{\"collection\":\"statuses\"},\"params\":{\"object\":{}}},"
        + "{\"create\":{\"collection\":\"statuses\"},\"params\":{\"object\":{}}}]").statusCode());
  }

  @Test
  void aReadSeesNoEarlierThanTheLastSeenTransaction() {
    long ahead = txnTime(http.post(admin, ADD)).getAsLong() + 10_000_000;

    HttpResponse<String> read = http.post(admin, "{\"to_micros\":{\"now\":null}}", "X-Last-Seen-Txn",
        Long.toString(ahead));

    assertEquals(200, read.statusCode());
    long now = Long.parseLong(read.body().replaceAll("\\D", ""));
    assertTrue(now >= ahead, now + " < " + ahead);
    assertTrue(txnTime(read).getAsLong() >= ahead);
    assertEquals(200, http.post(admin, ADD, "X-Last-Seen-Txn", "-5").statusCode());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "X-Last-Seen-Txn|abc|Invalid header 'x-last-seen-txn': Invalid timestamp 'abc'.",
      "X-Last-Seen-Txn|1.5|Invalid header 'x-last-seen-txn': Invalid timestamp '1.5'.",
      "X-Query-Timeout|0|Invalid header 'x-query-timeout': Must be greater than 0.",
      "X-Query-Timeout|600001|Invalid header 'x-query-timeout': Must be less than or equal to 600000.",
      "X-Query-Timeout|soon|Invalid header 'x-query-timeout': Invalid number 'soon'.",
      "X-FaunaDB-API-Version|9|Invalid header 'x-faunadb-api-version': Unsupported or invalid API version '9'.",
      "X-Max-Retries-On-Contention|8|Invalid header 'x-max-retries-on-contention': Must be between 0 and 7."})
  void anInvalidHeaderIsABadRequestBeforeAuthenticationAndWithoutTxnTime(String header, String value,
                                                                         String description) {
    String body = "{\"errors\":[{\"code\":\"bad request\",\"description\":\"" + description + "\"}]}";
    for (String authorization : new String[] {admin, null}) {
      HttpResponse<String> response = http.post(authorization, ADD, header, value);
      assertEquals(400, response.statusCode());
      assertEquals(body, response.body());
      assertFalse(txnTime(response).isPresent());
    }
  }

  @Test
  void metricHeadersCountTheBytesInAndOut() {
    String query = "{\"concat\":[\"é\",\"x\"]}";

    HttpResponse<String> response = http.post(admin, query);

    assertEquals("{\"resource\":\"éx\"}", response.body());
    assertEquals(Optional.of(Integer.toString(query.getBytes(StandardCharsets.UTF_8).length)),
        response.headers().firstValue("x-query-bytes-in"));
    assertEquals(Optional.of(Integer.toString(response.body().getBytes(StandardCharsets.UTF_8).length)),
        response.headers().firstValue("x-query-bytes-out"));
    for (String metric : List.of("x-compute-ops", "x-read-ops", "x-byte-read-ops", "x-write-ops",
        "x-byte-write-ops", "x-query-time", "x-storage-bytes-read", "x-storage-bytes-write", "x-txn-retries",
        "x-faunadb-build")) {
      assertTrue(response.headers().firstValue(metric).isPresent(), metric);
    }
  }

  @Test
  void aRequestThatIsNotHttpIsABadRequestAndTheConnectionIsClosed() throws IOException {
    URI endpoint = URI.create(FAUNA.endpoint());
    try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
      socket.getOutputStream().write("HELLO\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      String answer = readAll(socket.getInputStream());
      assertTrue(answer.startsWith("HTTP/1.1 400 Bad Request\r\n"), answer);
      assertTrue(answer.endsWith("\r\n\r\n{\"error\":\"bad request\"}"), answer);
    }
  }

  private static String readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    in.transferTo(out);
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  private static OptionalLong txnTime(HttpResponse<String> response) {
    return response.headers().firstValue("x-txn-time").map(v -> OptionalLong.of(Long.parseLong(v)))
        .orElse(OptionalLong.empty());
  }
}
