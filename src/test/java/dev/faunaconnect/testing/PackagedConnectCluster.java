package dev.faunaconnect.testing;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A Kafka broker (KRaft) and a Connect worker for one test class, with the connector loaded from the packaged
 * plugin through {@code plugin.path} ({@link PackagedPlugin}). Use it as
 *
 * <pre>{@code
 * @RegisterExtension
 * static final PackagedConnectCluster connect = new PackagedConnectCluster();
 *
 * connect.cluster().configureConnector("fauna", props);   // props.put("connector.class", PackagedPlugin.CONNECTOR_CLASS)
 * }</pre>
 *
 * It starts before the first test of the class and stops after the last. Before starting, it checks that the
 * connector is not on the test classpath, so the worker can only have it from the package.
 */
public final class PackagedConnectCluster implements BeforeAllCallback, AfterAllCallback {
  private final Map<String, String> workerProps = new HashMap<>();
  private int workers = 1;
  private EmbeddedConnectCluster cluster;

  public PackagedConnectCluster() {
    workerProps.put("offset.flush.interval.ms", "500");
  }

  /** Adds or overrides worker settings, e.g. {@code exactly.once.source.support=enabled}. */
  public PackagedConnectCluster workerProp(String name, String value) {
    workerProps.put(name, value);
    return this;
  }

  public PackagedConnectCluster workers(int count) {
    this.workers = count;
    return this;
  }

  /** The running cluster; valid between the class's first and last test. */
  public EmbeddedConnectCluster cluster() {
    if (cluster == null) {
      throw new IllegalStateException("The cluster is not running: register this with @RegisterExtension on a "
          + "static field.");
    }
    return cluster;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    PackagedPlugin.assertConnectorNotOnClasspath();
    cluster = builder(context.getRequiredTestClass().getSimpleName(), workers, workerProps).build();
    cluster.start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (cluster != null) {
      cluster.stop();
      cluster = null;
    }
  }

  /**
   * A cluster builder with the packaged plugin, for code that manages the cluster itself (the quickstart does).
   * {@code extraWorkerProps} override the defaults.
   */
  public static EmbeddedConnectCluster.Builder builder(String name, int workers, Map<String, String> extraWorkerProps) {
    Map<String, String> props = new HashMap<>(PackagedPlugin.workerProps());
    props.putAll(extraWorkerProps);
    Properties broker = new Properties();
    // one broker: let transactions (exactly-once source support) work with replication factor 1
    broker.put("transaction.state.log.replication.factor", "1");
    broker.put("transaction.state.log.min.isr", "1");
    // as on many production clusters: topics exist only if created (by a test, or the worker's topic.creation.*)
    broker.put("auto.create.topics.enable", "false");
    EmbeddedConnectCluster.Builder builder = new EmbeddedConnectCluster.Builder().name(name).numWorkers(workers);
    builder.numBrokers(1).brokerProps(broker).workerProps(props);
    return builder;
  }
}
