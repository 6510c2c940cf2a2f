package dev.faunaconnect.validation;

import static dev.faunaconnect.validation.ConnectorValidatorTest.grant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.faunadb.client.query.Language;
import com.sun.net.httpserver.HttpServer;
import dev.faunaconnect.localfauna.LocalFauna;
import dev.faunaconnect.localfauna.SampleData;
import dev.faunaconnect.testing.FaunaAdmin;
import dev.faunaconnect.testing.LogCapture;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad input a user met, the 13 that always worked and the ones issue 11 fixed, as a table: the configuration
 * change, the one setting that carries the error, and what its message says. For each, no secret appears in the
 * answer or in anything logged (at any level) while validating, and no library internals leak into a message.
 */
class BadInputTest {
  private static final String EN_DASH_SECRET = "fnAE\u2013very-secret-pasted-from-a-document";
  private static final List<String> INTERNALS = List.of("[Source", "REDACTED", "StreamReadFeature", "''",
      "Exception:", "at com.", "at java.");
  private static LocalFauna fauna;
  private static HttpServer notFauna;
  private static String readOnlyKey;
  private static String noIndexesKey;
  private static String customersOnlyKey;
  private static int closedPort;

  /** One row: the changes to a valid configuration ({@code null} removes a key), the field, what it says. */
  record Row(String name, Map<String, String> changes, String field, String says) {
    @Override
    public String toString() {
      return name;
    }
  }

