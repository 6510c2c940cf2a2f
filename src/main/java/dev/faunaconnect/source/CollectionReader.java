package dev.faunaconnect.source;

import dev.faunaconnect.convert.FaunaDocument;
import dev.faunaconnect.convert.RecordBuilder;
import dev.faunaconnect.fauna.FaunaGateway;
import dev.faunaconnect.fauna.FaunaQueryException;
import dev.faunaconnect.fauna.Page;
import dev.faunaconnect.offset.CollectionOffset;
import dev.faunaconnect.offset.CollectionOffset.Phase;
import dev.faunaconnect.offset.CollectionPartition;
import dev.faunaconnect.offset.Position;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one collection, one page per step, as a small state machine whose whole state is a {@link CollectionOffset}:
 * <ul>
 *   <li>{@code SNAPSHOT}: the documents at the fixed time T, page after page (resumable after the last document
 *       emitted); first, the deletes up to T that are still unread (after a full sync or a restart of the
 *       snapshot, and, for a fresh start, every delete still in history: an earlier attempt may have emitted
 *       documents without storing an offset). At the end: {@code STREAMING} if the collection has an index, else
 *       {@code FULL_SYNC}; the last document's record carries that next phase.</li>
 *   <li>{@code STREAMING}: the changes after the last one emitted, from the ts/ref index, merged in (ts, ref) order
 *       with the deletes after the last one emitted. With {@code changes.mode=every_version}, the changes are every
 *       version written, from the index's set events ({@link FaunaGateway#versionsAfter}).</li>
 *   <li>{@code FULL_SYNC}: deletes only, until {@code full.sync.interval.ms} after T, then a new snapshot.</li>
 * </ul>
 * Every record carries the offset right after it, so a restart resumes exactly after the last record stored; a
 * position that moves without a record is stored by a heartbeat ({@link Heartbeats}).
 */
final class CollectionReader {
  private static final Logger log = LoggerFactory.getLogger(CollectionReader.class);
  /**
   * A snapshot reads the history streams along with its pages once their positions would leave the collection's
   * history within this time: so a short snapshot is followed by them as before, and a long one keeps them inside
   * the history (with {@code history_days} 0, which keeps 15 minutes, they stay within 5 minutes of now).
   */
  static final Duration HISTORY_MARGIN = Duration.ofMinutes(10);
  /** At most this many pages of the history streams are read along with each page of a snapshot. */
  static final int HISTORY_PAGES_PER_SNAPSHOT_PAGE = 4;

  private final ReaderSettings settings;
  private final FaunaGateway fauna;
  private final RecordBuilder records;
  private final ReaderStart starter;
  private final Map<String, String> partition;
  private final CollectionOffset stored;
  private final Heartbeats heartbeats;
  private Optional<String> index;
  private CollectionOffset offset;
  private TtlExpiries expiries = TtlExpiries.none();

  CollectionReader(ReaderSettings settings, FaunaGateway fauna, RecordBuilder records, ReaderStart starter,
      CollectionOffset stored) {
    this.settings = settings;
    this.fauna = fauna;
    this.records = records;
    this.starter = starter;
    this.partition = CollectionPartition.of(settings.name());
    this.stored = stored;
    this.heartbeats = new Heartbeats(settings.name(), settings.heartbeatTopic(), settings.heartbeatInterval(),
        System::nanoTime, stored);
  }

  String collection() {
    return settings.name();
  }

  /** Where the reader stands (null before its first step). */
  CollectionOffset offset() {
    return offset;
  }

  /** The ttl expiries it follows: for tests. */
  TtlExpiries expiries() {
    return expiries;
  }

