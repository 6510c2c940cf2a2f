package dev.faunaconnect.validation;

import static com.faunadb.client.query.Language.Collection;
import static com.faunadb.client.query.Language.Collections;
import static com.faunadb.client.query.Language.Index;
import static com.faunadb.client.query.Language.Indexes;
import static dev.faunaconnect.testing.FaunaAdmin.field;
import static dev.faunaconnect.testing.FaunaAdmin.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faunaconnect.localfauna.LocalFauna;
import dev.faunaconnect.localfauna.SampleData;
import dev.faunaconnect.testing.FaunaAdmin;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** validate() against the local Fauna server: every bad-config case, reported on the field to change. */
class ConnectorValidatorTest {
  private static final String CREATE_KEY = "CreateKey({ name: \"kafka-connect\", role: Role(\"kafka-connect-readonly\")"
      + " })";
  private static LocalFauna fauna;
  private static FaunaAdmin admin;
  private static String seedIncrementalKey;
  private static String seedFullSyncKey;
  private static String documentsOnlyKey;
  private final ConnectorValidator validator = new ConnectorValidator();

  @BeforeAll
  static void start() {
    fauna = LocalFauna.start();
    SampleData.load(fauna);
    admin = new FaunaAdmin(fauna);
    admin.createCollection("events");
    admin.createIndex("events_by_kind", "events", List.of(field("data")), List.of(field("ts"), field("ref")));
    // the seed's incremental role for one collection: Collections(), Indexes(), the collection and its index
    admin.createRole("seed-incremental", read(Collections()), read(Indexes()), read(Collection("customers")),
        read(Index("customers_by_ts")));
    seedIncrementalKey = admin.createKey("seed-incremental");
    // the seed's full sync role: Collections(), Indexes() and the collection, no index
    admin.createRole("seed-full-sync", read(Collections()), read(Indexes()), read(Collection("customers")));
    seedFullSyncKey = admin.createKey("seed-full-sync");
    admin.createRole("documents-only", read(Collection("customers")));
    documentsOnlyKey = admin.createKey("documents-only");
  }

  @AfterAll
  static void stop() {
    fauna.close();
  }

  @Test
  void aGoodConfigurationHasNoErrors() {
    assertEquals(Map.of(), errors(props(fauna.secret(), Map.of("collection.orders.index", "orders_by_ts",
        "collection.orders.columns", "[{\"name\":\"total\",\"type\":\"number\",\"path\":[\"data\",\"total\"]}]"))));
    assertEquals(Map.of(), errors(props(fauna.secret(), Map.of("collections", "customers,orders,events"))));
  }

  @Test
  void keysMadeWithTheSeedsRolesPass() {
    String readonly = admin.createKey("kafka-connect-readonly");
    assertEquals(Map.of(), errors(props(readonly, Map.of("collections", "customers,orders"))));
    assertEquals(Map.of(), errors(props(seedIncrementalKey, Map.of("collections", "customers",
        "collection.customers.index", "customers_by_ts"))));
  }

