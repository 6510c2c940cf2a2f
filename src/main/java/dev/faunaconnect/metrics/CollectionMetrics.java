package dev.faunaconnect.metrics;

import dev.faunaconnect.convert.RecordBuilder;
import dev.faunaconnect.metrics.FaunaReadListener.Stream;
import dev.faunaconnect.offset.CollectionOffset;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * The metrics of one collection read by one task. Records emitted are counted by their {@code fauna.op} header and
 * their source offset; pages, retries and errors come from the gateway. The phase follows the pages read: snapshot
 * pages mean {@code snapshot}, change pages {@code streaming}, and deletes pages after the end of a snapshot with no
 * change page {@code full_sync}. (Records are not used for it: they are polled after later pages were read.)
 */
public final class CollectionMetrics implements CollectionMetricsMBean {
  static final String STARTING = "starting";
  private static final long UNKNOWN = -1L;

  private final LongSupplier nowMillis;
  private final AtomicLong snapshotDocuments = new AtomicLong();
  private final AtomicLong read = new AtomicLong();
  private final AtomicLong upserted = new AtomicLong();
  private final AtomicLong deleted = new AtomicLong();
  private final AtomicLong pages = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();
  private volatile String phase = STARTING;
  private volatile boolean snapshotEnded;
  private volatile long snapshotTs = UNKNOWN;
  private volatile long lastEmittedMillis = UNKNOWN;
  private volatile long documentsThroughMicros = UNKNOWN;
  private volatile long removesThroughMicros = UNKNOWN;
  private volatile long lastReadAtMillis = UNKNOWN;
  private volatile String lastError = "";

  /**
   * {@code nowMillis} is the wall clock, in milliseconds since the epoch; {@code stored} is the offset the reader
   * resumes from (null: none), which gives the phase until the first page is read.
   */
  public CollectionMetrics(LongSupplier nowMillis, CollectionOffset stored) {
    this.nowMillis = nowMillis;
    if (stored != null) {
      phase = phaseName(stored.phase());
    }
  }

  /** Counts a record the task emits. */
  void emitted(SourceRecord record) {
    Header op = record.headers().lastWithName(RecordBuilder.OP_HEADER);
    if (op == null) {
      return;
    }
    switch (String.valueOf(op.value())) {
      case RecordBuilder.OP_READ -> snapshotDocument(CollectionOffset.snapshotTsIn(record.sourceOffset()));
      case RecordBuilder.OP_UPSERT -> change(upserted, record.timestamp());
      case RecordBuilder.OP_DELETE -> change(deleted, record.timestamp());
      default -> { }
    }
  }

  private void snapshotDocument(long atMicros) {
    if (atMicros != snapshotTs) {
      snapshotTs = atMicros;
      snapshotDocuments.set(0);
    }
    snapshotDocuments.incrementAndGet();
    read.incrementAndGet();
    lastEmittedMillis = Math.floorDiv(atMicros, 1000L);
  }

  private void change(AtomicLong counter, Long timestampMillis) {
    counter.incrementAndGet();
    if (timestampMillis != null) {
      lastEmittedMillis = timestampMillis;
    }
  }

  void pageRead(Stream stream, boolean more, long throughMicros) {
    pages.incrementAndGet();
    lastReadAtMillis = nowMillis.getAsLong();
    switch (stream) {
      case SNAPSHOT -> {
        phase = phaseName(CollectionOffset.Phase.SNAPSHOT);
        snapshotEnded = !more;
        documentsThroughMicros = throughMicros;
      }
      case CHANGES -> {
        phase = phaseName(CollectionOffset.Phase.STREAMING);
        documentsThroughMicros = throughMicros;
      }
      case REMOVES -> {
        if (snapshotEnded && phase.equals(phaseName(CollectionOffset.Phase.SNAPSHOT))) {
          phase = phaseName(CollectionOffset.Phase.FULL_SYNC);
        }
        removesThroughMicros = throughMicros;
      }
    }
  }

  void retrying(String error) {
    retries.incrementAndGet();
    lastError = error;
  }

  void failed(String error) {
    lastError = error;
  }

  private static String phaseName(CollectionOffset.Phase p) {
    return p.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String getPhase() {
    return phase;
  }

  @Override
  public long getSnapshotDocumentsRead() {
    return snapshotDocuments.get();
  }

  @Override
  public long getRecordsRead() {
    return read.get();
  }

  @Override
  public long getRecordsUpserted() {
    return upserted.get();
  }

  @Override
  public long getRecordsDeleted() {
    return deleted.get();
  }

  @Override
  public long getPagesRead() {
    return pages.get();
  }

  @Override
  public long getRetries() {
    return retries.get();
  }

  @Override
  public String getLastError() {
    return lastError;
  }

  @Override
  public long getMillisBehindLastEmitted() {
    return age(lastEmittedMillis);
  }

  @Override
  public long getMillisBehindReadPosition() {
    long documents = documentsThroughMicros;
    long removes = removesThroughMicros;
    long through = documents == UNKNOWN ? removes : removes == UNKNOWN ? documents : Math.min(documents, removes);
    return through == UNKNOWN ? UNKNOWN : age(Math.floorDiv(through, 1000L));
  }

  @Override
  public long getMillisSinceLastRead() {
    return age(lastReadAtMillis);
  }

  /** Milliseconds from {@code millis} to now (never negative, whatever the clocks' skew), or -1 if unknown. */
  private long age(long millis) {
    return millis == UNKNOWN ? UNKNOWN : Math.max(0L, nowMillis.getAsLong() - millis);
  }
}