  @BeforeAll
  static void start() throws Exception {
    fauna = LocalFauna.builder().secret("fnAdminSecretOfTheLocalServer0123456789").start();
    SampleData.load(fauna);
    FaunaAdmin admin = new FaunaAdmin(fauna);
    admin.createCollection("orders$2024");
    readOnlyKey = admin.createKey("kafka-connect-readonly");
    admin.createRole("no-indexes", FaunaAdmin.read(Language.Collection("customers")));
    noIndexesKey = admin.createKey("no-indexes");
    admin.createRole("customers-only", FaunaAdmin.read(Language.Collections()), FaunaAdmin.read(Language.Indexes()),
        FaunaAdmin.read(Language.Collection("customers")), FaunaAdmin.read(Language.Index("customers_by_ts")));
    customersOnlyKey = admin.createKey("customers-only");
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    notFauna = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    notFauna.createContext("/", exchange -> {
      byte[] page = "<html><body>Welcome to nginx!</body></html>".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "text/html");
      exchange.sendResponseHeaders(exchange.getRequestURI().getPath().startsWith("/ok") ? 200 : 404, page.length);
      exchange.getResponseBody().write(page);
      exchange.close();
    });
    notFauna.start();
  }

  @AfterAll
  static void stop() {
    notFauna.stop(0);
    fauna.close();
  }

  static Stream<Row> rows() {
    String notFaunaUrl = "http://127.0.0.1:" + notFauna.getAddress().getPort();
    String admin = fauna.secret();
    return Stream.of(
        // the 13 that always worked
        row("endpoint missing", changes("fauna.endpoint", null), "fauna.endpoint",
            "Missing required configuration \"fauna.endpoint\""),
        row("secret missing", changes("fauna.secret", null), "fauna.secret",
            "Missing required configuration \"fauna.secret\""),
        row("endpoint not a URL", changes("fauna.endpoint", "db.fauna.com"), "fauna.endpoint",
            "Write the URL of the Fauna HTTP API with scheme, host and port"),
        row("nothing listens at the endpoint", changes("fauna.endpoint", "http://127.0.0.1:" + closedPort),
            "fauna.endpoint", "Cannot reach Fauna at http://127.0.0.1:" + closedPort + " (ConnectException)"),
        row("wrong secret", changes("fauna.secret", "fnAE-not-a-real-secret-0123456789"), "fauna.secret",
            "Fauna rejected the secret (401 Unauthorized)"),
        row("key may not list indexes", changes("fauna.secret", noIndexesKey, "collections", "customers"),
            "fauna.secret", "The key may not list indexes (Paginate(Indexes()) was denied); the connector reads "
                + "index definitions to find and check the incremental index of each collection. "
                + grant("Indexes()")),
        row("collection missing", changes("collections", "customers,invoices"), "collections",
            "Collection 'invoices' does not exist. Create it with CreateCollection({ name: \"invoices\" })"),
        row("index missing", changes("collection.orders.index", "nope"), "collection.orders.index",
            "Index 'nope' does not exist. Create it with CreateIndex("),
        row("index of another collection", changes("collection.orders.index", "customers_by_ts"),
            "collection.orders.index", "should have source 'orders', but it has source 'customers'"),
        row("reserved column name", changes("collection.orders.columns",
            "[{\"name\":\"ts\",\"type\":\"integer\",\"path\":[\"data\",\"items\"]}]"), "collection.orders.columns",
            "Additional column cannot have reserved name 'ts'"),
        row("duplicate column name", changes("collection.orders.columns", "[{\"name\":\"a\",\"type\":\"string\","
            + "\"path\":[\"x\"]},{\"name\":\"a\",\"type\":\"json\",\"path\":[\"y\"]}]"), "collection.orders.columns",
            "Additional column cannot have duplicate name 'a'"),
        row("unknown column type", changes("collection.orders.columns",
            "[{\"name\":\"a\",\"type\":\"money\",\"path\":[\"x\"]}]"), "collection.orders.columns",
            "has type 'money'; use one of string, integer, number, boolean, timestamp, date, json."),
        row("unknown deletes mode", changes("deletes.mode", "soft"), "deletes.mode",
            "Must be one of ignore, column, tombstone, column_and_tombstone."),
        // the ones issue 11 fixed
        row("collection name Kafka refuses as a topic", changes("fauna.secret", admin, "collections",
            "orders$2024"), "collection.orders$2024.topic", "Collection 'orders$2024' goes to topic "
                + "'fauna.orders$2024' (topic.prefix + name), which Kafka refuses. A topic name may only contain ASCII "
                + "letters, digits, '.', '_' and '-', not '$'. Set collection.orders$2024.topic to a legal topic "
                + "name, e.g. collection.orders$2024.topic=fauna.orders_2024."),
        row("discovered collection name Kafka refuses as a topic", changes("fauna.secret", admin),
            "collection.orders$2024.topic", "Collection 'orders$2024' goes to topic 'fauna.orders$2024'"),
        row("topic too long after the prefix", changes("topic.prefix", "p".repeat(241), "collections", "customers"),
            "collection.customers.topic", "A topic name may be at most 249 characters long, not 250."),
        row("query timeout above the server's maximum", changes("fauna.query.timeout.ms", "600001"),
            "fauna.query.timeout.ms", "Invalid value 600001 for configuration fauna.query.timeout.ms: Value must be "
                + "no more than 600000"),
        row("initial backoff above the maximum", changes("retry.backoff.initial.ms", "5000",
            "retry.backoff.max.ms", "1000"), "retry.backoff.initial.ms", "retry.backoff.initial.ms (5000) is larger "
                + "than retry.backoff.max.ms (1000): the first wait before a retry cannot be longer than the longest. "
                + "Lower retry.backoff.initial.ms or raise retry.backoff.max.ms."),
        row("poll interval of 1 ms", changes("poll.interval.ms", "1"), "poll.interval.ms",
            "Value must be at least 50"),
        row("poll interval of 292 years", changes("poll.interval.ms", String.valueOf(Long.MAX_VALUE)),
            "poll.interval.ms", "Value must be no more than 86400000"),
        row("full sync interval of 292 years", changes("full.sync.interval.ms", String.valueOf(Long.MAX_VALUE)),
            "full.sync.interval.ms", "Value must be no more than 31536000000"),
        row("page size above the server's limit", changes("page.size", "100001"), "page.size",
            "Value must be no more than 100000"),
        row("secret with a pasted en dash", changes("fauna.secret", EN_DASH_SECRET), "fauna.secret",
            "fauna.secret has the character U+2013 (EN DASH) at character 5 of 39, which no Fauna secret has"),
        row("unresolved config provider placeholder", changes("fauna.secret", "${vault:fauna:secret}"),
            "fauna.secret", "fauna.secret is the config-provider placeholder ${vault:fauna:secret}, which the worker "
                + "did not resolve: its configuration lacks the provider 'vault'. Add config.providers=vault and "
                + "config.providers.vault.class=<its ConfigProvider class>"),
        row("columns that are not JSON", changes("collection.orders.columns", "[{\"name\": \"a\""),
            "collection.orders.columns", "collection.orders.columns: Not valid JSON (Unexpected end-of-input: "
                + "expected close marker for Object (start marker at line 1, column 2)"),
        row("columns cut short", changes("collection.orders.columns", "[{\"name\": \"a\", "),
            "collection.orders.columns", "collection.orders.columns: Not valid JSON (Unexpected end-of-input within/"
                + "between Object entries at line 1, column 16)."),
        row("HTTP endpoint that is not Fauna (404)", changes("fauna.endpoint", notFaunaUrl), "fauna.endpoint",
            "The server at " + notFaunaUrl + " answered Now() with a body that is not JSON, which is not an "
                + "answer of the Fauna HTTP API."),
        row("HTTP endpoint that is not Fauna (200)", changes("fauna.endpoint", notFaunaUrl + "/ok"), "fauna.endpoint",
            "The server at " + notFaunaUrl + "/ok answered Now() with a body that is not JSON, which is not an "
                + "answer of the Fauna HTTP API. Check that fauna.endpoint is the URL of Fauna's API"),
        row("key may not read the index it would use", changes("fauna.secret", customersOnlyKey, "collections",
            "orders"), "collections", "The key may not read index 'orders_by_ts', the incremental index of collection "
                + "'orders'. " + grant("Index(\"orders_by_ts\")")),
        row("per-collection key given with a null value", changes("collection.orders.index", null,
            "collection.orders.topic", null), null, null),
        // issue 18
        row("endpoint with a port out of range", changes("fauna.endpoint", "http://localhost:99999"),
            "fauna.endpoint", "has port 99999, which no server can listen on: a port is 1 to 65535."),
        row("placeholder of a variable the worker's environment lacks", changes("fauna.secret",
            "${env:NO_SUCH_VARIABLE_18}"), "fauna.secret", "fauna.secret is the config-provider placeholder "
                + "${env:NO_SUCH_VARIABLE_18}, which the worker did not resolve: its environment has no variable "
                + "NO_SUCH_VARIABLE_18."),
        row("placeholder of a variable the worker has, unresolved", changes("fauna.secret", "${env:PATH}"),
            "fauna.secret", "its configuration lacks the provider 'env'"),
        row("per-collection template key given a value", changes("collection.<name>.columns", "[]"),
            "collection.<name>.columns", "Replace <name> in collection.<name>.columns with the name of the "
                + "collection, e.g. collection.orders.columns."));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void eachBadInputIsReportedOnTheSettingToChangeWithoutTheSecret(Row row) {
    Map<String, String> props = new HashMap<>(Map.of("fauna.endpoint", fauna.endpoint(), "fauna.secret", readOnlyKey,
        "collections", "customers,orders"));
    row.changes().forEach((key, value) -> {
      if (value == null && !key.startsWith("collection.")) {
        props.remove(key);
      } else {
        props.put(key, value);
      }
    });
    if (row.name().startsWith("discovered")) {
      props.remove("collections");
    }
    Config config;
    String logged;
    try (LogCapture log = LogCapture.open()) {
      config = new ConnectorValidator().validate(props);
      logged = log.text();
    }
    Map<String, List<String>> errors = errors(config);
    if (row.field() == null) {
      assertEquals(Map.of(), errors);
    } else {
      assertEquals(List.of(row.field()), new ArrayList<>(errors.keySet()), "fields with errors: " + errors);
      assertTrue(errors.get(row.field()).stream().anyMatch(m -> m.contains(row.says())),
          row.field() + " says " + errors.get(row.field()));
    }
    String answer = everything(config);
    for (String secret : List.of(fauna.secret(), readOnlyKey, noIndexesKey, customersOnlyKey, EN_DASH_SECRET,
        "very-secret")) {
      assertFalse(answer.contains(secret), "the answer shows a secret: " + answer);
      assertFalse(logged.contains(secret), "the log shows a secret: " + logged);
    }
    errors.values().stream().flatMap(List::stream).forEach(message -> INTERNALS.forEach(internal ->
        assertFalse(message.contains(internal), "library internals '" + internal + "' in: " + message)));
  }

  private static Row row(String name, Map<String, String> changes, String field, String says) {
    return new Row(name, changes, field, says);
  }

  private static Map<String, String> changes(String... pairs) {
    Map<String, String> changes = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      changes.put(pairs[i], pairs[i + 1]);
    }
    return changes;
  }

  static Map<String, List<String>> errors(Config config) {
    Map<String, List<String>> errors = new TreeMap<>();
    for (ConfigValue value : config.configValues()) {
      if (!value.errorMessages().isEmpty()) {
        errors.put(value.name(), value.errorMessages());
      }
    }
    return errors;
  }

  /** Every name, value and message of the result, as REST would show them. */
  static String everything(Config config) {
    StringBuilder all = new StringBuilder();
    for (ConfigValue value : config.configValues()) {
      all.append(value.name()).append('=').append(value.value()).append(value.errorMessages())
          .append(value.recommendedValues()).append('\n');
    }
    return all.toString();
  }
}
