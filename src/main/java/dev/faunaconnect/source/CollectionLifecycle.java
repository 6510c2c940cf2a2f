package dev.faunaconnect.source;

import dev.faunaconnect.fauna.FaunaGateway;
import dev.faunaconnect.fauna.FaunaQueryException;
import dev.faunaconnect.fauna.FaunaQueryException.Kind;
import dev.faunaconnect.offset.CollectionOffset;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one owner, in a task, of a collection's lifecycle: streaming, gone, re-created, unreadable. It steps the
 * collection's reader; when a read of a discovered collection fails because the collection or its index is missing
 * or the key may not read it, it asks Fauna what happened instead of guessing from the query that failed first:
 * <ul>
 *   <li>gone (the collection no longer exists: the real server deletes its indexes with it, so the index query may
 *       fail first): let go, and looked for again every {@code collections.refresh.interval.ms};</li>
 *   <li>still there: the reader starts again from where it stands. The start tells, by the identity the offset
 *       keeps, a collection deleted and created again (a new collection: started as {@code snapshot.mode} says)
 *       from the same collection, updated or not, that lost its index (it goes on in full sync);</li>
 *   <li>back after it was gone: a new collection, streamed from its start;</li>
 *   <li>unreadable (403): a WARN, and tried again every refresh interval, while the other collections go on.</li>
 * </ul>
 * A collection named in {@code collections} is the user's explicit wish: any failure of it fails the task.
 */
final class CollectionLifecycle {
  private static final Logger log = LoggerFactory.getLogger(CollectionLifecycle.class);

  /** Builds the collection's reader, resuming from {@code from} (null: a fresh start). */
  interface ReaderFactory {
    CollectionReader create(CollectionOffset from);
  }

  enum State { STREAMING, GONE, UNREADABLE }

  private final String collection;
  private final boolean discovered;
  private final ReaderFactory factory;
  private final FaunaGateway fauna;
  private final Duration recheck;
  private CollectionOffset resumeFrom;
  private CollectionReader reader;
  private State state = State.STREAMING;

  CollectionLifecycle(ReaderSettings settings, ReaderFactory factory, FaunaGateway fauna, CollectionOffset stored) {
    this.collection = settings.name();
    this.discovered = settings.discovered();
    this.factory = factory;
    this.fauna = fauna;
    this.recheck = settings.recheckInterval();
    this.resumeFrom = stored;
  }

  String collection() {
    return collection;
  }

  State state() {
    return state;
  }

  /** Where the collection's reader stands (null before its first step). */
  CollectionOffset offset() {
    return reader == null ? resumeFrom : reader.offset() == null ? resumeFrom : reader.offset();
  }

  Step step() {
    return switch (state) {
      case STREAMING -> streamingStep();
      case GONE -> lookForGone();
      case UNREADABLE -> retryUnreadable();
    };
  }

  private Step streamingStep() {
    try {
      if (reader == null) {
        reader = factory.create(resumeFrom);
      }
      return reader.step();
    } catch (FaunaQueryException e) {
      if (!discovered) {
        throw e;
      }
      return switch (e.kind()) {
        case UNKNOWN_COLLECTION, UNKNOWN_INDEX -> missing(e);
        case PERMISSION_DENIED -> unreadable(e);
        default -> throw e;
      };
    }
  }

  private Step missing(FaunaQueryException e) {
    if (fauna.collectionTs(collection).isEmpty()) {
      log.warn("Collection '{}' was deleted ({}); letting it go, and looking for it again every {}", collection,
          e.getMessage(), recheck);
      state = State.GONE;
      return Step.caughtUp(List.of(), recheck);
    }
    log.warn("Collection '{}': {}; starting its reader again from where it stands", collection, e.getMessage());
    restartFrom(offset());
    return Step.busy(List.of());
  }

  private Step recreated() {
    log.warn("Collection '{}' was deleted and created again: streaming the new collection from its start",
        collection);
    state = State.STREAMING;
    restartFrom(null);
    return Step.busy(List.of());
  }

  private Step unreadable(FaunaQueryException e) {
    log.warn("Collection '{}' is listed but may not be read, so it is skipped while the other collections go on; "
        + "trying again every {}. {}", collection, recheck, e.getMessage());
    state = State.UNREADABLE;
    return Step.caughtUp(List.of(), recheck);
  }

  private Step lookForGone() {
    return fauna.collectionTs(collection).isEmpty() ? Step.caughtUp(List.of(), recheck) : recreated();
  }

  private Step retryUnreadable() {
    state = State.STREAMING;
    restartFrom(offset());
    return Step.busy(List.of());
  }

  /** A new reader at the next step; {@code from} null starts afresh. */
  private void restartFrom(CollectionOffset from) {
    resumeFrom = from;
    reader = null;
  }
}
