package dev.faunaconnect.source;

import dev.faunaconnect.fauna.FaunaGateway;
import dev.faunaconnect.fauna.FaunaQueryException;
import dev.faunaconnect.fauna.FaunaQueryException.Kind;
import dev.faunaconnect.offset.CollectionOffset;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one owner, in a task, of a collection's lifecycle: streaming, gone, re-created, unreadable. It steps the
 * collection's reader; when a read of a discovered collection fails because the collection or its index is missing
 * or the key may not read it, it asks Fauna what happened instead of guessing from the query that failed first:
 * <ul>
 *   <li>gone (the collection no longer exists: the real server deletes its indexes with it, so the index query may
 *       fail first): let go, and looked for again every {@code collections.refresh.interval.ms};</li>
 *   <li>re-created (its collection document is newer than when the reader started): streamed from its start;</li>
 *   <li>the same collection, without its index: the reader starts again from where it stands (full sync);</li>
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
  private OptionalLong collectionTs;
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
        collectionTs = discovered ? fauna.collectionTs(collection) : OptionalLong.empty();
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
    OptionalLong now = fauna.collectionTs(collection);
    if (now.isEmpty()) {
      log.warn("Collection '{}' was deleted ({}); letting it go, and looking for it again every {}", collection,
          e.getMessage(), recheck);
      state = State.GONE;
      return Step.caughtUp(List.of(), recheck);
    }
    if (!now.equals(collectionTs)) {
      return recreated(now);
    }
    log.warn("Collection '{}': {}; starting its reader again from where it stands", collection, e.getMessage());
    restartFrom(offset());
    return Step.busy(List.of());
  }

  private Step recreated(OptionalLong now) {
    log.warn("Collection '{}' was deleted and created again (its collection document's ts is {}, it was {} when "
        + "the reader started): streaming the new collection from its start", collection, now.getAsLong(),
        collectionTs.isPresent() ? collectionTs.getAsLong() : "unknown");
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
    OptionalLong now = fauna.collectionTs(collection);
    return now.isEmpty() ? Step.caughtUp(List.of(), recheck) : recreated(now);
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
