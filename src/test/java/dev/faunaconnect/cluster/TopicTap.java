package dev.faunaconnect.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the connector's topics from the start while the test runs (read_committed, so aborted transactions of
 * exactly-once workers are never seen) and keeps every record with the wall time it arrived.
 */
final class TopicTap implements Runnable, AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * A record as a consumer sees it with the JSON converter: the key's ref, the {@code fauna.op} header, the value's
   * {@code ts}, {@code data.v} and {@code deleted_at} (null when absent), whether it is a tombstone, and when it
   * arrived.
   */
  record Delivered(String topic, String ref, String op, Long ts, Long version, Long deletedAt, boolean tombstone,
      long arrivedMillis) {
    /** What this record says about its document: "v<ts>" for a version, "d<ts>" a delete, "t" a tombstone. */
    String state() {
      return tombstone ? "t" : deletedAt != null ? "d" + ts : "v" + ts;
    }
  }

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final List<Delivered> delivered = Collections.synchronizedList(new ArrayList<>());
  private volatile boolean running = true;

  TopicTap(String bootstrapServers, List<String> topics) {
    consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.GROUP_ID_CONFIG, "cluster-test-tap-" + UUID.randomUUID(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
        new ByteArrayDeserializer(), new ByteArrayDeserializer());
    consumer.assign(topics.stream().map(t -> new TopicPartition(t, 0)).toList());
    consumer.seekToBeginning(consumer.assignment());
  }

  @Override
  public void run() {
    try {
      while (running) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          delivered.add(parse(record, System.currentTimeMillis()));
        }
      }
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  List<Delivered> delivered() {
    synchronized (delivered) {
      return List.copyOf(delivered);
    }
  }

  @Override
  public void close() {
    running = false;
  }

  private static Delivered parse(ConsumerRecord<byte[], byte[]> record, long now) {
    String ref = read(record.key()).path("ref").asText();
    Header op = record.headers().lastHeader("fauna.op");
    String opName = op == null ? null : new String(op.value(), StandardCharsets.UTF_8);
    if (record.value() == null) {
      return new Delivered(record.topic(), ref, opName, null, null, null, true, now);
    }
    JsonNode value = read(record.value());
    JsonNode data = value.path("data");
    Long version = data.isTextual() ? read(data.asText().getBytes(StandardCharsets.UTF_8)).path("v").asLong() : null;
    JsonNode deletedAt = value.path("deleted_at");
    return new Delivered(record.topic(), ref, opName, value.path("ts").asLong(), version,
        deletedAt.isNumber() ? deletedAt.asLong() : null, false, now);
  }

  private static JsonNode read(byte[] bytes) {
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
