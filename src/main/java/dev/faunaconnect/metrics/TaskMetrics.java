package dev.faunaconnect.metrics;

import dev.faunaconnect.config.FaunaSourceConfig;
import dev.faunaconnect.offset.CollectionOffset;
import dev.faunaconnect.offset.CollectionPartition;
import java.lang.management.ManagementFactory;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metrics of one task: one {@link CollectionMetrics} per collection, registered as a JMX MBean (see
 * {@link MetricNames}) and, on workers that offer it (Kafka 4.1+), as plugin metrics. Fed by the records the task
 * emits ({@link #polled}) and by its gateway, which finds this listener through the task's config
 * ({@link #listenerFor}).
 */
public final class TaskMetrics implements FaunaReadListener {
  private static final Logger log = LoggerFactory.getLogger(TaskMetrics.class);
  private static final Map<FaunaSourceConfig, FaunaReadListener> BY_CONFIG = new IdentityHashMap<>();
  /** Which metrics hold each name, so a task stopping late never unregisters its successor's MBean. */
  private static final Map<ObjectName, CollectionMetrics> OWNERS = new ConcurrentHashMap<>();

  private final FaunaSourceConfig config;
  private final MBeanServer server;
  private final Map<String, CollectionMetrics> collections = new LinkedHashMap<>();
  private final Map<ObjectName, CollectionMetrics> names = new LinkedHashMap<>();
  private final Optional<PluginMetricsBridge> plugin;

  private TaskMetrics(FaunaSourceConfig config, MBeanServer server, Optional<PluginMetricsBridge> plugin) {
    this.config = config;
    this.server = server;
    this.plugin = plugin;
  }

  /** Registers the metrics of the task's collections, on the platform MBean server. */
  public static TaskMetrics register(SourceTaskContext context, FaunaSourceConfig config) {
    OffsetStorageReader offsets = context == null ? null : context.offsetStorageReader();
    return register(config, PluginMetricsBridge.of(context), offsets, Thread.currentThread().getName(),
        System::currentTimeMillis, ManagementFactory.getPlatformMBeanServer());
  }

  static TaskMetrics register(FaunaSourceConfig config, Optional<PluginMetricsBridge> plugin,
      OffsetStorageReader offsets, String threadName, LongSupplier nowMillis, MBeanServer server) {
    String connector = config.originalsStrings().getOrDefault(MetricNames.CONNECTOR_NAME_CONFIG, "unknown");
    String task = plugin.flatMap(PluginMetricsBridge::taskTag)
        .orElseGet(() -> MetricNames.taskIdFromThread(connector, threadName));
    TaskMetrics metrics = new TaskMetrics(config, server, plugin);
    for (String collection : config.taskCollections()) {
      CollectionMetrics c = new CollectionMetrics(nowMillis, storedOffset(offsets, collection));
      metrics.collections.put(collection, c);
      metrics.expose(MetricNames.of(connector, task, collection), collection, c);
    }
    synchronized (BY_CONFIG) {
      BY_CONFIG.put(config, metrics);
    }
    return metrics;
  }

  /** The metrics a gateway built from {@code config} reports to: the task's, or {@link #NONE} for any other. */
  public static FaunaReadListener listenerFor(FaunaSourceConfig config) {
    synchronized (BY_CONFIG) {
      return BY_CONFIG.getOrDefault(config, NONE);
    }
  }

  /** Counts the records the task emits, and returns them. */
  public List<SourceRecord> polled(List<SourceRecord> records) {
    if (records != null) {
      for (SourceRecord record : records) {
        CollectionMetrics c = collections.get(collectionOf(record));
        if (c != null) {
          c.emitted(record);
        }
      }
    }
    return records;
  }

  /** Runs the rest of the task's start; if it fails, unregisters the metrics (Connect calls no stop() then). */
  public <T> T unregisterIfThrows(Supplier<T> start) {
    try {
      return start.get();
    } catch (RuntimeException | Error e) {
      unregister();
      throw e;
    }
  }

  public void unregister() {
    synchronized (BY_CONFIG) {
      BY_CONFIG.remove(config);
    }
    plugin.ifPresent(PluginMetricsBridge::removeAll);
    names.forEach((name, c) -> {
      if (OWNERS.remove(name, c)) {
        unregisterQuietly(name);
      }
    });
    names.clear();
  }

  @Override
  public void pageRead(String collection, Stream stream, boolean more, long throughTs) {
    CollectionMetrics c = collections.get(collection);
    if (c != null) {
      c.pageRead(stream, more, throughTs);
    }
  }

  @Override
  public void retrying(String collection, String error) {
    of(collection).forEach(c -> c.retrying(error));
  }

  @Override
  public void failed(String collection, String error) {
    of(collection).forEach(c -> c.failed(error));
  }

  /** The collection's metrics; a query of no collection (such as the time) concerns all of them. */
  private List<CollectionMetrics> of(String collection) {
    CollectionMetrics c = collection == null ? null : collections.get(collection);
    return c != null ? List.of(c) : List.copyOf(collections.values());
  }

  private void expose(ObjectName name, String collection, CollectionMetrics c) {
    try {
      if (OWNERS.put(name, c) != null || server.isRegistered(name)) {
        log.warn("Replacing the metrics {} of a task that did not stop yet", name);
        unregisterQuietly(name);
      }
      server.registerMBean(c, name);
      names.put(name, c);
    } catch (JMException e) {
      OWNERS.remove(name, c);
      log.warn("Cannot register the metrics {}: {}", name, e.toString());
    }
    plugin.ifPresent(p -> PluginGauges.add(p, collection, c));
  }

  private void unregisterQuietly(ObjectName name) {
    try {
      server.unregisterMBean(name);
    } catch (JMException e) {
      log.debug("Metrics {} were already unregistered", name);
    }
  }

  private static String collectionOf(SourceRecord record) {
    Object name = record.sourcePartition() == null ? null
        : record.sourcePartition().get(CollectionPartition.COLLECTION_KEY);
    return name instanceof String s ? s : null;
  }

  private static CollectionOffset storedOffset(OffsetStorageReader offsets, String collection) {
    if (offsets == null) {
      return null;
    }
    try {
      Map<String, Object> stored = offsets.offset(CollectionPartition.of(collection));
      return stored == null ? null : CollectionOffset.fromMap(stored);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