  /** One step: the start (a step of its own, so a new start position is stored before anything is read), or one page. */
  Step step() {
    if (offset == null) {
      ReaderStart.Start start = starter.start(stored);
      index = start.index();
      offset = start.offset();
      expiries = TtlExpiries.open(settings, fauna);
      return heartbeats.complete(Step.busy(List.of()), offset);
    }
    Step step;
    try {
      step = switch (offset.phase()) {
        case SNAPSHOT -> snapshotStep();
        case STREAMING -> streamingStep();
        case FULL_SYNC -> fullSyncStep();
      };
    } catch (FaunaQueryException e) {
      step = afterHistoryLoss(e);
    }
    return heartbeats.complete(step, offset);
  }

  /**
   * A history read (deletes, or versions) refused because its position is below the history Fauna keeps (the
   * first page of each read checks it, since Fauna would cut the read there without an error): the retention policy
   * decides, failing the task or taking a fresh snapshot. Any other failure goes on to the task.
   */
  private Step afterHistoryLoss(FaunaQueryException e) {
    CollectionOffset checked = e.kind() == FaunaQueryException.Kind.SNAPSHOT_EXPIRED
        ? starter.guard().check(offset) : offset;
    if (checked == offset) {
      throw e;
    }
    offset = checked;
    return Step.busy(List.of());
  }

  private Step snapshotStep() {
    if (settings.tracksDeletes() && offset.remove().compareTo(Position.endOf(offset.snapshotStart())) < 0) {
      return removesUpToSnapshot();
    }
    List<SourceRecord> out = new ArrayList<>();
    boolean historyDue = historyDue();
    if (!historyDue) {
      expiries.keepAhead(offset.remove()); // its window stays ahead: the expiries come after the snapshot
    }
    for (int i = 0; historyDue && i < HISTORY_PAGES_PER_SNAPSHOT_PAGE; i++) {
      Step history = historyDuringSnapshot();
      out.addAll(history.records());
      if (!history.rest().isZero()) {
        break;
      }
    }
    Page<FaunaDocument> page;
    try {
      page = fauna.snapshotAfter(collection(), offset.snapshotTs(), offset.snapshotRef(), settings.pageSize());
    } catch (FaunaQueryException e) {
      if (e.kind() != FaunaQueryException.Kind.SNAPSHOT_EXPIRED) {
        throw e;
      }
      offset = starter.guard().restartExpiredSnapshot(offset, e, index.isPresent());
      return Step.busy(out);
    }
    int first = out.size();
    for (FaunaDocument document : page.items()) {
      Position position = FaunaGateway.positionOf(document);
      offset = offset.withSnapshotRef(position.ref());
      if (emittedBySnapshot(position)) {
        out.add(records.document(partition, offset.toMap(), document, RecordBuilder.OP_READ));
      }
    }
    if (!page.more()) {
      offset = offset.withPhase(index.isPresent() ? Phase.STREAMING : Phase.FULL_SYNC).withSnapshotStart(0L);
      log.info("Collection '{}': snapshot at {} read; now {}", collection(), offset.snapshotTs(), offset.phase());
      if (out.size() > first) {
        out.set(out.size() - 1, withOffset(out.get(out.size() - 1), offset.toMap()));
      }
    }
    return Step.busy(out);
  }

  /**
   * While the snapshot is read, a page of the history streams after its start, as the streaming step reads them:
   * the deletes (removes and ttl expiries) and, with {@code changes.mode=every_version}, the versions. So their
   * positions stay inside the history however long the snapshot takes. An event for a document beyond the
   * snapshot's cursor moves the snapshot's read time to it ({@link #aheadOfSnapshot}). Read up to
   * {@link #HISTORY_PAGES_PER_SNAPSHOT_PAGE} times per snapshot page while more follow, so that writes made faster
   * than a page per step (a mass delete) do not leave it behind. A step that rests means all were read.
   */
  private Step historyDuringSnapshot() {
    boolean versions = settings.everyVersion() && index.isPresent();
    if (!settings.tracksDeletes() && !versions) {
      return Step.caughtUp(List.of(), settings.pollInterval());
    }
    Page<Position> expired = expiries.after(offset.remove());
    if (behind(expired)) {
      return Step.busy(List.of());
    }
    if (versions && offset.snapshotStartTs() == 0L) {
      offset = offset.withSnapshotStart(offset.change().ts());
    }
    Page<FaunaDocument> changes = versions
        ? fauna.versionsAfter(index.orElseThrow(), collection(), offset.change(), settings.pageSize())
        : Page.none();
    Page<Position> removes = settings.tracksDeletes()
        ? expiries.withoutTtlUpdates(fauna.removesAfter(collection(), offset.remove(), settings.pageSize()))
        : Page.none();
    return emit(ChangeMerge.merge(changes, FaunaGateway::positionOf, List.of(removes, expired)), versions,
        settings.tracksDeletes(), settings.pollInterval());
  }

