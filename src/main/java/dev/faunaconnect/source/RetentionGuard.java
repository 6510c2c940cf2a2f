package dev.faunaconnect.source;

import dev.faunaconnect.config.HistoryLossAction;
import dev.faunaconnect.fauna.FaunaGateway;
import dev.faunaconnect.fauna.FaunaQueryException;
import dev.faunaconnect.offset.CollectionOffset;
import dev.faunaconnect.offset.CollectionOffset.Phase;
import java.time.Instant;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Never lets a reader go on silently from a position whose history Fauna no longer keeps. Deletes are read from the
 * collection's history, so a remove position below the collection's minimum valid time means deletes made since were
 * lost; then {@code history.loss.action} decides: fail with what was lost and what to do, or say so at ERROR and
 * take a fresh snapshot. (Changes are read from the ts/ref index as it is now, so they are never lost this way, except
 * with {@code changes.mode=every_version}, which reads them from the index's history; a snapshot whose time left the
 * history is only read again.)
 */
final class RetentionGuard {
  private static final Logger log = LoggerFactory.getLogger(RetentionGuard.class);

  private final ReaderSettings settings;
  private final FaunaGateway fauna;

  RetentionGuard(ReaderSettings settings, FaunaGateway fauna) {
    this.settings = settings;
    this.fauna = fauna;
  }

  /** The offset to resume from: {@code stored}, or a fresh snapshot when history was lost and that is wanted. */
  CollectionOffset check(CollectionOffset stored) {
    return historyLost(stored) ? lost(stored) : stored;
  }

  /**
   * The snapshot's read time left the collection's history while it was read. Its deletes (and, with
   * {@code changes.mode=every_version}, its versions) are read along with its pages, so unless those were lost (the
   * task stopped or paused for longer than the history), it goes on at a new time after the last document read. It
   * emits only the documents not written after the snapshot's start (with an index, the later ones are read as
   * changes; without one, the next full sync reads them).
   */
  CollectionOffset restartExpiredSnapshot(CollectionOffset offset, FaunaQueryException e, boolean hasIndex) {
    if (deletesLost(offset) || hasIndex && versionsLost(offset)) {
      return lost(offset);
    }
    long now = fauna.now();
    log.info("Collection '{}': the snapshot's read time {} left the history the collection keeps ({}); it goes on "
        + "at {} after document {}", settings.name(), offset.snapshotTs(), e.getMessage(), now,
        offset.snapshotRef());
    return offset.withSnapshotTs(now);
  }

  private boolean historyLost(CollectionOffset offset) {
    return deletesLost(offset) || versionsLost(offset);
  }

  /**
   * With {@code changes.mode=every_version}, changes are read from the index's history too, which Fauna cuts at the
   * collection's minimum valid time without an error: a change position below it means versions were lost.
   */
  private boolean versionsLost(CollectionOffset offset) {
    return settings.everyVersion() && offset.phase() != Phase.FULL_SYNC
        && !fauna.retainsHistoryAfter(settings.name(), offset.change().ts());
  }

  private boolean deletesLost(CollectionOffset offset) {
    return settings.tracksDeletes() && !offset.removesFromHistoryStart()
        && !fauna.retainsHistoryAfter(settings.name(), offset.remove().ts());
  }

  private CollectionOffset lost(CollectionOffset offset) {
    String collection = settings.name();
    boolean deletes = deletesLost(offset);
    String stream = deletes ? "deletes" : "versions (changes.mode=every_version)";
    String what = "Collection '" + collection + "': its " + stream + " were read up to "
        + instant(deletes ? offset.remove().ts() : offset.change().ts()) + " (offset " + offset.toMap()
        + "), but Fauna no longer keeps the collection's history that far back (history_days + 15 minutes), so "
        + (deletes ? "deletes" : "versions") + " made after that time and before the oldest history kept were LOST: "
        + (deletes ? "documents deleted then stay in the topic." : "versions written then never reach the topic.");
    String keep = " To keep this from happening again, keep more history than the connector may be stopped, e.g. "
        + "Update(Collection(\"" + collection + "\"), {history_days: 7}), and keep heartbeat.interval.ms on.";
    if (settings.historyLossAction() == HistoryLossAction.FAIL) {
      throw new ConnectException(what + " To go on, set history.loss.action=snapshot (the collection is read "
          + "again from a fresh snapshot, preceded by the deletes still kept), or delete the connector's offsets "
          + "(DELETE /connectors/<name>/offsets, with the connector stopped)." + keep);
    }
    long now = fauna.now();
    log.error("{} history.loss.action=snapshot: reading the collection again from a fresh snapshot at {}, after "
        + "the deletes still kept.{}", what, now, keep);
    return CollectionOffset.freshSnapshotAt(now).withCollectionTs(offset.collectionTs());
  }

  private static Instant instant(long micros) {
    return Instant.EPOCH.plusNanos(micros * 1_000L);
  }
}
