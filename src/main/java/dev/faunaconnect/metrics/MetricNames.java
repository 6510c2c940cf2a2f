package dev.faunaconnect.metrics;

import java.util.Map;
import java.util.regex.Pattern;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * The JMX name of a collection's metrics:
 * {@code dev.faunaconnect:type=source-task-metrics,connector=<name>,task=<id>,collection=<collection>}. A value with
 * characters JMX reserves (such as {@code , = : " * ?} or spaces) is quoted, as {@link ObjectName#quote} does.
 */
final class MetricNames {
  static final String DOMAIN = "dev.faunaconnect";
  static final String TYPE = "source-task-metrics";
  /** The connector name is the task's {@code name} property, which Connect puts in every connector config. */
  static final String CONNECTOR_NAME_CONFIG = "name";
  private static final String TASK_THREAD_PREFIX = "task-thread-";
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_.\\-]+");

  private MetricNames() {}

  static ObjectName of(String connector, String task, String collection) {
    try {
      return new ObjectName(DOMAIN + ":type=" + TYPE + ",connector=" + value(connector) + ",task=" + value(task)
          + ",collection=" + value(collection));
    } catch (MalformedObjectNameException e) {
      throw new IllegalArgumentException("cannot name the metrics of collection '" + collection + "'", e);
    }
  }

  /** The tags of a collection's plugin metrics (the worker adds the connector's and the task's). */
  static Map<String, String> pluginTags(String collection) {
    return Map.of("collection", collection);
  }

  /**
   * The task's id, from the name Connect gives the thread that starts it ({@code task-thread-<connector>-<id>}, in
   * every Kafka release since 0.10), or {@code unknown}. Collection names are unique within a connector, so the
   * MBean names stay unique either way.
   */
  static String taskIdFromThread(String connector, String threadName) {
    String prefix = TASK_THREAD_PREFIX + connector + "-";
    if (threadName.startsWith(prefix) && threadName.substring(prefix.length()).matches("[0-9]+")) {
      return threadName.substring(prefix.length());
    }
    return "unknown";
  }

  private static String value(String raw) {
    return PLAIN.matcher(raw).matches() ? raw : ObjectName.quote(raw);
  }
}