  /** Whether the history streams a snapshot leaves behind would leave the history within {@link #HISTORY_MARGIN}. */
  private boolean historyDue() {
    boolean versions = settings.everyVersion() && index.isPresent();
    if (!settings.tracksDeletes() && !versions) {
      return false;
    }
    long read = Math.min(settings.tracksDeletes() ? offset.remove().ts() : Long.MAX_VALUE,
        versions ? offset.change().ts() : Long.MAX_VALUE);
    // the history's start moves on with the clock: in HISTORY_MARGIN, it passes read if it is past this now
    return !fauna.retainsHistoryAfter(collection(), read - HISTORY_MARGIN.toNanos() / 1_000L);
  }

  /**
   * An event emitted during the snapshot for a document beyond its cursor would be followed by the snapshot's older
   * version of it: the snapshot is read at the event's time from then on, when the document is gone or written after
   * the snapshot's start, so the snapshot does not emit it ({@link #emittedBySnapshot}; without an index, it emits
   * what it reads then, which is newer). A document at or before the cursor was already emitted.
   */
  private void aheadOfSnapshot(Position event) {
    if (offset.phase() == Phase.SNAPSHOT && event.ts() > offset.snapshotTs()
        && (offset.snapshotRef() == null || Position.compareIds(event.ref(), offset.snapshotRef()) > 0)) {
      offset = offset.withSnapshotTs(event.ts());
    }
  }

  /**
   * Whether a document the snapshot read is its to emit: not written before {@code changed_after_ts}, and not
   * written after the changes' start (after a snapshot that went on at a later time, those are read as changes).
   */
  private boolean emittedBySnapshot(Position document) {
    return document.ts() > offset.changedAfter()
        && (index.isEmpty() || document.ts() <= offset.snapshotStart());
  }

  /** Emits the deletes up to the snapshot time, so none of them follows the snapshot's records. */
  private Step removesUpToSnapshot() {
    Position end = Position.endOf(offset.snapshotStart());
    Page<Position> expired = expiries.after(offset.remove());
    if (behind(expired)) {
      return Step.busy(List.of());
    }
    Page<Position> removes = expiries.withoutTtlUpdates(fauna.removesAfter(collection(), offset.remove(),
        settings.pageSize()));
    ChangeMerge.Result deletes = ChangeMerge.merge(Page.none(), FaunaGateway::positionOf, List.of(removes, expired));
    List<SourceRecord> out = new ArrayList<>();
    deletes.events().stream().map(ChangeEvent::position).filter(p -> p.compareTo(end) <= 0)
        .forEach(p -> out.addAll(delete(p)));
    offset = offset.withRemove(min(end, deletes.horizon()));
    return Step.busy(out);
  }

