package dev.faunaconnect.source;

import dev.faunaconnect.convert.RecordBuilder;
import dev.faunaconnect.offset.CollectionOffset;
import dev.faunaconnect.offset.CollectionPartition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Keeps the stored offset of one collection up with its reader. Connect stores an offset only with a record, so
 * when the reader's position moved without one, a small heartbeat record carries it: at once when the phase changed
 * (a snapshot that ended with no document, a start with {@code snapshot.mode=never}), and otherwise every
 * {@code heartbeat.interval.ms} while the collection is caught up.
 *
 * <p>The record: topic {@code heartbeat.topic}; key {@code {collection}}; value {@code {collection, phase, ts}}
 * where {@code ts} is the Fauna time (microseconds) up to which the reader has read; header {@code fauna.op} is
 * {@code heartbeat}; the source partition and offset are the collection's.
 */
final class Heartbeats {
  static final String OP_HEARTBEAT = "heartbeat";
  static final Schema KEY_SCHEMA = SchemaBuilder.struct().name("dev.faunaconnect.HeartbeatKey")
      .field("collection", Schema.STRING_SCHEMA).build();
  static final Schema VALUE_SCHEMA = SchemaBuilder.struct().name("dev.faunaconnect.Heartbeat")
      .field("collection", Schema.STRING_SCHEMA)
      .field("phase", Schema.STRING_SCHEMA)
      .field("ts", Schema.INT64_SCHEMA)
      .build();

  private final String collection;
  private final String topic;
  private final Duration interval;
  private final LongSupplier nanoClock;
  private final Map<String, String> partition;
  private Map<String, Object> lastSent;
  private long lastSentNanos;

  /** {@code stored} is the offset the collection resumes from (null when none was stored). */
  Heartbeats(String collection, String topic, Duration interval, LongSupplier nanoClock, CollectionOffset stored) {
    this.collection = collection;
    this.topic = topic;
    this.interval = interval;
    this.nanoClock = nanoClock;
    this.partition = CollectionPartition.of(collection);
    this.lastSent = stored == null ? null : stored.toMap();
    this.lastSentNanos = nanoClock.getAsLong();
  }

  /** The step's records, and a heartbeat after them when the position they leave unstored is due to be stored. */
  Step complete(Step step, CollectionOffset position) {
    long now = nanoClock.getAsLong();
    List<SourceRecord> records = step.records();
    if (!records.isEmpty()) {
      @SuppressWarnings("unchecked")
      Map<String, Object> last = (Map<String, Object>) records.get(records.size() - 1).sourceOffset();
      lastSent = last;
      lastSentNanos = now;
    }
    Map<String, Object> current = position.toMap();
    if (current.equals(lastSent) || !due(step, position, now)) {
      return step;
    }
    List<SourceRecord> out = new ArrayList<>(records);
    out.add(heartbeat(position, current));
    lastSent = current;
    lastSentNanos = now;
    return new Step(out, step.rest());
  }

  private boolean due(Step step, CollectionOffset position, long now) {
    // A (re)started snapshot needs none: a restart before its first record stored does the same again.
    boolean phaseChanged = position.phase() != CollectionOffset.Phase.SNAPSHOT
        && (lastSent == null || !position.toMap().get("phase").equals(lastSent.get("phase")));
    boolean periodic = !interval.isZero() && !step.rest().isZero() && now - lastSentNanos >= interval.toNanos();
    return phaseChanged || periodic;
  }

  private SourceRecord heartbeat(CollectionOffset position, Map<String, Object> offset) {
    Struct key = new Struct(KEY_SCHEMA).put("collection", collection);
    Struct value = new Struct(VALUE_SCHEMA).put("collection", collection)
        .put("phase", offset.get("phase")).put("ts", readThrough(position));
    ConnectHeaders headers = new ConnectHeaders();
    headers.addString(RecordBuilder.COLLECTION_HEADER, collection);
    headers.addString(RecordBuilder.OP_HEADER, OP_HEARTBEAT);
    return new SourceRecord(partition, offset, topic, null, KEY_SCHEMA, key, VALUE_SCHEMA, value,
        System.currentTimeMillis(), headers);
  }

  /** The Fauna time up to which the reader has read: the later of its streams' positions and its snapshot time. */
  static long readThrough(CollectionOffset position) {
    return Math.max(position.snapshotTs(), Math.max(position.change().ts(), position.remove().ts()));
  }
}
