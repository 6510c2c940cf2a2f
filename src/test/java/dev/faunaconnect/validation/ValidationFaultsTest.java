package dev.faunaconnect.validation;

import static dev.faunaconnect.validation.BadInputTest.errors;
import static dev.faunaconnect.validation.BadInputTest.everything;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faunaconnect.FaunaSourceConnector;
import dev.faunaconnect.localfauna.FaultPlan.Fault;
import dev.faunaconnect.localfauna.LocalFauna;
import dev.faunaconnect.localfauna.SampleData;
import dev.faunaconnect.testing.FaunaAdmin;
import dev.faunaconnect.testing.LogCapture;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * validate() when Fauna answers with 503s, 429s, dropped connections and delays (the local server's fault plan):
 * a passing fault is retried and leaves no error, a lasting one becomes an error on fauna.endpoint that names it;
 * validate() never throws. Also the warning for keys that may do more than read, and the per-collection values.
 */
class ValidationFaultsTest {
  private static final String ADMIN_SECRET = "fnAdminSecretForFaultTests0123456789";
  private static LocalFauna fauna;
  private static FaunaAdmin admin;
  private static String readOnlyKey;

  @BeforeAll
  static void start() {
    fauna = LocalFauna.builder().secret(ADMIN_SECRET).start();
    SampleData.load(fauna);
    admin = new FaunaAdmin(fauna);
    readOnlyKey = admin.createKey("kafka-connect-readonly");
  }

  @AfterEach
  void clearFaults() {
    fauna.faults().clear();
  }

  @AfterAll
  static void stop() {
    fauna.close();
  }

  @Test
  void passingFaultsAreRetriedAndLeaveNoError() {
    for (Fault fault : List.of(Fault.status(503), Fault.status(429), Fault.dropConnection(),
        Fault.delay(Duration.ofMillis(300)))) {
      fauna.faults().clear().failNext(2, fault);
      assertEquals(Map.of(), errors(validate(Map.of())), fault.toString());
      assertEquals(2, fauna.faults().injected(), fault + " was injected twice");
    }
  }

  @Test
  void lastingFaultsOnTheFirstQueryAreReportedOnTheEndpoint() {
    assertEndpointError(Fault.status(503), "Fauna at " + fauna.endpoint() + " did not answer Now() in 3 attempts: "
        + "503 Service Unavailable. Check that Fauna is running and healthy there, then validate again (validation "
        + "retries only briefly; a running task retries up to retry.max.attempts times).");
    assertEndpointError(Fault.status(429), "Fauna at " + fauna.endpoint() + " did not answer Now() in 3 attempts: "
        + "429 Too Many Requests (Fauna is throttling this key).");
    assertEndpointError(Fault.dropConnection(), "Fauna at " + fauna.endpoint() + " did not answer Now() in 3 "
        + "attempts: the connection failed without an answer (IOException");
  }

  @Test
  void aDelayLongerThanTheQueryTimeoutIsReportedWithTheTimeout() {
    fauna.faults().failFraction(1, Fault.delay(Duration.ofSeconds(2)), 1);
    Map<String, List<String>> errors = errors(validate(Map.of("fauna.query.timeout.ms", "300")));
    assertEquals(List.of("Fauna at " + fauna.endpoint() + " did not answer Now() in 3 attempts: no answer within 300 "
        + "ms (fauna.query.timeout.ms, at most 10000 during validation). Check that Fauna is running and healthy "
        + "there, then validate again (validation retries only briefly; a running task retries up to "
        + "retry.max.attempts times)."), errors.get("fauna.endpoint"));
    assertEquals(1, errors.size(), errors.toString());
  }

  @Test
  void faultsAfterTheConnectionCheckStopTheLiveChecksWithAnErrorOnTheEndpoint() {
    for (Fault fault : List.of(Fault.status(503), Fault.status(429), Fault.dropConnection())) {
      // Now() is answered (a delay of zero), then the key's listing of indexes keeps failing
      fauna.faults().clear().failNext(1, Fault.delay(Duration.ZERO)).failFraction(1, fault, 1);
      Map<String, List<String>> errors = errors(validate(Map.of()));
      assertEquals(List.of("fauna.endpoint"), List.copyOf(errors.keySet()), fault + ": " + errors);
      assertTrue(errors.get("fauna.endpoint").get(0).startsWith("Fauna at " + fauna.endpoint()
          + " did not answer Paginate(Indexes()) in 3 attempts: "), errors.toString());
    }
  }

  @Test
  void adminAndServerKeysPassWithAWarningInTheLogAndTheProbeWritesNothing() {
    String server = admin.createBuiltInKey("server");
    String customersBefore = fauna.query("{\"paginate\":{\"documents\":{\"collection\":\"customers\"}}}");
    Map<String, String> warnings = new HashMap<>();
    for (Map.Entry<String, String> key : Map.of("admin", ADMIN_SECRET, "server", server, "read-only", readOnlyKey)
        .entrySet()) {
      try (LogCapture log = LogCapture.open()) {
        Config config = validate(Map.of("fauna.secret", key.getValue()));
        assertEquals(Map.of(), errors(config), key.getKey());
        assertFalse(everything(config).contains(key.getValue()));
        assertFalse(log.text().contains(key.getValue()), log.text());
        warnings.put(key.getKey(), log.lines().stream().filter(l -> l.startsWith("WARN") && l.contains("fauna.secret"))
            .findFirst().orElse(""));
      }
    }
    assertTrue(warnings.get("admin").contains("fauna.secret is an admin key (it may list Keys()): it may create and "
        + "delete keys and databases, while the connector only reads."), warnings.get("admin"));
    assertTrue(warnings.get("server").contains("fauna.secret may write: it created a document in collection "
        + "'customers' in a transaction that was then aborted (nothing was written)."), warnings.get("server"));
    assertEquals("", warnings.get("read-only"));
    assertEquals(customersBefore, fauna.query("{\"paginate\":{\"documents\":{\"collection\":\"customers\"}}}"));
  }

  @Test
  void perCollectionKeysCarryTheirValuesAndInternalKeysAreHidden() {
    Config config = validate(Map.of("collection.orders.index", "orders_by_ts", "collection.customers.topic", "crm",
        "task.collections", "orders"));
    Map<String, Object> values = new HashMap<>();
    for (ConfigValue value : config.configValues()) {
      values.put(value.name(), value.value());
    }
    assertEquals("orders_by_ts", values.get("collection.orders.index"));
    assertEquals("crm", values.get("collection.customers.topic"));
    assertFalse(values.containsKey("task.collections"), "internal keys are not shown: " + values.keySet());
    ConfigDef shown = new FaunaSourceConnector().config();
    assertFalse(shown.configKeys().containsKey("task.collections"));
    for (String template : List.of("collection.<name>.index", "collection.<name>.columns", "collection.<name>.topic")) {
      assertTrue(shown.configKeys().get(template).documentation.contains("<name>"), template);
      assertEquals("Per-collection settings", shown.configKeys().get(template).group, template);
      assertTrue(values.containsKey(template), template + " has a value for UIs");
    }
  }

  private static void assertEndpointError(Fault fault, String starts) {
    fauna.faults().clear().failFraction(1, fault, 1);
    Map<String, List<String>> errors = errors(validate(Map.of()));
    assertEquals(List.of("fauna.endpoint"), List.copyOf(errors.keySet()), fault + ": " + errors);
    assertTrue(errors.get("fauna.endpoint").get(0).startsWith(starts), errors.toString());
  }

  private static Config validate(Map<String, String> changes) {
    Map<String, String> props = new HashMap<>(Map.of("fauna.endpoint", fauna.endpoint(), "fauna.secret", readOnlyKey,
        "collections", "customers,orders"));
    props.putAll(changes);
    return new ConnectorValidator().validate(props);
  }
}
