package dev.faunaconnect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.faunaconnect.offset.CollectionOffset;
import dev.faunaconnect.offset.CollectionOffset.Phase;
import dev.faunaconnect.offset.Position;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class HeartbeatsTest {
  private static final long T = 1_700_000_000_000_000L;
  private static final Duration REST = Duration.ofSeconds(1);
  private final AtomicLong nanos = new AtomicLong();

  private Heartbeats heartbeats(Duration interval, CollectionOffset stored) {
    return new Heartbeats("items", "beats", interval, nanos::get, stored);
  }

  private static SourceRecord record(CollectionOffset offset) {
    return new SourceRecord(Map.of("collection", "items"), offset.toMap(), "fauna.items", null, null);
  }

  @Test
  void aCaughtUpReaderWhosePositionMovedSendsOneHeartbeatPerInterval() {
    CollectionOffset stored = CollectionOffset.streamingFrom(T);
    Heartbeats beats = heartbeats(Duration.ofSeconds(30), stored);
    CollectionOffset moved = stored.withChange(Position.endOf(T + 5)).withRemove(Position.endOf(T + 5));
    assertEquals(List.of(), beats.complete(Step.caughtUp(List.of(), REST), moved).records(), "not due yet");
    nanos.addAndGet(Duration.ofSeconds(30).toNanos());
    assertEquals(List.of(), beats.complete(Step.busy(List.of()), moved).records(), "not while busy");
    List<SourceRecord> sent = beats.complete(Step.caughtUp(List.of(), REST), moved).records();
    assertEquals(1, sent.size());
    SourceRecord beat = sent.get(0);
    assertEquals("beats", beat.topic());
    assertEquals(Map.of("collection", "items"), beat.sourcePartition());
    assertEquals(moved.toMap(), beat.sourceOffset());
    assertEquals(new Struct(Heartbeats.KEY_SCHEMA).put("collection", "items"), beat.key());
    assertEquals(new Struct(Heartbeats.VALUE_SCHEMA).put("collection", "items").put("phase", "streaming")
        .put("ts", T + 5), beat.value());
    assertEquals("heartbeat", beat.headers().lastWithName("fauna.op").value());

    nanos.addAndGet(Duration.ofMinutes(5).toNanos());
    assertEquals(List.of(), beats.complete(Step.caughtUp(List.of(), REST), moved).records(), "nothing moved since");
  }

  @Test
  void aRecordCarriesThePositionSoNoHeartbeatFollowsIt() {
    CollectionOffset stored = CollectionOffset.streamingFrom(T);
    Heartbeats beats = heartbeats(Duration.ofMillis(1), stored);
    CollectionOffset after = stored.withChange(new Position(T + 1, "1"));
    nanos.addAndGet(Duration.ofSeconds(1).toNanos());
    assertEquals(1, beats.complete(Step.caughtUp(List.of(record(after)), REST), after).records().size());
  }

  @Test
  void aPhaseChangeWithoutARecordIsSentAtOnceEvenWithPeriodicHeartbeatsOff() {
    Heartbeats beats = heartbeats(Duration.ZERO, null);
    CollectionOffset snapshot = CollectionOffset.freshSnapshotAt(T);
    assertEquals(List.of(), beats.complete(Step.busy(List.of()), snapshot).records(), "a fresh snapshot: none");
    CollectionOffset ended = snapshot.withPhase(Phase.STREAMING);
    List<SourceRecord> sent = beats.complete(Step.busy(List.of()), ended).records();
    assertEquals(List.of(ended.toMap()), sent.stream().map(SourceRecord::sourceOffset).toList());
    nanos.addAndGet(Duration.ofHours(1).toNanos());
    CollectionOffset moved = ended.withRemove(Position.endOf(T + 9));
    assertEquals(List.of(), beats.complete(Step.caughtUp(List.of(), REST), moved).records(), "periodic ones off");
  }

  @Test
  void snapshotModeNeverStoresItsStartAtOnce() {
    Heartbeats beats = heartbeats(Duration.ofSeconds(30), null);
    CollectionOffset start = CollectionOffset.streamingFrom(T);
    assertEquals(List.of(start.toMap()), beats.complete(Step.busy(List.of()), start).records().stream()
        .map(SourceRecord::sourceOffset).toList());
  }
}
