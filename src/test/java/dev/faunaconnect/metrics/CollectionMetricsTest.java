package dev.faunaconnect.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.faunaconnect.convert.FaunaDocument;
import dev.faunaconnect.config.FaunaSourceConfig;
import dev.faunaconnect.convert.RecordBuilder;
import dev.faunaconnect.metrics.FaunaReadListener.Stream;
import dev.faunaconnect.offset.CollectionOffset;
import dev.faunaconnect.offset.CollectionPartition;
import dev.faunaconnect.offset.Position;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** The values of one collection's metrics after a known sequence of records, pages, retries and failures. */
class CollectionMetricsTest {
  /** The snapshot time, in microseconds; every time below is this plus some milliseconds. */
  private static final long T = 1_767_225_600_000_000L;
  private static final Map<String, String> PARTITION = CollectionPartition.of("items");

  private final AtomicLong now = new AtomicLong(ms(T) + 10_000);
  private final RecordBuilder records = new RecordBuilder(config(), config().settingsFor("items"));

  private static FaunaSourceConfig config() {
    return new FaunaSourceConfig(Map.of("fauna.endpoint", "http://127.0.0.1:8443", "fauna.secret", "s",
        "collections", "items", "deletes.mode", "column_and_tombstone"));
  }

  private static long ms(long micros) {
    return micros / 1000;
  }

  private static long at(long millisAfterT) {
    return T + millisAfterT * 1000;
  }

  private SourceRecord read(String id, CollectionOffset offset, long docTs) {
    return records.document(PARTITION, offset.withSnapshotRef(id).toMap(), new FaunaDocument(id, docTs, "{}", List.of()), RecordBuilder.OP_READ);
  }

  private SourceRecord upsert(String id, long ts) {
    CollectionOffset offset = CollectionOffset.snapshotAt(T).withPhase(CollectionOffset.Phase.STREAMING)
        .withChange(new Position(ts, id));
    return records.document(PARTITION, offset.toMap(), new FaunaDocument(id, ts, "{}", List.of()), RecordBuilder.OP_UPSERT);
  }

  private List<SourceRecord> delete(String id, long ts) {
    CollectionOffset offset = CollectionOffset.snapshotAt(T).withPhase(CollectionOffset.Phase.STREAMING)
        .withRemove(new Position(ts, id));
    return records.deleted(PARTITION, offset.toMap(), id, ts);
  }