  @Test
  void anUnreachableEndpointIsReportedOnTheEndpointOnly() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Map<String, String> props = props(fauna.secret(), Map.of("fauna.endpoint", "http://127.0.0.1:" + port));
    Map<String, List<String>> errors = errors(props);
    assertEquals(List.of("fauna.endpoint"), List.copyOf(errors.keySet()));
    assertEquals("Cannot reach Fauna at http://127.0.0.1:" + port + " (ConnectException). Check the scheme, host and "
        + "port in fauna.endpoint, and that Fauna is running there.", errors.get("fauna.endpoint").get(0));
  }

  @Test
  void aWrongSecretIsReportedWithoutEchoingIt() {
    String wrong = "fnAE-not-a-real-secret-0123456789";
    Config config = validator.validate(props(wrong, Map.of()));
    assertEquals(Map.of("fauna.secret", List.of("Fauna rejected the secret (401 Unauthorized): it does not belong to a "
        + "live key of this database. Create a key with " + CREATE_KEY + " and use the secret it returns (it is shown "
        + "only once).")), errors(config));
    assertFalse(everything(config).contains(wrong));
  }

  @Test
  void aKeyThatMayNotListIndexesOrCollections() {
    assertEquals(Map.of(
        "fauna.secret", List.of("The key may not list indexes (Paginate(Indexes()) was denied); the connector reads "
            + "index definitions to find and check the incremental index of each collection. " + grant("Indexes()")),
        "collections", List.of("The key may not list collections (Paginate(Collections()) was denied), so "
            + "collections cannot be left empty to stream every collection. Either list the collections to stream, "
            + "or grant the role read on Collections(). " + grant("Collections()"))),
        errors(props(documentsOnlyKey, Map.of())));
  }

  @Test
  void aKeyThatMayNotListIndexesIsShownTheRoleForItsCollections() {
    Map<String, String> props = props(documentsOnlyKey, Map.of("collections", "customers",
        "collection.customers.index", "customers_by_ts"));
    assertEquals(Map.of(
        "fauna.secret", List.of("The key may not list indexes (Paginate(Indexes()) was denied); the connector reads "
            + "index definitions to find and check the incremental index of each collection. " + grant("Indexes()")),
        "collection.customers.index", List.of("The key may not read the definition of index 'customers_by_ts', so "
            + "it cannot be checked. " + grant("Indexes()"))),
        errors(props));
  }

  @Test
  void aMissingCollection() {
    assertEquals(Map.of("collections", List.of("Collection 'invoices' does not exist. Create it with "
            + "CreateCollection({ name: \"invoices\" }) or remove it from collections.")),
        errors(props(fauna.secret(), Map.of("collections", "customers,invoices"))));
  }

  @Test
  void aMissingIndex() {
    assertEquals(Map.of("collection.orders.index", List.of("Index 'orders_ts' does not exist. Create it with "
            + "CreateIndex({ name: \"orders_ts\", source: Collection(\"orders\"), terms: [], values: [{ field: \"ts\" "
            + "}, { field: \"ref\" }] })")),
        errors(props(fauna.secret(), Map.of("collection.orders.index", "orders_ts"))));
  }

  @Test
  void anIndexWithTheWrongSourceTermsAndValues() {
    String fix = ". Create an index as the docs show, CreateIndex({ name: \"orders_by_ts\", source: "
        + "Collection(\"orders\"), terms: [], values: [{ field: \"ts\" }, { field: \"ref\" }] }), and set "
        + "collection.orders.index to its name, or remove collection.orders.index to find one automatically.";
    admin.createIndex("orders_by_other", "events", List.of(field("data")), List.of(field("ref")));
    assertEquals(Map.of("collection.orders.index", List.of(
            "Index 'orders_by_other' should have source 'orders', but it has source 'events'" + fix,
            "Index 'orders_by_other' should have no terms, but it has terms [{\"field\":\"data\"}]" + fix,
            "Index 'orders_by_other' should have values [{\"field\":\"ts\"},{\"field\":\"ref\"}], but it has values "
                + "[{\"field\":\"ref\"}]" + fix)),
        errors(props(fauna.secret(), Map.of("collections", "orders", "collection.orders.index", "orders_by_other"))));
  }

  @Test
  void aKeyThatMayNotReadTheIndexItWouldUse() {
    String expected = "The key may not read index 'customers_by_ts', the incremental index of collection 'customers'. "
        + grant("Index(\"customers_by_ts\")");
    assertEquals(Map.of("collections", List.of(expected)),
        errors(props(seedFullSyncKey, Map.of("collections", "customers"))));
    assertEquals(Map.of("collection.customers.index", List.of(expected)),
        errors(props(seedFullSyncKey, Map.of("collections", "customers",
            "collection.customers.index", "customers_by_ts"))));
  }

  @Test
  void badColumnsAreReportedOnTheirKeyAlongsideLiveChecks() {
    Map<String, String> props = props(fauna.secret(), Map.of(
        "collections", "orders,invoices",
        "collection.orders.columns", "[{\"name\":\"ts\",\"type\":\"integer\",\"path\":[\"data\",\"items\"]}]",
        "collection.invoices.columns", "[{\"name\":\"a\",\"type\":\"money\",\"path\":[\"x\"]}]"));
    assertEquals(Map.of(
        "collection.orders.columns", List.of("collection.orders.columns: Additional column cannot have reserved name "
            + "'ts': ref, ts, data, deleted_at are built-in columns. Rename the column."),
        "collection.invoices.columns", List.of("collection.invoices.columns: Column 'a' has type 'money'; use one of "
            + "string, integer, number, boolean, timestamp, date, json."),
        "collections", List.of("Collection 'invoices' does not exist. Create it with CreateCollection({ name: "
            + "\"invoices\" }) or remove it from collections.")),
        errors(props));
  }

  @Test
  void duplicateColumnsBadJsonAndTheDeletesColumn() {
    Map<String, String> props = props(fauna.secret(), Map.of(
        "deletes.column", "removed",
        "collection.orders.columns", "[{\"name\":\"removed\",\"type\":\"timestamp\",\"path\":[\"data\",\"r\"]}]",
        "collection.customers.columns", "[{\"name\":\"a\",\"type\":\"string\",\"path\":[\"x\"]},"
            + "{\"name\":\"a\",\"type\":\"json\",\"path\":[\"y\"]}]",
        "collection.events.columns", "{not json"));
    Map<String, List<String>> errors = errors(props);
    assertEquals(List.of("collection.orders.columns: Additional column cannot have reserved name 'removed': ref, ts, "
        + "data, removed are built-in columns. Rename the column."), errors.get("collection.orders.columns"));
    assertEquals(List.of("collection.customers.columns: Additional column cannot have duplicate name 'a'. Give every "
        + "column its own name."), errors.get("collection.customers.columns"));
    assertTrue(errors.get("collection.events.columns").get(0).startsWith("collection.events.columns: Not valid JSON"));
    assertEquals(3, errors.size());
  }

  @Test
  void settingsForCollectionsThatAreNotStreamedOrUnknownKeys() {
    assertEquals(Map.of(
        "collection.invoices.index", List.of("Collection 'invoices' is not listed in collections (orders): add it "
            + "there or remove collection.invoices.index."),
        "collection.orders.colums", List.of("Unknown setting 'collection.orders.colums'. Per-collection settings are "
            + "collection.<name>.index, collection.<name>.columns and collection.<name>.topic.")),
        errors(props(fauna.secret(), Map.of("collections", "orders", "collection.invoices.index", "x",
            "collection.orders.colums", "[]"))));
  }

  @Test
  void kafkaValidationErrorsStopTheLiveChecks() {
    Map<String, String> props = props(fauna.secret(), Map.of("fauna.endpoint", "db.fauna.com",
        "deletes.mode", "soft", "collections", "nope"));
    assertEquals(Map.of(
        "fauna.endpoint", List.of("Invalid value db.fauna.com for configuration fauna.endpoint: Write the URL of the "
            + "Fauna HTTP API with scheme, host and port, e.g. http://localhost:8443 or "
            + "https://fauna.example.com:8443."),
        "deletes.mode", List.of("Invalid value soft for configuration deletes.mode: Must be one of ignore, column, "
            + "tombstone, column_and_tombstone.")),
        errors(props));
  }

  @Test
  void missingRequiredKeys() {
    assertEquals(Map.of(
        "fauna.endpoint", List.of("Missing required configuration \"fauna.endpoint\" which has no default value."),
        "fauna.secret", List.of("Missing required configuration \"fauna.secret\" which has no default value.")),
        errors(validator.validate(Map.of())));
  }

  @Test
  void theSecretNeverAppearsInTheResult() {
    Config config = validator.validate(props(documentsOnlyKey, Map.of("collections", "customers,nope",
        "collection.customers.index", "customers_by_ts")));
    assertFalse(errors(config).isEmpty());
    assertFalse(everything(config).contains(documentsOnlyKey));
  }

  /** The runnable FQL that adds read on the resource to the role, keeping its other privileges. */
  static String grant(String resource) {
    return "Add the missing privilege to the key's role with an admin key: Update(Role(\"kafka-connect-readonly\"), "
        + "{ privileges: Append([{ resource: " + resource + ", actions: { read: true } }], Select(\"privileges\", "
        + "Get(Role(\"kafka-connect-readonly\")))) }) (put the name of the key's role for kafka-connect-readonly).";
  }

  private Map<String, List<String>> errors(Map<String, String> props) {
    return errors(validator.validate(props));
  }

  private static Map<String, List<String>> errors(Config config) {
    Map<String, List<String>> errors = new TreeMap<>();
    for (ConfigValue value : config.configValues()) {
      if (!value.errorMessages().isEmpty()) {
        errors.put(value.name(), value.errorMessages());
      }
    }
    return errors;
  }

  /** Every name, value and message of the result, as REST would show them. */
  private static String everything(Config config) {
    StringBuilder all = new StringBuilder();
    for (ConfigValue value : config.configValues()) {
      all.append(value.name()).append('=').append(value.value()).append(value.errorMessages())
          .append(value.recommendedValues()).append('\n');
    }
    return all.toString();
  }

  private static Map<String, String> props(String secret, Map<String, String> extra) {
    Map<String, String> props = new HashMap<>(Map.of("fauna.endpoint", fauna.endpoint(), "fauna.secret", secret));
    props.putAll(extra);
    return props;
  }
}
