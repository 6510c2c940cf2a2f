package dev.faunaconnect.cluster;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka broker in its own JVM: {@code kafka.Kafka} in KRaft combined mode (broker and controller), on
 * 127.0.0.1 only, with its storage formatted first by {@code kafka.tools.StorageTool}. Settings a one-broker cluster
 * needs (replication factor 1, also for the transaction log that exactly-once uses) and fewer internal partitions to
 * spare the CPU.
 */
final class KafkaBroker implements AutoCloseable {
  private final int port = Ports.free();
  private final JvmProcess jvm;

  private KafkaBroker(KafkaDistribution kafka, Path dir) throws IOException, InterruptedException {
    int controllerPort = Ports.free();
    Properties props = new Properties();
    props.putAll(Map.ofEntries(
        Map.entry("process.roles", "broker,controller"),
        Map.entry("node.id", "1"),
        Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
        Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort),
        Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port),
        Map.entry("controller.listener.names", "CONTROLLER"),
        Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
        Map.entry("inter.broker.listener.name", "PLAINTEXT"),
        Map.entry("log.dirs", dir.resolve("data").toAbsolutePath().toString()),
        Map.entry("offsets.topic.replication.factor", "1"),
        Map.entry("offsets.topic.num.partitions", "5"),
        Map.entry("transaction.state.log.replication.factor", "1"),
        Map.entry("transaction.state.log.min.isr", "1"),
        Map.entry("transaction.state.log.num.partitions", "5"),
        Map.entry("group.initial.rebalance.delay.ms", "0"),
        Map.entry("num.partitions", "1"),
        Map.entry("auto.create.topics.enable", "false")));
    Path config = dir.resolve("broker.properties");
    StringWriter text = new StringWriter();
    props.store(text, "written by the cluster test");
    Files.writeString(config, text.toString());
    Path log = dir.resolve("broker.log");
    String logging = Logging.option(dir);
    JvmProcess.run("kafka-storage-format", kafka.classpath(), log, Duration.ofMinutes(2), "kafka.tools.StorageTool",
        "format", "-t", Uuid.randomUuid().toString(), "-c", config.toString());
    jvm = JvmProcess.start("kafka-broker", kafka.classpath(), "384m", Map.of(), log, List.of(logging),
        "kafka.Kafka", config.toString());
    Ports.awaitListening(port, Duration.ofMinutes(3), "the Kafka broker (log: " + log + ")", jvm);
  }

  static KafkaBroker start(KafkaDistribution kafka, Path dir) throws IOException, InterruptedException {
    return new KafkaBroker(kafka, Files.createDirectories(dir));
  }

  String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  @Override
  public void close() {
    jvm.stop();
  }
}
