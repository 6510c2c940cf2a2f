package dev.faunaconnect.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faunaconnect.convert.FaunaDocument;
import dev.faunaconnect.config.FaunaSourceConfig;
import dev.faunaconnect.convert.RecordBuilder;
import dev.faunaconnect.metrics.FaunaReadListener.Stream;
import dev.faunaconnect.offset.CollectionOffset;
import dev.faunaconnect.offset.CollectionPartition;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.junit.jupiter.api.Test;

/** Registration of a task's metrics: names, JMX attributes, collisions, unregistering, plugin metrics. */
class TaskMetricsTest {
  private static final long T = 1_767_225_600_000_000L;

  /** A server of this test alone (newMBeanServer keeps no reference to it). */
  private final MBeanServer server = MBeanServerFactory.newMBeanServer();
  private final AtomicLong now = new AtomicLong(T / 1000 + 2000);

  private static FaunaSourceConfig config(String connector, String collections) {
    Map<String, String> props = new HashMap<>();
    props.put("name", connector);
    props.put("fauna.endpoint", "http://127.0.0.1:8443");
    props.put("fauna.secret", "s");
    props.put("collections", collections);
    props.put("task.collections", collections);
    return new FaunaSourceConfig(props);
  }

  private TaskMetrics register(FaunaSourceConfig config, String thread) {
    return TaskMetrics.register(config, Optional.empty(), null, thread, now::get, server);
  }

  private Set<String> names() throws Exception {
    Set<String> names = new TreeSet<>();
    server.queryNames(new ObjectName("dev.faunaconnect:*"), null).forEach(n -> names.add(n.toString()));
    return names;
  }

  private static SourceRecord read(FaunaSourceConfig config, String collection, String id) {
    RecordBuilder records = new RecordBuilder(config, config.settingsFor(collection));
    return records.document(CollectionPartition.of(collection), CollectionOffset.snapshotAt(T).withSnapshotRef(id)
        .toMap(), new FaunaDocument(id, T, "{}", List.of()),
        RecordBuilder.OP_READ);
  }

  @Test
  void oneMBeanPerCollectionNamedByConnectorTaskAndCollectionUntilUnregistered() throws Exception {
    FaunaSourceConfig config = config("orders-source", "orders,customers");
    TaskMetrics metrics = register(config, "task-thread-orders-source-3");
    assertEquals(Set.of(
        "dev.faunaconnect:type=source-task-metrics,connector=orders-source,task=3,collection=customers",
        "dev.faunaconnect:type=source-task-metrics,connector=orders-source,task=3,collection=orders"), names());

    List<SourceRecord> polled = List.of(read(config, "orders", "1"), read(config, "orders", "2"),
        read(config, "customers", "7"));
    assertSame(polled, metrics.polled(polled));
    assertEquals(null, metrics.polled(null));
    metrics.pageRead("orders", Stream.CHANGES, false, T + 1_500_000);
    metrics.retrying(null, "Fauna answered 503");

    ObjectName orders = new ObjectName(
        "dev.faunaconnect:type=source-task-metrics,connector=orders-source,task=3,collection=orders");
    ObjectName customers = new ObjectName(
        "dev.faunaconnect:type=source-task-metrics,connector=orders-source,task=3,collection=customers");
    assertEquals("streaming", server.getAttribute(orders, "Phase"));
    assertEquals(2L, server.getAttribute(orders, "SnapshotDocumentsRead"));
    assertEquals(1L, server.getAttribute(customers, "RecordsRead"));
    assertEquals(1L, server.getAttribute(orders, "PagesRead"));
    assertEquals(500L, server.getAttribute(orders, "MillisBehindReadPosition"));
    assertEquals(2000L, server.getAttribute(customers, "MillisBehindLastEmitted"));
    assertEquals(1L, server.getAttribute(customers, "Retries"), "a query of no collection concerns them all");
    assertEquals("Fauna answered 503", server.getAttribute(orders, "LastError"));
    assertEquals(11, server.getMBeanInfo(orders).getAttributes().length);

    metrics.unregister();
    assertEquals(Set.of(), names());
  }

