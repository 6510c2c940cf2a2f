package dev.faunaconnect.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The quickstart end to end, as {@code exec:java@quickstart} runs it: the packaged plugin on a real worker, the
 * connector created from config/fauna-source.json through the REST API, the topics created by the worker, the secret
 * kept out of the connector configuration, and every record it should produce.
 */
class QuickstartIT {
  @Test
  void quickstartStreamsTheSnapshotAndEveryChangeFromThePackagedPlugin() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Quickstart.Result result = new Quickstart(new PrintStream(printed, true, StandardCharsets.UTF_8),
        Duration.ofSeconds(120)).run(false);
    String output = printed.toString(StandardCharsets.UTF_8);

    // config/fauna-source.json says deletes.mode=column_and_tombstone: a delete is a deleted_at record and a tombstone;
    // customers/102's ttl is set (an upsert, and no delete for the remove + add it writes), then passes (a delete)
    assertEquals(Map.of(
        "customers", Map.of("read", 3, "upsert", 3, "delete", 2, "tombstone", 2),
        "orders", Map.of("read", 2, "upsert", 2, "delete", 1, "tombstone", 1)), result.expected().asMap(), output);
    assertEquals(result.expected(), result.seen(), output);

    // the connector is not on this JVM's classpath (Quickstart checks it), so the worker loaded it from plugin.path
    assertEquals(System.getProperty("project.version"), result.pluginVersion(), output);
    // the worker sees only real plugins: the test kit's test connectors are kept off its classpath (see the pom)
    assertEquals(List.of("dev.faunaconnect.FaunaSourceConnector"), result.connectors(), output);
    // the connector configuration holds the env provider's reference, never the key's secret
    assertEquals("${env:FAUNA_SECRET}", result.shownSecret(), output);
    for (String line : List.of("fauna.customers  read", "fauna.orders     upsert", "fauna.orders     tombstone",
        "Records per collection and kind")) {
      assertTrue(output.contains(line), line + " missing from:\n" + output);
    }
  }
}