  private Step streamingStep() {
    Page<Position> expired = expiries.after(offset.remove());
    if (behind(expired)) {
      return Step.busy(List.of());
    }
    Page<FaunaDocument> changes = settings.everyVersion()
        ? fauna.versionsAfter(index.orElseThrow(), collection(), offset.change(), settings.pageSize())
        : fauna.changesAfter(index.orElseThrow(), collection(), offset.change(), settings.pageSize());
    Page<Position> removes = settings.tracksDeletes()
        ? expiries.withoutTtlUpdates(fauna.removesAfter(collection(), offset.remove(), settings.pageSize()))
        : Page.none();
    return emit(ChangeMerge.merge(changes, FaunaGateway::positionOf, List.of(removes, expired)), true,
        settings.tracksDeletes(), settings.pollInterval());
  }

  private Step fullSyncStep() {
    long now = fauna.now();
    long dueAt = offset.snapshotStart() + settings.fullSyncInterval().toNanos() / 1_000L;
    if (now >= dueAt) {
      log.info("Collection '{}': full sync at {}", collection(), now);
      offset = offset.restartSnapshotAt(now, starter.changedAfter(Position.endOf(offset.snapshotStart())));
      return Step.busy(List.of());
    }
    Duration untilDue = Duration.ofNanos((dueAt - now) * 1_000L);
    if (!settings.tracksDeletes()) {
      return Step.caughtUp(List.of(), untilDue);
    }
    Page<Position> expired = expiries.after(offset.remove());
    if (behind(expired)) {
      return Step.busy(List.of());
    }
    Page<Position> removes = expiries.withoutTtlUpdates(fauna.removesAfter(collection(), offset.remove(),
        settings.pageSize()));
    Duration rest = untilDue.compareTo(settings.pollInterval()) < 0 ? untilDue : settings.pollInterval();
    return emit(ChangeMerge.merge(Page.none(), FaunaGateway::positionOf, List.of(removes, expired)), false, true,
        rest);
  }

  /** Emits the merged events; then the streams read stand at the horizon, which they were read through. */
  private Step emit(ChangeMerge.Result merged, boolean changesRead, boolean removesRead, Duration restWhenComplete) {
    List<SourceRecord> out = new ArrayList<>();
    for (ChangeEvent event : merged.events()) {
      aheadOfSnapshot(event.position());
      if (event instanceof ChangeEvent.Upsert upsert) {
        offset = offset.withChange(upsert.position());
        out.add(records.document(partition, offset.toMap(), upsert.document(), RecordBuilder.OP_UPSERT));
      } else {
        out.addAll(delete(event.position()));
      }
    }
    // a stream never moves back: a record's offset may hold one stream ahead of the other (resumed from it, the
    // horizon of both can be behind the one ahead)
    if (changesRead) {
      offset = offset.withChange(max(offset.change(), merged.horizon()));
    }
    if (removesRead) {
      offset = offset.withRemove(max(offset.remove(), merged.horizon()));
    }
    return merged.complete() ? Step.caughtUp(out, restWhenComplete) : Step.busy(out);
  }

  /** Whether the ttl expiries are still replayed below the last delete emitted: then nothing else is read yet. */
  private boolean behind(Page<Position> expired) {
    return expired.more() && expired.through().compareTo(offset.remove()) <= 0;
  }

  private static Position min(Position a, Position b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static Position max(Position a, Position b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /**
   * The records of a delete. When there are two (the deletes-column record, then the tombstone), the first carries
   * the offset from before the delete, so a restart after only the first was stored emits both again.
   */
  private List<SourceRecord> delete(Position removed) {
    Map<String, Object> before = offset.toMap();
    offset = offset.withRemove(removed);
    List<SourceRecord> out = new ArrayList<>(records.deleted(partition, offset.toMap(), removed.ref(), removed.ts()));
    for (int i = 0; i < out.size() - 1; i++) {
      out.set(i, withOffset(out.get(i), before));
    }
    return out;
  }

  private static SourceRecord withOffset(SourceRecord r, Map<String, ?> offset) {
    return new SourceRecord(r.sourcePartition(), offset, r.topic(), r.kafkaPartition(), r.keySchema(), r.key(),
        r.valueSchema(), r.value(), r.timestamp(), r.headers());
  }
}
