package dev.faunaconnect.benchmark;

import dev.faunaconnect.testing.PackagedConnectCluster;
import dev.faunaconnect.testing.PackagedPlugin;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/**
 * {@code nice mvn -q -DskipTests package exec:java@benchmark-end-to-end [-Ddocs=20000] [-DpageSize=1000]
 * [-DwarmUp=1] [-Drounds=3]}: a Connect worker (one broker, one worker, in this JVM) with the packaged plugin and
 * JsonConverter, against the local Fauna server in its own JVM. Each round creates a new connector with its own
 * topic prefix, and times from the connector's creation to the last of the collection's records consumed from
 * its topic.
 */
public final class EndToEndBenchmark {
  private static final String COLLECTION = "e2e";
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private EndToEndBenchmark() {}

  public static void main(String[] args) throws Exception {
    int docs = Integer.getInteger("docs", 20_000);
    String pageSize = System.getProperty("pageSize", "1000");
    int warmUp = Integer.getInteger("warmUp", 1);
    int rounds = Integer.getInteger("rounds", 3);
    PackagedPlugin.assertConnectorNotOnClasspath();
    try (ServerProcess server = ServerProcess.start(System.getProperty("serverHeap", "4g"))) {
      new BenchFauna(server.endpoint(), server.secret()).createCollection(COLLECTION, docs, BenchDocuments.ONE_KB);
      EmbeddedConnectCluster connect = PackagedConnectCluster.builder("benchmark", 1, Map.of()).build();
      connect.start();
      try {
        List<Double> rates = new ArrayList<>();
        for (int round = 1; round <= warmUp + rounds; round++) {
          long cpu = OS.getProcessCpuTime();
          double seconds = timeOneConnector(connect, server, round, docs, pageSize);
          double cpuMsPer1000 = (OS.getProcessCpuTime() - cpu) / 1e6 * 1000 / docs;
          System.out.printf(Locale.ROOT, "  %s %d: %,d records in %.1f s = %,.0f records/s; this JVM's CPU "
              + "(broker, worker, consumer) %.0f ms per 1,000 records%n", round > warmUp ? "round" : "warm ",
              round > warmUp ? round - warmUp : round, docs, seconds, docs / seconds, cpuMsPer1000);
          if (round > warmUp) {
            rates.add(docs / seconds);
          }
        }
        rates.sort(null);
        System.out.printf(Locale.ROOT, "%nend to end, 1 KB documents, %,d, page.size=%s: median %,.0f records/s "
            + "(min %,.0f, max %,.0f)%n", docs, pageSize, rates.get(rates.size() / 2), rates.get(0),
            rates.get(rates.size() - 1));
      } finally {
        connect.stop();
      }
    }
  }

  /** Creates connector {@code fauna-<round>} and waits for its {@code docs} records; returns the seconds it took. */
  private static double timeOneConnector(EmbeddedConnectCluster connect, ServerProcess server, int round, int docs,
      String pageSize) {
    String prefix = "e2e" + round + ".";
    String topic = prefix + COLLECTION;
    connect.kafka().createTopic(topic, 1);
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(connect.kafka().bootstrapServers())) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long start = System.nanoTime();
      connect.configureConnector("fauna-" + round, config(server, prefix, pageSize));
      long deadline = start + Duration.ofMinutes(10).toNanos();
      int consumed = 0;
      while (consumed < docs) {
        consumed += consumer.poll(Duration.ofMillis(100)).count();
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("only " + consumed + " of " + docs + " records after 10 minutes");
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      if (consumed != docs) {
        throw new IllegalStateException("consumed " + consumed + " records, expected " + docs);
      }
      connect.deleteConnector("fauna-" + round);
      return seconds;
    }
  }

  private static Map<String, String> config(ServerProcess server, String topicPrefix, String pageSize) {
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", PackagedPlugin.CONNECTOR_CLASS);
    config.put("tasks.max", "1");
    config.put("fauna.endpoint", server.endpoint());
    config.put("fauna.secret", server.secret());
    config.put("collections", COLLECTION);
    config.put("topic.prefix", topicPrefix);
    config.put("page.size", pageSize);
    config.put("key.converter", JsonConverter.class.getName());
    config.put("key.converter.schemas.enable", "false");
    config.put("value.converter", JsonConverter.class.getName());
    config.put("value.converter.schemas.enable", "false");
    return config;
  }

  private static KafkaConsumer<byte[], byte[]> consumer(String bootstrapServers) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }
}
