package dev.faunaconnect.source;

import dev.faunaconnect.fauna.FaunaGateway;
import dev.faunaconnect.fauna.FaunaQueryException;
import dev.faunaconnect.fauna.Page;
import dev.faunaconnect.fauna.TtlIndex;
import dev.faunaconnect.fauna.TtlReads;
import dev.faunaconnect.offset.Position;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The documents of one collection that expire by ttl, as a stream of deletes at (expiry, ref) that merges with the
 * remove events. Fauna writes no event for an expiry and hides an expired document from every read at a later
 * transaction time, {@code At} included, so an expiry can only be found from what was read before it:
 * <ul>
 *   <li>The entries of the collection's ttl index whose ttl falls in a window ending {@link #LOOKAHEAD} ahead are
 *       read from its snapshot while they are still live, and kept in memory ({@code pending}).</li>
 *   <li>The index's set events keep them current: a write that sets, changes or clears the ttl removes the old entry
 *       and adds the new one, a delete removes it ({@code Indexer.rows}). An entry still pending once the events are
 *       read past its expiry did expire then: a delete at (ttl, ref). A write that sets a ttl already passed makes
 *       the document disappear at once: its delete stands at that write's ts.</li>
 *   <li>With no memory (a start, or a window that lapsed before it was extended), the events are replayed from the
 *       start of the index's retained history, on top of a fresh window. This finds every expiry since the last
 *       delete emitted whose ttl was written within retained history; one written before it is not seen.</li>
 * </ul>
 * Nothing but the delete position is stored: a restart rebuilds the same stream and emits only what follows it.
 * While a snapshot is read, only the window is kept ahead ({@link #keepAhead}); the events follow it. A snapshot that
 * runs long reads them along with its pages, as it emits its deletes: the delete position moves with them, so the
 * adds remembered stay within about a page.
 */
final class TtlExpiries {
  private static final Logger log = LoggerFactory.getLogger(TtlExpiries.class);
  /** How far ahead of now the window of pending entries reaches; it is extended when half of it is left. */
  static final Duration LOOKAHEAD = Duration.ofHours(1);
  private static final long LOOKAHEAD_MICROS = LOOKAHEAD.toNanos() / 1000L;

  private final String collection;
  /** Null when no expiries are read. */
  private String index;
  /** While the index is still being built: whether it is active now; null once it is. */
  private BooleanSupplier built;
  private final TtlReads reads;
  private final int pageSize;
  /** Expiry positions of the entries known, after {@code floor}, up to {@code windowEnd}. */
  private final TreeSet<Position> pending = new TreeSet<>();
  /** Where the index's events added an entry, after {@code floor}: a remove there is a ttl update, not a delete. */
  private final TreeSet<Position> added = new TreeSet<>();
  private TtlReads.Cursor events;
  private long eventsThrough;
  private long windowEnd;
  private Position floor;

  private TtlExpiries(String collection, String index, TtlReads reads, int pageSize) {
    this.collection = collection;
    this.index = index;
    this.reads = reads;
    this.pageSize = pageSize;
  }

  /**
   * The expiries of the collection, read through its ttl index, found among the indexes; none when deletes are not
   * read, or (with a warning) when the collection has no ttl index or the key may not list indexes. An index still
   * being built is warned about too, and used once Fauna shows it active.
   */
  static TtlExpiries open(ReaderSettings settings, FaunaGateway fauna) {
    String collection = settings.name();
    if (!settings.tracksDeletes()) {
      return none();
    }
    Optional<TtlIndex.Found> found;
    try {
      found = fauna.inspect("Map(Paginate(Indexes()), Lambda(\"index\", Get(Var(\"index\"))))", "Indexes()",
          collection, client -> TtlIndex.find(client, collection));
    } catch (FaunaQueryException e) {
      if (e.kind() != FaunaQueryException.Kind.PERMISSION_DENIED) {
        throw e;
      }
      log.warn("Collection '{}': the key may not list indexes, so documents that expire by ttl will not reach Kafka "
          + "as deletes. {}", collection, e.getMessage());
      return none();
    }
    if (found.isEmpty()) {
      log.warn("{}", TtlIndex.missingWarning(collection));
      return none();
    }
    String index = found.get().name();
    TtlExpiries expiries = through(collection, index, new TtlReads(fauna), settings.pageSize());
    if (!found.get().active()) {
      log.warn("{}", TtlIndex.buildingWarning(collection, index));
      expiries.built = () -> fauna.inspect(TtlIndex.activeFql(index), "Indexes()", collection,
          client -> TtlIndex.isActive(client, index));
      return expiries;
    }
    return expiries.readable() ? expiries : none();
  }

  /** Whether the key may read the index's events; warns when it may not. */
  private boolean readable() {
    try {
      reads.events(index, collection, TtlReads.Cursor.historyStart(), 1);
    } catch (FaunaQueryException e) {
      if (e.kind() != FaunaQueryException.Kind.PERMISSION_DENIED) {
        throw e;
      }
      log.warn("Collection '{}': the key may not read its ttl index '{}', so documents that expire by ttl will not "
          + "reach Kafka as deletes. Add { resource: Index(\"{}\"), actions: { read: true } } to the privileges "
          + "of its role.", collection, index, index);
      return false;
    }
    log.info("Collection '{}': documents that expire by ttl are found through index '{}'", collection, index);
    return true;
  }

  /**
   * Whether the index can be read: true, except while Fauna still builds it (then it is asked again each time), and
   * once it turned out that the key may not read it.
   */
  private boolean ready() {
    if (index == null) {
      return false;
    }
    if (built == null) {
      return true;
    }
    if (!built.getAsBoolean()) {
      return false;
    }
    built = null;
    if (!readable()) {
      index = null;
      return false;
    }
    return true;
  }

  /** The expiries of the collection, read through its ttl index. */
  static TtlExpiries through(String collection, String index, TtlReads reads, int pageSize) {
    return new TtlExpiries(collection, index, reads, pageSize);
  }

  /** No expiries are read (no ttl index, or deletes are not read): the stream is empty and limits nothing. */
  static TtlExpiries none() {
    return new TtlExpiries(null, null, null, 0);
  }

  /**
   * The expiries after {@code emitted} (the last delete emitted), as far as they are known, after one more page of
   * events. While the events are replayed below {@code emitted}, the page ends at {@code emitted} and has more.
   */
  Page<Position> after(Position emitted) {
    if (!ready()) {
      return Page.none();
    }
    floor = emitted;
    pending.headSet(emitted, true).clear();
    added.headSet(emitted, true).clear();
    if (events == null) {
      rebuild();
    }
    TtlReads.Events page = reads.events(index, collection, events, pageSize);
    page.items().forEach(this::apply);
    events = page.next();
    long lastTs = page.items().isEmpty() ? page.readTime() : page.items().get(page.items().size() - 1).ts();
    eventsThrough = Math.max(eventsThrough, page.more() ? lastTs - 1 : page.readTime());
    keepWindowAhead(page.readTime());
    return due(emitted, page.more());
  }

  /**
   * While a snapshot is read: keeps the window of pending entries ahead of now, without reading the events. They are
   * read after the snapshot, in order and a page at a time like the changes, so the memory never holds every
   * document written since the snapshot's time (applied late, an event has the same effect: the entries it adds
   * stay pending until a later event removes them).
   */
  void keepAhead(Position emitted) {
    if (!ready()) {
      return;
    }
    floor = emitted;
    if (events == null) {
      rebuild();
    } else {
      keepWindowAhead(reads.now());
    }
  }

  /** How many positions are held in memory (entries pending, adds remembered): for tests. */
  int remembered() {
    return pending.size() + added.size();
  }

  /** The pending expiries after {@code emitted} up to what is known, at most a page of them. */
  private Page<Position> due(Position emitted, boolean moreEvents) {
    Position horizon = Position.endOf(Math.min(eventsThrough, windowEnd));
    if (horizon.compareTo(emitted) <= 0) { // replaying below it, or caught up with nothing new since
      return new Page<>(List.of(), moreEvents || eventsThrough < emitted.ts(), emitted);
    }
    List<Position> items = new ArrayList<>();
    for (Position p : pending.subSet(emitted, false, horizon, true)) {
      if (items.size() == pageSize) {
        return new Page<>(items, true, items.get(items.size() - 1));
      }
      items.add(p);
    }
    return new Page<>(items, moreEvents, horizon);
  }

  /**
   * The removes without those of ttl updates: an update that sets, changes or clears a ttl removes and adds the
   * document in {@code Documents(c)} too (the ttl is part of every index entry), and the ttl index shows the add at
   * the same (ts, ref). Valid up to this stream's last horizon, which bounds what is emitted.
   */
  Page<Position> withoutTtlUpdates(Page<Position> removes) {
    if (index == null) {
      return removes;
    }
    return new Page<>(removes.items().stream().filter(p -> !added.contains(p)).toList(), removes.more(),
        removes.through());
  }

  private void apply(TtlReads.Event event) {
    Position at = new Position(event.ts(), event.ref());
    if (event.add() && at.compareTo(floor) > 0) {
      added.add(at);
    }
    if (event.expiresAt() == null) {
      return;
    }
    Position expiry = new Position(Math.max(event.expiresAt(), event.ts()), event.ref());
    if (event.add()) {
      if (expiry.compareTo(floor) > 0 && expiry.ts() <= windowEnd) {
        pending.add(expiry);
      }
    } else if (event.ts() < event.expiresAt()) {
      pending.remove(expiry);
    }
  }

  /** A window that the reads overtook may miss entries: then the memory is rebuilt; near its end, it is extended. */
  private void keepWindowAhead(long now) {
    if (now >= windowEnd) {
      log.warn("Collection '{}': ttl expiries were not followed up to {} in time; replaying the ttl index's "
          + "retained history to find them", collection, windowEnd);
      rebuild();
    } else if (windowEnd - now < LOOKAHEAD_MICROS / 2) {
      TtlReads.Window window = reads.window(index, collection, windowEnd, now + LOOKAHEAD_MICROS, pageSize);
      if (window.lastReadTime() >= windowEnd) {
        rebuild();
        return;
      }
      window.entries().forEach(this::addLive);
      windowEnd = now + LOOKAHEAD_MICROS;
    }
  }

  /** Forgets everything, reads a fresh window, and replays the index's events from the start of its history. */
  private void rebuild() {
    pending.clear();
    added.clear();
    long now = reads.now();
    log.info("Collection '{}': reading the ttl index '{}' for expiries after {} (its events from the start of its "
        + "retained history, and the entries expiring up to {}); an expiry since then whose ttl was written before "
        + "the collection's retained history cannot be seen any more", collection, index, floor,
        now + LOOKAHEAD_MICROS);
    TtlReads.Window window = reads.window(index, collection, floor.ts(), now + LOOKAHEAD_MICROS, pageSize);
    windowEnd = now + LOOKAHEAD_MICROS;
    window.entries().forEach(this::addLive);
    events = TtlReads.Cursor.historyStart();
    eventsThrough = Long.MIN_VALUE;
  }

  private void addLive(TtlReads.Entry entry) {
    Position expiry = new Position(entry.expiresAt(), entry.ref());
    if (expiry.compareTo(floor) > 0) {
      pending.add(expiry);
    }
  }
}