  private static Map<String, Object> values(CollectionMetrics m) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("Phase", m.getPhase());
    v.put("SnapshotDocumentsRead", m.getSnapshotDocumentsRead());
    v.put("RecordsRead", m.getRecordsRead());
    v.put("RecordsUpserted", m.getRecordsUpserted());
    v.put("RecordsDeleted", m.getRecordsDeleted());
    v.put("PagesRead", m.getPagesRead());
    v.put("Retries", m.getRetries());
    v.put("LastError", m.getLastError());
    v.put("MillisBehindLastEmitted", m.getMillisBehindLastEmitted());
    v.put("MillisBehindReadPosition", m.getMillisBehindReadPosition());
    v.put("MillisSinceLastRead", m.getMillisSinceLastRead());
    return v;
  }

  private static Map<String, Object> expected(String phase, long snapshotDocs, long read, long upserted,
      long deleted, long pages, long retries, String lastError, long behindEmitted, long behindRead,
      long sinceRead) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("Phase", phase);
    v.put("SnapshotDocumentsRead", snapshotDocs);
    v.put("RecordsRead", read);
    v.put("RecordsUpserted", upserted);
    v.put("RecordsDeleted", deleted);
    v.put("PagesRead", pages);
    v.put("Retries", retries);
    v.put("LastError", lastError);
    v.put("MillisBehindLastEmitted", behindEmitted);
    v.put("MillisBehindReadPosition", behindRead);
    v.put("MillisSinceLastRead", sinceRead);
    return v;
  }

  @Test
  void aSnapshotThenChangesDeletesRetriesAndAFailure() {
    CollectionMetrics m = new CollectionMetrics(now::get, null);
    assertEquals(expected("starting", 0, 0, 0, 0, 0, 0, "", -1, -1, -1), values(m));

    CollectionOffset snapshot = CollectionOffset.snapshotAt(T);
    m.pageRead(Stream.SNAPSHOT, true, new Position(T, "2").ts());
    m.emitted(read("1", snapshot, at(-5000)));
    m.emitted(read("2", snapshot, at(-4000)));
    now.addAndGet(250);
    // 10.25 s after T: the snapshot documents stand at T, and so does the snapshot stream
    assertEquals(expected("snapshot", 2, 2, 0, 0, 1, 0, "", 10_250, 10_250, 250), values(m));

    m.pageRead(Stream.SNAPSHOT, false, at(10_200));
    m.emitted(read("3", snapshot, at(-3000)));
    m.pageRead(Stream.CHANGES, false, at(10_240));
    m.pageRead(Stream.REMOVES, false, at(10_245));
    // streaming, read through the earlier of the two streams
    assertEquals(expected("streaming", 3, 3, 0, 0, 4, 0, "", 10_250, 10, 0), values(m));

    m.emitted(upsert("4", at(10_000)));
    delete("2", at(10_100)).forEach(m::emitted);
    m.retrying("Fauna answered 503");
    m.retrying("Fauna answered 429");
    now.addAndGet(1000);
    assertEquals(expected("streaming", 3, 3, 1, 2, 4, 2, "Fauna answered 429", 1150, 1010, 1000), values(m));

    m.failed("Gave up after 3 attempts");
    m.pageRead(Stream.CHANGES, false, at(11_250));
    assertEquals(expected("streaming", 3, 3, 1, 2, 5, 2, "Gave up after 3 attempts", 1150, 1005, 0), values(m));
  }

  @Test
  void aNewSnapshotCountsItsDocumentsAfresh() {
    CollectionMetrics m = new CollectionMetrics(now::get, null);
    CollectionOffset first = CollectionOffset.snapshotAt(T);
    m.emitted(read("1", first, at(-5000)));
    m.emitted(read("2", first, at(-5000)));
    CollectionOffset second = CollectionOffset.snapshotAt(at(5000));
    m.emitted(read("1", second, at(-5000)));
    assertEquals(1, m.getSnapshotDocumentsRead());
    assertEquals(3, m.getRecordsRead());
    assertEquals(5000, m.getMillisBehindLastEmitted());
  }

  @Test
  void deletesPagesAfterTheEndOfASnapshotWithoutChangePagesMeanFullSync() {
    CollectionMetrics m = new CollectionMetrics(now::get, null);
    m.pageRead(Stream.SNAPSHOT, true, T);
    m.pageRead(Stream.REMOVES, false, at(100));
    assertEquals("snapshot", m.getPhase(), "deletes read while the snapshot is not finished");
    m.pageRead(Stream.SNAPSHOT, false, at(200));
    m.pageRead(Stream.REMOVES, false, at(300));
    assertEquals("full_sync", m.getPhase());
    assertEquals(10_000 - 200, m.getMillisBehindReadPosition(), "changes are read only by the next snapshot");
    m.pageRead(Stream.SNAPSHOT, true, at(9000));
    assertEquals("snapshot", m.getPhase());
  }

  @Test
  void theStoredOffsetGivesThePhaseUntilThePagesSay() {
    CollectionOffset stored = CollectionOffset.snapshotAt(T).withPhase(CollectionOffset.Phase.FULL_SYNC);
    CollectionMetrics m = new CollectionMetrics(now::get, stored);
    assertEquals("full_sync", m.getPhase());
    m.pageRead(Stream.REMOVES, false, at(100));
    assertEquals("full_sync", m.getPhase());
    assertEquals("streaming", new CollectionMetrics(now::get, CollectionOffset.streamingFrom(T)).getPhase());
  }

  @Test
  void aFaunaClockAheadOfTheWorkerNeverGivesANegativeLag() {
    CollectionMetrics m = new CollectionMetrics(now::get, null);
    m.pageRead(Stream.CHANGES, false, at(60_000));
    m.emitted(upsert("1", at(60_000)));
    assertEquals(0, m.getMillisBehindReadPosition());
    assertEquals(0, m.getMillisBehindLastEmitted());
  }
}
