package dev.faunaconnect.metrics;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connect's {@code SourceTaskContext.pluginMetrics()} (Kafka 4.1+), reached by reflection only: no class of the
 * plugin links to {@code PluginMetrics}, so workers 3.9 and 4.0 load it and simply get no plugin metrics. The
 * worker tags every metric with the connector and the task, and removes them when the task stops.
 */
final class PluginMetricsBridge {
  private static final Logger log = LoggerFactory.getLogger(PluginMetricsBridge.class);

  private final Object pluginMetrics;
  private final Method metricName;
  private final Method addMetric;
  private final Method removeMetric;
  private final List<MetricName> added = new ArrayList<>();

  private PluginMetricsBridge(Object pluginMetrics, Class<?> type) throws NoSuchMethodException {
    this.pluginMetrics = pluginMetrics;
    this.metricName = type.getMethod("metricName", String.class, String.class, LinkedHashMap.class);
    Class<?> provider = addMetricParameter(type);
    this.addMetric = type.getMethod("addMetric", MetricName.class, provider);
    this.removeMetric = type.getMethod("removeMetric", MetricName.class);
  }

  /** The task's plugin metrics, or empty on a worker older than 4.1 (or without a context, as in unit tests). */
  static Optional<PluginMetricsBridge> of(SourceTaskContext context) {
    if (context == null) {
      return Optional.empty();
    }
    Method accessor;
    try {
      accessor = SourceTaskContext.class.getMethod("pluginMetrics");
    } catch (NoSuchMethodException e) {
      log.debug("This worker offers no plugin metrics (Kafka 4.1+); JMX MBeans only");
      return Optional.empty();
    }
    try {
      Object metrics = accessor.invoke(context);
      return metrics == null ? Optional.empty() : Optional.of(new PluginMetricsBridge(metrics,
          accessor.getReturnType()));
    } catch (ReflectiveOperationException | RuntimeException e) {
      log.warn("Cannot use the worker's plugin metrics ({}); JMX MBeans only", e.toString());
      return Optional.empty();
    }
  }

  private static Class<?> addMetricParameter(Class<?> type) throws NoSuchMethodException {
    for (Method m : type.getMethods()) {
      if (m.getName().equals("addMetric") && m.getParameterCount() == 2) {
        return m.getParameterTypes()[1];
      }
    }
    throw new NoSuchMethodException(type.getName() + ".addMetric");
  }

  /** The task id the worker tags the task's metrics with, if it says. */
  Optional<String> taskTag() {
    return Optional.ofNullable(name("task-probe", "", new LinkedHashMap<>()).tags().get("task"));
  }

  /**
   * Adds a gauge, tagged with {@code tags} besides the worker's connector and task tags. A gauge of that name may
   * still be held by the task's old instance when the worker started the task again before that one stopped (a
   * graceful stop that timed out); only its owner may remove it, so this instance goes on without it (its JMX
   * metrics still show the values) instead of failing.
   */
  void addGauge(String name, String description, Map<String, String> tags, Gauge<?> gauge) {
    MetricName metric = name(name, description, new LinkedHashMap<>(tags));
    try {
      call(addMetric, metric, gauge);
      added.add(metric);
    } catch (IllegalArgumentException heldByAnOldInstance) {
      log.warn("The metric {} is still held by an instance of this task that did not stop yet; this instance "
          + "goes on without it ({})", metric, heldByAnOldInstance.getMessage());
    }
  }

  void removeAll() {
    added.forEach(metric -> call(removeMetric, metric));
    added.clear();
  }

  private MetricName name(String name, String description, LinkedHashMap<String, String> tags) {
    return (MetricName) call(metricName, name, description, tags);
  }

  private Object call(Method method, Object... args) {
    try {
      return method.invoke(pluginMetrics, args);
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
