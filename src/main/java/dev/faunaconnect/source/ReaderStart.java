package dev.faunaconnect.source;

import dev.faunaconnect.config.SnapshotMode;
import dev.faunaconnect.fauna.FaunaGateway;
import dev.faunaconnect.fauna.FaunaQueryException;
import dev.faunaconnect.fauna.IndexInspector;
import dev.faunaconnect.offset.CollectionOffset;
import dev.faunaconnect.offset.CollectionOffset.Phase;
import dev.faunaconnect.offset.Position;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the reader of a collection starts: which index serves its changes (none: full sync), where it resumes (the
 * stored offset, or a fresh snapshot, or "now" with {@code snapshot.mode=never}), and whether its deletes are safe:
 * a stored position whose history is gone is handled by the {@link RetentionGuard}. A stored offset of another
 * collection of the same name (one deleted and created again since) is not resumed: the collection is new, and
 * starts as {@code snapshot.mode} says. The offset keeps which collection it belongs to
 * ({@link CollectionOffset#collectionTs()}).
 */
final class ReaderStart {
  private static final Logger log = LoggerFactory.getLogger(ReaderStart.class);

  /** The index of the collection's changes (empty: full sync) and the offset to resume from. */
  record Start(Optional<String> index, CollectionOffset offset) {}

  private final ReaderSettings settings;
  private final FaunaGateway fauna;
  private final IndexInspector inspector;
  private final RetentionGuard guard;

  ReaderStart(ReaderSettings settings, FaunaGateway fauna, IndexInspector inspector) {
    this.settings = settings;
    this.fauna = fauna;
    this.inspector = inspector;
    this.guard = new RetentionGuard(settings, fauna);
  }

  RetentionGuard guard() {
    return guard;
  }

  Start start(CollectionOffset stored) {
    long identity = identity();
    CollectionOffset from = stored != null && identity != 0L && !sameCollection(stored) ? null : stored;
    Optional<String> index = resolveIndex();
    CollectionOffset offset = from == null ? initial(index) : resume(from, index);
    RetentionCheck.Needs needs = new RetentionCheck.Needs(settings.tracksDeletes(),
        settings.everyVersion() && index.isPresent());
    if (needs.any()) {
      checkRetention(offset, needs);
    }
    return new Start(index, identity == 0L ? offset : offset.withCollectionTs(identity));
  }

  /**
   * The ts of the collection document now, which tells this collection from any other of its name (0 when the
   * collection does not exist, or when the key of a collection named in {@code collections} may not read it).
   */
  private long identity() {
    try {
      return fauna.collectionTs(settings.name()).orElse(0L);
    } catch (FaunaQueryException e) {
      if (e.kind() != FaunaQueryException.Kind.PERMISSION_DENIED || settings.discovered()) {
        throw e;
      }
      log.warn("Collection '{}': the key may not read its collection document, so a collection deleted and created "
          + "again under this name cannot be told from this one. Give the key's role read on Collections(). {}",
          settings.name(), e.getMessage());
      return 0L;
    }
  }

  /**
   * Whether the stored offset belongs to the collection living now: that collection had its version at the
   * offset's {@code collection_ts}. An offset stored by an earlier version has none; it is taken by its snapshot
   * time, at which its reader was reading the collection.
   */
  private boolean sameCollection(CollectionOffset stored) {
    long lived = stored.collectionTs() != 0L ? stored.collectionTs() : stored.snapshotTs();
    if (fauna.collectionLivedAt(settings.name(), lived)) {
      return true;
    }
    log.warn("Collection '{}' was deleted and created again since its offset was stored (the collection of that "
        + "name now did not exist at {}; offset {}): it is a new collection, started as snapshot.mode={} says, "
        + "and the old one's position is not resumed", settings.name(), lived, stored.toMap(),
        settings.snapshotMode().name().toLowerCase(java.util.Locale.ROOT));
    return false;
  }

  private Optional<String> resolveIndex() {
    String collection = settings.name();
    Optional<String> configured = settings.collection().index();
    if (configured.isPresent()) {
      String index = configured.get();
      List<String> problems = fauna.inspect("Get(Index(\"" + index + "\"))", "Indexes()", collection,
          client -> inspector.problems(client, index, collection));
      if (!problems.isEmpty()) {
        throw new ConnectException("collection." + collection + ".index = " + index + " cannot serve incremental "
            + "sync of collection '" + collection + "': " + String.join("; ", problems));
      }
      return configured;
    }
    try {
      Optional<String> found = fauna.inspect("Map(Paginate(Indexes()), Lambda(\"index\", Get(Var(\"index\"))))",
          "Indexes()", collection, client -> inspector.findIncrementalIndex(client, collection));
      found.ifPresentOrElse(i -> log.info("Collection '{}': changes are read through index '{}'", collection, i),
          () -> log.warn("Collection '{}' has no incremental index, so it is read in full every {} (full sync). To "
              + "stream its changes, create one: {}", collection, settings.fullSyncInterval(),
              IndexInspector.createIndexFql(collection + "_by_ts", collection)));
      return found;
    } catch (FaunaQueryException e) {
      if (e.kind() != FaunaQueryException.Kind.PERMISSION_DENIED) {
        throw e;
      }
      log.warn("Collection '{}': the key may not list indexes, so it is read in full every {} (full sync). {}",
          collection, settings.fullSyncInterval(), e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * No stored offset: a first start, or a restart of an attempt that died before any offset was stored. A snapshot
   * therefore starts after the deletes still in history ({@link CollectionOffset#freshSnapshotAt}).
   */
  private CollectionOffset initial(Optional<String> index) {
    long now = fauna.now();
    if (settings.snapshotMode() == SnapshotMode.NEVER) {
      log.info("Collection '{}' has no stored offset: streaming the changes made after {}", settings.name(), now);
      CollectionOffset fromNow = CollectionOffset.streamingFrom(now);
      return index.isPresent() ? fromNow : fromNow.withPhase(Phase.FULL_SYNC);
    }
    log.info("Collection '{}' has no stored offset: a snapshot at {}, after the deletes its history still keeps "
        + "(a first start, or a restart of an attempt that stored no offset)", settings.name(), now);
    return CollectionOffset.freshSnapshotAt(now);
  }

  /**
   * The stored offset, checked against the history, then fitted to the index found. A switch from full sync to
   * streaming is checked again: with {@code changes.mode=every_version}, the versions since the last full sync are
   * read from the index's history, which may no longer reach back that far.
   */
  private CollectionOffset resume(CollectionOffset stored, Optional<String> index) {
    CollectionOffset checked = guard.check(stored);
    if (checked != stored) {
      return checked;
    }
    CollectionOffset reconciled = reconcile(stored, index);
    return stored.phase() == Phase.FULL_SYNC && reconciled.phase() == Phase.STREAMING
        ? guard.check(reconciled) : reconciled;
  }

  private CollectionOffset reconcile(CollectionOffset stored, Optional<String> index) {
    String collection = settings.name();
    if (stored.phase() == Phase.STREAMING && index.isEmpty()) {
      log.warn("Collection '{}' has no usable index any more: switching to full sync, starting with a snapshot",
          collection);
      return stored.restartSnapshotAt(fauna.now(), changedAfter(stored.change()));
    }
    if (stored.phase() == Phase.FULL_SYNC && index.isPresent()) {
      log.info("Collection '{}' now has index '{}': reading the changes made after its last full sync", collection,
          index.get());
      return stored.withPhase(Phase.STREAMING).withChange(Position.endOf(stored.snapshotStart()));
    }
    log.info("Collection '{}' resumes from {}", collection, stored);
    return stored;
  }

  /** With {@code snapshot.mode=never}, a full sync emits only the documents written after {@code read}. */
  long changedAfter(Position read) {
    if (settings.snapshotMode() != SnapshotMode.NEVER) {
      return 0L;
    }
    return read.ref() == null ? read.ts() : read.ts() - 1;
  }

  private void checkRetention(CollectionOffset offset, RetentionCheck.Needs needs) {
    String collection = settings.name();
    OptionalLong days;
    try {
      days = fauna.historyDays(collection);
    } catch (FaunaQueryException e) {
      if (e.kind() != FaunaQueryException.Kind.PERMISSION_DENIED) {
        throw e;
      }
      log.warn("Cannot check how long collection '{}' keeps the history its {} are read from: {}", collection,
          needs.what(), e.getMessage());
      return;
    }
    long now = fauna.now();
    long lastRead = needs.deletes() && !offset.removesFromHistoryStart() ? offset.remove().ts() : now;
    if (needs.versions() && offset.phase() == Phase.STREAMING) {
      lastRead = Math.min(lastRead, offset.change().ts());
    }
    RetentionCheck.warnings(collection, days, settings.pollInterval(), lastRead, now, needs).forEach(log::warn);
  }
}
