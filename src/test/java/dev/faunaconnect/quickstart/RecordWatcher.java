package dev.faunaconnect.quickstart;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the connector's topics from the start, prints every record as it arrives and counts them per collection
 * and kind: the {@code fauna.op} header ({@code read}, {@code upsert}, {@code delete}), or {@code tombstone} for a
 * record without a value.
 */
final class RecordWatcher implements AutoCloseable {
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(3);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final PrintStream out;
  private final Tally seen = new Tally();
  /**
   * The next offset to count in each partition. The consumer commits nothing, so when the group rebalances (as it
   * does when a subscribed topic is created after the subscription) it reads a partition again from its start:
   * those records were counted already. (A record the connector wrote twice has offsets of its own, and counts.)
   */
  private final Map<TopicPartition, Long> next = new HashMap<>();

  RecordWatcher(String bootstrapServers, List<String> topics, PrintStream out) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "quickstart-watcher");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.consumer.subscribe(topics);
    this.out = out;
  }

  Tally seen() {
    return seen.copy();
  }

  /** Polls once (at most {@code wait}) and prints what arrived. */
  void pollOnce(Duration wait) {
    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(wait)) {
      TopicPartition partition = new TopicPartition(record.topic(), record.partition());
      if (record.offset() < next.getOrDefault(partition, 0L)) {
        continue;
      }
      next.put(partition, record.offset() + 1);
      String collection = header(record, "fauna.collection");
      String kind = record.value() == null ? "tombstone" : header(record, "fauna.op");
      seen.add(collection, kind, 1);
      out.printf("  %-16s %-9s %s%n", record.topic(), kind,
          record.value() == null ? "key=" + text(record.key()) + " value=null" : text(record.value()));
    }
  }

  /** Prints records until {@code expected} is reached, with a progress line every few seconds. */
  void await(Tally expected, Duration timeout, String what) {
    long start = System.nanoTime();
    long nextProgress = start + PROGRESS_EVERY.toNanos();
    int total = expected.asMap().values().stream().flatMap(m -> m.values().stream()).mapToInt(i -> i).sum();
    while (seen.missingFrom(expected) > 0) {
      long now = System.nanoTime();
      if (now - start > timeout.toNanos()) {
        throw new IllegalStateException("Timed out after " + timeout.toSeconds() + " s waiting for " + what
            + ": expected " + expected + ", seen " + seen);
      }
      if (now >= nextProgress) {
        out.printf("  ... %d of %d records so far, waiting (%d s)%n", total - seen.missingFrom(expected), total,
            Duration.ofNanos(now - start).toSeconds());
        nextProgress = now + PROGRESS_EVERY.toNanos();
      }
      pollOnce(Duration.ofMillis(250));
    }
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null || header.value() == null ? "?" : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static String text(byte[] bytes) {
    return bytes == null ? "null" : new String(bytes, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}
