package dev.faunaconnect.metrics;

/**
 * The metrics of one collection read by one task, as JMX attributes. Counters start at 0 when the task starts;
 * ages and lags are in milliseconds, -1 while unknown. See the README's "Metrics" section.
 */
public interface CollectionMetricsMBean {
  /** {@code starting}, {@code snapshot}, {@code streaming} or {@code full_sync}. */
  String getPhase();

  /** Documents emitted by the current (or last) snapshot since the task started. */
  long getSnapshotDocumentsRead();

  /** Records emitted with {@code fauna.op=read} (snapshot documents, over every snapshot). */
  long getRecordsRead();

  /** Records emitted with {@code fauna.op=upsert} (changes). */
  long getRecordsUpserted();

  /** Records emitted with {@code fauna.op=delete} (one or two per delete, per {@code deletes.mode}). */
  long getRecordsDeleted();

  /** Pages read from Fauna (snapshot, changes and deletes pages). */
  long getPagesRead();

  /** Queries that failed and were retried. */
  long getRetries();

  /** The message of the last failed query (retried or not), or empty. */
  String getLastError();

  /** Now minus the Fauna time of the last record emitted (for a snapshot document: the snapshot's time). */
  long getMillisBehindLastEmitted();

  /** Now minus the Fauna time the collection's streams are read through (the earlier of them). */
  long getMillisBehindReadPosition();

  /** Time since the last page was read successfully. */
  long getMillisSinceLastRead();
}
