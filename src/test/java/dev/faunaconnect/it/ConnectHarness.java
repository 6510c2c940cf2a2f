package dev.faunaconnect.it;

import dev.faunaconnect.fixtures.FaunaFixture;
import dev.faunaconnect.localfauna.LocalFauna;
import dev.faunaconnect.testing.PackagedConnectCluster;
import dev.faunaconnect.testing.PackagedPlugin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/**
 * One Kafka Connect cluster (one broker, one worker) and one Fauna ({@link FaunaFixture}: a local Fauna server, or a
 * database of its own on the real server in a container), shared by a test class. The worker loads the connector from
 * the packaged plugin, as a real worker would, so tests name its class only by string.
 */
final class ConnectHarness implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(60);
  /** The default heartbeat.topic, created with the cluster as a user would create it. */
  static final String HEARTBEAT_TOPIC = "__fauna-heartbeats";

  final EmbeddedConnectCluster connect;
  final FaunaFixture fauna;

  private ConnectHarness(EmbeddedConnectCluster connect, FaunaFixture fauna) {
    this.connect = connect;
    this.fauna = fauna;
  }

  static ConnectHarness start(String name) {
    return start(name, Map.of());
  }

  /** A harness whose worker has {@code workerProps} too, e.g. {@code exactly.once.source.support=enabled}. */
  static ConnectHarness start(String name, Map<String, String> workerProps) {
    return start(name, workerProps, null);
  }

  /**
   * A harness whose Fauna is a local server built as {@code server} says (e.g. {@code standardBase64Bytes(true)}), or
   * the backend the system properties choose when {@code server} is null.
   */
  static ConnectHarness start(String name, Map<String, String> workerProps, LocalFauna.Builder server) {
    PackagedPlugin.assertConnectorNotOnClasspath();
    Map<String, String> props = new HashMap<>(workerProps);
    props.put("offset.flush.interval.ms", "500");
    FaunaFixture fauna = server == null ? FaunaFixture.start() : FaunaFixture.start(server);
    EmbeddedConnectCluster connect = PackagedConnectCluster.builder(name, 1, props).build();
    connect.start();
    connect.kafka().createTopic(HEARTBEAT_TOPIC, 1);
    return new ConnectHarness(connect, fauna);
  }

  /** The configuration of a connector on the harness's Fauna, JSON records, plus {@code extra} pairs. */
  Map<String, String> config(String... extra) {
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", PackagedPlugin.CONNECTOR_CLASS);
    config.put("tasks.max", "1");
    config.put("fauna.endpoint", fauna.endpoint());
    config.put("fauna.secret", fauna.adminSecret());
    config.put("key.converter", JsonConverter.class.getName());
    config.put("key.converter.schemas.enable", "false");
    config.put("value.converter", JsonConverter.class.getName());
    config.put("value.converter.schemas.enable", "false");
    config.put("poll.interval.ms", "200");
    config.put("retry.backoff.initial.ms", "50");
    config.put("retry.backoff.max.ms", "500");
    for (int i = 0; i < extra.length; i += 2) {
      config.put(extra[i], extra[i + 1]);
    }
    return config;
  }

  /** Starts a connector and waits until it and {@code tasks} tasks run. */
  void startConnector(String name, int tasks, Map<String, String> config) throws InterruptedException {
    connect.configureConnector(name, config);
    connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, tasks, "connector " + name + " did not "
        + "start");
  }

  /** Creates the topics (one partition each, so a topic's order is the order the connector emitted). */
  void createTopics(String... topics) {
    for (String topic : topics) {
      connect.kafka().createTopic(topic, 1);
    }
  }

  /** Everything in the topic once it holds at least {@code count} records. */
  List<TopicRecord> awaitRecords(String topic, int count) throws Exception {
    return awaitRecords(topic, records -> records.size() >= count, count + " records");
  }

  /** Everything in the topic once {@code done} holds for it; fails after {@link #WAIT}. */
  List<TopicRecord> awaitRecords(String topic, Predicate<List<TopicRecord>> done, String what) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    List<TopicRecord> records = List.of();
    while (System.nanoTime() < deadline) {
      records = readAll(topic);
      if (done.test(records)) {
        return records;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("topic " + topic + " did not get " + what + " in " + WAIT + "; it holds "
        + records.stream().map(TopicRecord::summary).toList());
  }

  /** Waits until {@code condition} holds; fails after {@link #WAIT} saying {@code what} did not happen. */
  static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what + " did not happen in " + WAIT);
      }
      Thread.sleep(200);
    }
  }

  /** The {@code task.collections} of each task of the connector, sorted. */
  List<String> taskCollections(String connector) {
    return connect.taskConfigs(connector).stream()
        .map(task -> task.config().get("task.collections")).sorted().toList();
  }

  /** The source offset Connect stores for a collection of the connector (null when none is stored). */
  Map<String, ?> storedOffset(String connector, String collection) {
    return connect.connectorOffsets(connector).offsets().stream()
        .filter(o -> collection.equals(o.partition().get("collection")))
        .map(o -> (Map<String, ?>) o.offset()).findFirst().orElse(null);
  }

  /** Every committed record of the topic (transactions of an exactly-once worker that were aborted are skipped). */
  List<TopicRecord> readAll(String topic) throws Exception {
    ConsumerRecords<byte[], byte[]> consumed;
    try {
      consumed = connect.kafka().consumeAll(WAIT.toMillis(), Map.of("isolation.level", "read_committed"), null,
          topic);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException) {
        return List.of(); // the worker has not created the topic yet
      }
      throw e;
    }
    List<TopicRecord> records = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record : consumed) {
      records.add(TopicRecord.of(record));
    }
    return records;
  }

  @Override
  public void close() {
    try {
      connect.stop();
    } finally {
      fauna.close();
    }
  }
}