  @Test
  void twoConnectorsReadingOneCollectionInOneWorkerDoNotCollide() throws Exception {
    TaskMetrics a = register(config("a", "items"), "task-thread-a-0");
    TaskMetrics b = register(config("b", "items"), "task-thread-b-0");
    assertEquals(Set.of("dev.faunaconnect:type=source-task-metrics,connector=a,task=0,collection=items",
        "dev.faunaconnect:type=source-task-metrics,connector=b,task=0,collection=items"), names());
    a.unregister();
    assertEquals(Set.of("dev.faunaconnect:type=source-task-metrics,connector=b,task=0,collection=items"), names());
    b.unregister();
  }

  @Test
  void namesWithJmxCharactersAreQuotedAndAnUnknownThreadGivesTaskUnknown() throws Exception {
    TaskMetrics metrics = register(config("fauna, prod=1", "items"), "some-other-thread");
    ObjectName name = server.queryNames(new ObjectName("dev.faunaconnect:*"), null).iterator().next();
    assertEquals("fauna, prod=1", ObjectName.unquote(name.getKeyProperty("connector")));
    assertEquals("unknown", name.getKeyProperty("task"));
    assertEquals("items", name.getKeyProperty("collection"));
    metrics.unregister();
  }

  @Test
  void aTaskStoppingLateLeavesTheMetricsOfItsSuccessorRegistered() throws Exception {
    TaskMetrics old = register(config("c", "items"), "task-thread-c-0");
    TaskMetrics successor = register(config("c", "items"), "task-thread-c-0");
    successor.pageRead("items", Stream.SNAPSHOT, true, T);
    old.unregister();
    ObjectName name = new ObjectName("dev.faunaconnect:type=source-task-metrics,connector=c,task=0,collection=items");
    assertEquals(1L, server.getAttribute(name, "PagesRead"));
    successor.unregister();
    assertFalse(server.isRegistered(name));
  }

  @Test
  void theGatewayOfTheTaskConfigReportsToItsMetricsAndEveryOtherToNone() throws Exception {
    FaunaSourceConfig config = config("g", "items");
    TaskMetrics metrics = register(config, "task-thread-g-0");
    assertSame(metrics, TaskMetrics.listenerFor(config));
    assertSame(FaunaReadListener.NONE, TaskMetrics.listenerFor(config("g", "items")), "an equal config is not it");
    metrics.unregister();
    assertSame(FaunaReadListener.NONE, TaskMetrics.listenerFor(config));
  }

  @Test
  void aStartThatFailsUnregistersTheMetrics() throws Exception {
    FaunaSourceConfig config = config("f", "items");
    TaskMetrics metrics = register(config, "task-thread-f-0");
    assertEquals(1, names().size());
    IllegalStateException failure = new IllegalStateException("offset unreadable");
    assertSame(failure, assertThrows(IllegalStateException.class, () -> metrics.unregisterIfThrows(() -> {
      throw failure;
    })));
    assertEquals(Set.of(), names());
    assertSame(FaunaReadListener.NONE, TaskMetrics.listenerFor(config));
  }

  @Test
  void theStoredOffsetGivesThePhaseAtStart() throws Exception {
    FaunaSourceConfig config = config("s", "items");
    OffsetStorageReader offsets = new OffsetStorageReader() {
      @Override
      public <T> Map<String, Object> offset(Map<String, T> partition) {
        return new HashMap<>(CollectionOffset.snapshotAt(T).withPhase(CollectionOffset.Phase.FULL_SYNC).toMap());
      }

      @Override
      public <T> Map<Map<String, T>, Map<String, Object>> offsets(java.util.Collection<Map<String, T>> partitions) {
        throw new UnsupportedOperationException();
      }
    };
    TaskMetrics metrics = TaskMetrics.register(config, Optional.empty(), offsets, "task-thread-s-0", now::get,
        server);
    assertEquals("full_sync", server.getAttribute(
        new ObjectName("dev.faunaconnect:type=source-task-metrics,connector=s,task=0,collection=items"), "Phase"));
    metrics.unregister();
  }

