package dev.faunaconnect.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.junit.jupiter.api.Test;

/**
 * On a Kafka 3.9 worker (no {@code pluginMetrics()}), the task and its metrics load and the MBeans are registered:
 * the plugin's classes run here against connect-api and kafka-clients 3.9.2, loaded child-first.
 */
class OldWorkerMetricsTest {
  private static final String OLD = "3.9.2";

  /** Loads Kafka's and the connector's classes from its own jars first; everything else from the test classpath. */
  private static final class ChildFirst extends URLClassLoader {
    ChildFirst(URL[] urls) {
      super(urls, OldWorkerMetricsTest.class.getClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.startsWith("org.apache.kafka.") && !name.startsWith("dev.faunaconnect.")) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        return c != null ? c : findClass(name);
      }
    }
  }

  /** The jar of {@code artifact} version 3.9.2 in the local Maven repository, next to the 4.x one in use. */
  private static Path oldJar(Class<?> fromArtifact, String artifact) throws Exception {
    Path current = Path.of(fromArtifact.getProtectionDomain().getCodeSource().getLocation().toURI());
    return current.getParent().getParent().resolve(OLD).resolve(artifact + "-" + OLD + ".jar");
  }

  @Test
  void aTaskOnAWorkerWithoutPluginMetricsRegistersItsMBeans() throws Exception {
    Path api = oldJar(SourceTaskContext.class, "connect-api");
    Path clients = oldJar(org.apache.kafka.common.config.ConfigDef.class, "kafka-clients");
    assumeTrue(Files.exists(api) && Files.exists(clients), "needs " + api + " and " + clients + " (mvn "
        + "dependency:get -Dartifact=org.apache.kafka:connect-api:" + OLD + ")");
    Path classes = Path.of(TaskMetrics.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
    ObjectName name = new ObjectName(
        "dev.faunaconnect:type=source-task-metrics,connector=old-worker,task=unknown,collection=items");

    try (ChildFirst worker = new ChildFirst(new URL[] {classes.toUri().toURL(), api.toUri().toURL(),
        clients.toUri().toURL()})) {
      Class<?> contextType = worker.loadClass(SourceTaskContext.class.getName());
      assertThrows(NoSuchMethodException.class, () -> contextType.getMethod("pluginMetrics"), "a 3.9 API");
      assertEquals(worker, Class.forName("dev.faunaconnect.FaunaSourceTask", true, worker).getClassLoader());
      Object context = Proxy.newProxyInstance(worker, new Class<?>[] {contextType}, (proxy, method, args) ->
          switch (method.getName()) {
            case "configs" -> Map.of();
            case "hashCode" -> 0;
            case "equals" -> proxy == args[0];
            case "toString" -> "a 3.9 task context";
            default -> null;
          });
      Class<?> configType = worker.loadClass("dev.faunaconnect.config.FaunaSourceConfig");
      Object config = configType.getConstructor(Map.class).newInstance(Map.of("name", "old-worker",
          "fauna.endpoint", "http://127.0.0.1:8443", "fauna.secret", "s", "collections", "items",
          "task.collections", "items"));
      Class<?> metricsType = worker.loadClass(TaskMetrics.class.getName());
      Object metrics = metricsType.getMethod("register", contextType, configType).invoke(null, context, config);

      assertTrue(jmx.isRegistered(name));
      assertEquals("starting", jmx.getAttribute(name, "Phase"));
      assertEquals(0L, jmx.getAttribute(name, "PagesRead"));
      metricsType.getMethod("unregister").invoke(metrics);
      assertFalse(jmx.isRegistered(name));
    }
  }
}
