package dev.faunaconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The connector's metrics read over JMX on a Connect worker running the packaged plugin. The embedded worker runs in
 * this JVM, so its MBeans are on the platform MBean server.
 */
class MetricsIT {
  private static final int SNAPSHOT_DOCUMENTS = 7;
  private static final ObjectName OURS = name("dev.faunaconnect:type=source-task-metrics,connector=metered,*");
  private static ConnectHarness harness;
  private final MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();

  @BeforeAll
  static void start() {
    harness = ConnectHarness.start("metrics-it");
  }

  @AfterAll
  static void stop() {
    if (harness != null) {
      harness.close();
    }
  }

  private static ObjectName name(String name) {
    try {
      return new ObjectName(name);
    } catch (javax.management.MalformedObjectNameException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Test
  void countersPhaseAndLagsOfASnapshotThenChanges() throws Exception {
    harness.fauna.createCollection("items", 30L);
    harness.fauna.createTsIndex("items_by_ts", "items");
    Written items = new Written(harness.fauna, "items");
    Map<String, JsonNode> data = new LinkedHashMap<>();
    for (int i = 1; i <= SNAPSHOT_DOCUMENTS; i++) {
      data.put(String.valueOf(i), Docs.sample("item " + i, i));
    }
    items.createAll(data);
    harness.createTopics("metered.items");
    harness.startConnector("metered", 1, harness.config("collections", "items", "page.size", "3",
        "topic.prefix", "metered.", "deletes.mode", "column_and_tombstone"));
    harness.awaitRecords("metered.items", SNAPSHOT_DOCUMENTS);

    items.update("2", Docs.json("{'name': 'renamed'}"));
    items.create("8", Docs.sample("new", 8));
    items.update("3", Docs.json("{'n': 30}"));
    long deletedAt = items.delete("5").ts();
    int upserts = 3;
    int deleteRecords = 2;
    harness.awaitRecords("metered.items", SNAPSHOT_DOCUMENTS + upserts + deleteRecords);

    // records are counted when the task polls them, so every record in the topic is counted by now
    Set<ObjectName> names = jmx.queryNames(OURS, null);
    assertEquals(Set.of(name("dev.faunaconnect:type=source-task-metrics,connector=metered,task=0,collection=items")),
        names);
    ObjectName metrics = names.iterator().next();
    long before = System.currentTimeMillis();
    Map<String, Object> values = attributes(metrics);
    long after = System.currentTimeMillis();

    assertEquals("streaming", values.get("Phase"));
    assertEquals((long) SNAPSHOT_DOCUMENTS, values.get("SnapshotDocumentsRead"));
    assertEquals((long) SNAPSHOT_DOCUMENTS, values.get("RecordsRead"));
    assertEquals((long) upserts, values.get("RecordsUpserted"));
    assertEquals((long) deleteRecords, values.get("RecordsDeleted"));
    assertEquals(0L, values.get("Retries"));
    assertEquals("", values.get("LastError"));
    assertTrue((long) values.get("PagesRead") >= 3 + 2, "3 snapshot pages, then changes and deletes: " + values);
    // the last record emitted is the delete; the streams were read through a time after it
    long sinceDelete = after - deletedAt / 1000;
    assertBetween(before - deletedAt / 1000, sinceDelete, values.get("MillisBehindLastEmitted"));
    assertBetween(0, sinceDelete, values.get("MillisBehindReadPosition"));
    assertBetween(0, sinceDelete, values.get("MillisSinceLastRead"));

    ObjectName plugin = onlyPluginMetricsOf("items");
    assertEquals("metered", plugin.getKeyProperty("connector"));
    assertEquals("0", plugin.getKeyProperty("task"));
    assertEquals((double) upserts, ((Number) jmx.getAttribute(plugin, "records-upserted")).doubleValue());
    assertEquals("streaming", jmx.getAttribute(plugin, "phase"));

    harness.connect.deleteConnector("metered");
    ConnectHarness.await(() -> jmx.queryNames(OURS, null).isEmpty(), "unregistering the metrics");
    ConnectHarness.await(() -> jmx.queryNames(name("kafka.connect:collection=items,*"), null).isEmpty(),
        "removing the plugin metrics");
  }

  private Map<String, Object> attributes(ObjectName metrics) throws Exception {
    Map<String, Object> values = new LinkedHashMap<>();
    for (var attribute : jmx.getMBeanInfo(metrics).getAttributes()) {
      values.put(attribute.getName(), jmx.getAttribute(metrics, attribute.getName()));
    }
    assertEquals(11, values.size(), values.toString());
    return values;
  }

  /** The worker's MBean of the plugin metrics tagged with {@code collection} (Kafka 4.1+ workers). */
  private ObjectName onlyPluginMetricsOf(String collection) {
    Set<ObjectName> names = jmx.queryNames(name("kafka.connect:collection=" + collection + ",*"), null);
    assertEquals(1, names.size(), names.toString());
    return names.iterator().next();
  }

  private static void assertBetween(long low, long high, Object value) {
    long v = (long) value;
    assertTrue(low <= v && v <= high, v + " is not within [" + low + ", " + high + "]");
  }
}