  @Test
  void onAWorkerWithPluginMetricsTheSameValuesAreTaggedWithTheCollection() throws Exception {
    try (Metrics kafkaMetrics = new Metrics()) {
      Map<String, String> workerTags = new LinkedHashMap<>();
      workerTags.put("connector", "p");
      workerTags.put("task", "5");
      PluginMetricsImpl plugin = new PluginMetricsImpl(kafkaMetrics, workerTags);
      FaunaSourceConfig config = config("p", "items");
      Optional<PluginMetricsBridge> bridge = PluginMetricsBridge.of(contextWith(plugin));
      assertTrue(bridge.isPresent());
      TaskMetrics metrics = TaskMetrics.register(config, bridge, null, "not-a-task-thread", now::get, server);
      assertTrue(server.isRegistered(new ObjectName(
          "dev.faunaconnect:type=source-task-metrics,connector=p,task=5,collection=items")), "task from the tags");
      metrics.polled(List.of(read(config, "items", "1")));
      metrics.pageRead("items", Stream.SNAPSHOT, true, T);

      Map<String, Object> values = new TreeMap<>();
      kafkaMetrics.metrics().forEach((name, metric) -> {
        if (name.tags().equals(Map.of("connector", "p", "task", "5", "collection", "items"))) {
          values.put(name.name(), metric.metricValue());
        }
      });
      assertEquals(Map.ofEntries(Map.entry("phase", "snapshot"), Map.entry("snapshot-documents-read", 1L),
          Map.entry("records-read", 1L), Map.entry("records-upserted", 0L), Map.entry("records-deleted", 0L),
          Map.entry("pages-read", 1L), Map.entry("retries", 0L), Map.entry("last-error", ""),
          Map.entry("millis-behind-last-emitted", 2000L), Map.entry("millis-behind-read-position", 2000L),
          Map.entry("millis-since-last-read", 0L)), values);

      metrics.unregister();
      assertTrue(kafkaMetrics.metrics().keySet().stream().noneMatch(n -> n.tags().containsKey("collection")));
    }
  }

  /**
   * A task restarted on the same worker before the old instance stopped (its graceful stop timed out, as in the
   * cluster crash test) meets the old instance's plugin metrics: it starts without them instead of failing, and its
   * JMX metrics show its own values.
   */
  @Test
  void aTaskStartedBeforeItsOldInstanceStoppedReplacesItsPluginMetrics() throws Exception {
    try (Metrics kafkaMetrics = new Metrics()) {
      Map<String, String> workerTags = new LinkedHashMap<>();
      workerTags.put("connector", "p");
      workerTags.put("task", "5");
      FaunaSourceConfig config = config("p", "items");
      TaskMetrics old = TaskMetrics.register(config, PluginMetricsBridge.of(contextWith(
          new PluginMetricsImpl(kafkaMetrics, workerTags))), null, "not-a-task-thread", now::get, server);
      TaskMetrics next = TaskMetrics.register(config, PluginMetricsBridge.of(contextWith(
          new PluginMetricsImpl(kafkaMetrics, workerTags))), null, "not-a-task-thread", now::get, server);
      next.polled(List.of(read(config, "items", "1")));
      assertEquals(1L, server.getAttribute(new ObjectName(
          "dev.faunaconnect:type=source-task-metrics,connector=p,task=5,collection=items"), "RecordsRead"));
      next.unregister();
      old.unregister();
    }
  }

  private static SourceTaskContext contextWith(PluginMetrics plugin) {
    return new SourceTaskContext() {
      @Override
      public Map<String, String> configs() {
        return Map.of();
      }

      @Override
      public OffsetStorageReader offsetStorageReader() {
        return null;
      }

      @Override
      public PluginMetrics pluginMetrics() {
        return plugin;
      }
    };
  }
}
