package dev.faunaconnect.localfauna;

import dev.faunaconnect.localfauna.Events.Action;
import dev.faunaconnect.localfauna.Events.Event;
import dev.faunaconnect.localfauna.FaunaSet.IndexSet;
import dev.faunaconnect.localfauna.FaunaSet.SingletonSet;
import dev.faunaconnect.localfauna.IndexTable.Entry;
import dev.faunaconnect.localfauna.IndexTable.SetEvent;
import dev.faunaconnect.localfauna.Values.PageValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Paginate over sets, as {@code ReadAdaptor.paginate} does: read {@code size + 1} elements from the cursor, drop
 * those before it, and cut the page. Forward pages are inclusive of their cursor and their {@code after} is the
 * first element of the next page; backward pages are exclusive; the other side of the page is the cursor that was
 * passed in, rendered as the server parsed it (an array for snapshot sets, an event object for event sets).
 */
final class Paginator {
  static final int DEFAULT_SIZE = 64;
  static final int MAX_SIZE = 100_000;

  /**
   * What to read: the cursor (when {@code hasCursor}), its direction, the page size, the valid time read at
   * ({@code snapshot}, moved by {@code At} and {@code ts}), and the transaction's own snapshot time ({@code now}),
   * which decides what has expired by its ttl.
   */
  record Request(boolean hasCursor, Object cursor, boolean backward, int size, long snapshot, long minValidTime,
                 boolean sources, long now) {
    Request retained(long mvt) {
      return new Request(hasCursor, cursor, backward, size, snapshot, mvt, sources, now);
    }
  }

  /** One element of a document's history: the event and the {@code data} it carries. */
  private record Historic(Event event, Object data) {}

  private Paginator() {}

  // ---- snapshot sets -----------------------------------------------------------------------------------------

  /** A page of the entries of an index, {@code Documents(c)} or a schema set, at the snapshot. */
  static PageValue entries(IndexSet set, Request r) {
    IndexTable t = set.table();
    Function<Entry, Object> element = e -> t.hasValues() ? unwrap(e.values()) : e.ref();
    Function<Entry, Object> cursor = e -> t.hasValues() ? append(e.values(), e.ref()) : List.of(e.ref());
    return assemble(scan(set, r), element, cursor, arrayCursor(r), r, set);
  }

  /** The document of the first entry of a set at the snapshot (what {@code Get(set)} reads), or null. */
  static Object firstDocument(IndexSet set, long snapshot, long now) {
    List<Entry> found = scan(set, new Request(false, null, false, 1, snapshot, Long.MIN_VALUE, false, now));
    return found.isEmpty() ? null : found.get(0).ref();
  }

  /**
   * The visible entries from the cursor on, in page order: at most {@code size + 1}. On a Range, the cursor is
   * replaced by the bound only when {@code RangeSet.compareCursors} (document first, then values) puts it outside:
   * a forward cursor with a document (every full page cursor) is used as given, so it can read entries below the
   * lower bound; likewise a backward cursor, even above the upper bound. The far side is always the bound.
   */
  private static List<Entry> scan(IndexSet set, Request r) {
    IndexTable t = set.table();
    Entry lo = probe(set.terms(), List.of(), ValueOrder.MIN);
    Entry hi = probe(set.terms(), List.of(ValueOrder.MAX), ValueOrder.MAX);
    Entry at = r.hasCursor() ? entryProbe(t, set.terms(), r.cursor()) : (r.backward() ? hi : lo);
    boolean skipAboveRange = set.isRange() && r.backward();
    if (set.isRange()) {
      Entry bound = boundProbe(t, set.terms(), r.backward() ? set.to() : set.from(), !r.backward());
      int c = t.compareCursors(at, bound, !r.backward());
      if (!r.backward() && c < 0) {
        at = bound;
      }
      skipAboveRange = r.backward() && (!r.hasCursor() || c > 0);
    }
    Predicate<Entry> beyond = e -> set.isRange() && !set.to().isEmpty() && t.comparePrefix(t.tuple(e), set.to()) > 0;
    Predicate<Entry> before = e -> set.isRange() && !set.from().isEmpty()
        && t.comparePrefix(t.tuple(e), set.from()) < 0;
    Iterator<Entry> it = r.backward()
        ? t.entries.subSet(lo, true, at, false).descendingIterator()
        : t.entries.subSet(at, true, hi, true).iterator();
    List<Entry> found = new ArrayList<>();
    while (it.hasNext() && found.size() <= r.size()) {
      Entry e = it.next();
      if (r.backward() ? before.test(e) : beyond.test(e)) {
        break;
      }
      if (e.visibleAt(r.snapshot(), r.now()) && !(skipAboveRange && beyond.test(e))) {
        found.add(e);
      }
    }
    return found;
  }

  /** {@code Paginate(Singleton(ref))} or {@code Paginate(ref)}: the document, while it exists. */
  static PageValue singleton(SingletonSet single, Request r) {
    boolean alive = single.documents().entriesOf(single.ref()).stream()
        .anyMatch(e -> e.visibleAt(r.snapshot(), r.now()));
    List<Entry> found = new ArrayList<>();
    if (alive) {
      Entry self = probe(List.of(), List.of(), single.ref());
      Entry at = r.hasCursor() ? entryProbe(single.documents(), List.of(), r.cursor()) : null;
      int c = at == null ? 0 : single.documents().entries.comparator().compare(self, at);
      if (at == null || (r.backward() ? c < 0 : c >= 0)) {
        found.add(self);
      }
    }
    return assemble(found, Entry::ref, e -> List.of(e.ref()), arrayCursor(r), r, single);
  }

  /**
   * An array cursor: a prefix of the values (before every document with them), or the values and then the ref;
   * a last element that is not a ref stands before every document if it sorts before refs, else after them.
   */
  private static Entry entryProbe(IndexTable t, List<Object> terms, Object cursor) {
    List<Object> parts = cursor instanceof List<?> l ? new ArrayList<>(l) : Collections.singletonList(cursor);
    int n = t.values.size();
    if (parts.size() > n) {
      return probe(terms, parts.subList(0, n), parts.get(n));
    }
    return probe(terms, parts, ValueOrder.MIN);
  }

  /**
   * A Range bound as {@code CursorParser.parseArray} reads it: the index's values then a document (a complete
   * bound), or a prefix of the values standing before ({@code floor}) or after every document with them.
   */
  private static Entry boundProbe(IndexTable t, List<Object> terms, List<Object> bound, boolean floor) {
    int n = t.values.size();
    if (bound.size() > n) {
      return probe(terms, bound.subList(0, n), bound.get(n));
    }
    return probe(terms, bound, floor ? ValueOrder.MIN : ValueOrder.MAX);
  }

  private static Entry probe(List<Object> terms, List<Object> values, Object ref) {
    return new Entry(terms, values, ref, Long.MIN_VALUE, Long.MIN_VALUE, null);
  }

  /** The cursor as the server echoes it on a snapshot set: a scalar becomes a one-element array. */
  private static Object arrayCursor(Request r) {
    return r.cursor() instanceof List<?> ? r.cursor() : Collections.singletonList(r.cursor());
  }

  // ---- set events ---------------------------------------------------------------------------------------------

  /**
   * A page of the set events of an index or {@code Documents(c)}: the stored history read from the cursor in
   * event order, minus the leading events that sort before the cursor (see {@link Events}).
   */
  static PageValue setEvents(IndexTable t, List<Object> terms, Request r, FaunaSet set) {
    Event from = r.hasCursor() ? Events.cursor(r.cursor()) : (r.backward() ? Events.last(r.snapshot())
        : Events.FIRST);
    SetEvent probe = new SetEvent(terms, from.ts(), from.ref(), from.action().toSet() == Action.ADD, from.values());
    SetEvent lo = new SetEvent(terms, Long.MIN_VALUE, ValueOrder.MIN, false, List.of());
    SetEvent hi = new SetEvent(terms, Long.MAX_VALUE, ValueOrder.MAX, true, List.of());
    // skip straight past what retention collected (forward) or what lies after the snapshot (backward)
    SetEvent firstRetained = new SetEvent(terms, r.minValidTime(), ValueOrder.MIN, false, List.of());
    SetEvent latest = new SetEvent(terms, r.snapshot(), ValueOrder.MAX, true, List.of());
    if (!r.backward() && t.events.comparator().compare(probe, firstRetained) < 0) {
      probe = firstRetained;
    } else if (r.backward() && t.events.comparator().compare(probe, latest) > 0) {
      probe = latest;
    }
    Iterator<SetEvent> it = r.backward()
        ? t.events.subSet(lo, true, probe, true).descendingIterator()
        : t.events.subSet(probe, true, hi, true).iterator();
    Comparator<Object> refs = t.refOrder();
    Comparator<List<Object>> values = t::compareValues;
    List<Event> found = new ArrayList<>();
    boolean dropping = true;
    while (it.hasNext() && found.size() <= r.size()) {
      SetEvent stored = it.next();
      if (stored.ts() > r.snapshot()) {
        if (r.backward()) {
          continue;
        }
        break;
      }
      boolean retained = stored.ts() > r.minValidTime() || (stored.ts() == r.minValidTime() && stored.add());
      if (!retained) {
        continue;
      }
      Event e = stored.event();
      dropping = dropping && Events.dropped(e, from, r.backward(), refs, values);
      if (!dropping) {
        found.add(e);
      }
    }
    Function<Event, Object> element = e -> {
      Map<String, Object> out = eventObject(e);
      if (t.hasValues()) {
        out.put("data", e.values());
      }
      return out;
    };
    return assemble(found, element, Events::literal, Events.literal(from), r, set);
  }

  // ---- document history ---------------------------------------------------------------------------------------

  /** {@code Events(ref)}: the document's versions as create, update and delete events with their diffs. */
  static PageValue documentEvents(StoredDocument doc, Request r) {
    Function<Historic, Object> element = h -> {
      Map<String, Object> out = eventObject(h.event());
      out.put("data", h.data());
      return out;
    };
    return history(doc, r, false, element, doc.ref);
  }

  /** {@code Events(Singleton(ref))}: the document's creates as adds and deletes as removes; updates vanish. */
  static PageValue singletonEvents(StoredDocument doc, Request r, SingletonSet set) {
    return history(doc, r, true, h -> eventObject(h.event()), set);
  }

  /**
   * Reads a document's history as the server reads its versions: from the cursor's (ts, action) in version order,
   * minus the leading events that sort before the cursor.
   */
  private static PageValue history(StoredDocument doc, Request r, boolean asSetEvents,
                                   Function<Historic, Object> element, Object set) {
    Event from = r.hasCursor() ? Events.cursor(r.cursor())
        : r.backward() ? new Event(r.snapshot(), Action.REMOVE, ValueOrder.MAX, List.of()) : Events.FIRST;
    List<Historic> versions = retainedHistory(doc, r.minValidTime());
    if (r.backward()) {
      Collections.reverse(versions);
    }
    Comparator<Object> refs = ValueOrder.VALUES;
    Comparator<List<Object>> values = ValueOrder::compareLists;
    List<Historic> found = new ArrayList<>();
    boolean dropping = true;
    for (Historic h : versions) {
      if (found.size() > r.size()) {
        break;
      }
      Event e = h.event();
      int bound = Long.compare(e.ts(), from.ts());
      if (bound == 0) {
        bound = Integer.compare(e.action().ordinal(), from.action().toDoc().ordinal());
      }
      if (e.ts() > r.snapshot() || (r.backward() ? bound > 0 : bound < 0)) {
        continue;
      }
      if (asSetEvents) {
        if (e.action() == Action.UPDATE) {
          continue;
        }
        h = new Historic(new Event(e.ts(), e.action().toSet(), e.ref(), List.of()), null);
      }
      dropping = dropping && Events.dropped(h.event(), from, r.backward(), refs, values);
      if (!dropping) {
        found.add(h);
      }
    }
    return assemble(found, element, h -> Events.literal(h.event()), Events.literal(from), r, set);
  }

  /**
   * The history retention leaves: versions after the minimum valid time, plus the newest live version at or
   * before it (the GC root), which reads as a create carrying its full data.
   */
  private static List<Historic> retainedHistory(StoredDocument doc, long minValidTime) {
    List<Historic> out = new ArrayList<>();
    Version root = null;
    Version previous = null;
    for (Version v : doc.versions()) {
      if (v.ts() > minValidTime) {
        Action action = Action.of(StoredDocument.actionOf(previous, v));
        out.add(new Historic(new Event(v.ts(), action, doc.ref, List.of()), StoredDocument.diffOf(previous, v)));
      } else {
        // the GC root survives only if live and not expired before the MVT (DocHistory.rewriteGCEdge)
        root = v.isDelete() || v.ttl() != null && v.ttl() < minValidTime ? null : v;
      }
      previous = v;
    }
    if (root != null) {
      out.add(0, new Historic(new Event(root.ts(), Action.CREATE, doc.ref, List.of()), root.fields().get("data")));
    }
    return out;
  }

  private static Map<String, Object> eventObject(Event e) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("ts", e.ts());
    out.put("action", e.action().text);
    out.put("document", e.ref());
    return out;
  }

  /** A page of a set whose elements were all filtered out: no data, only the given cursor. */
  static PageValue nothing(boolean events, Request r, Object set) {
    Object echo = events ? Events.literal(r.hasCursor() ? Events.cursor(r.cursor()) : Events.FIRST) : arrayCursor(r);
    return assemble(List.<Object>of(), e -> e, e -> e, echo, r, set);
  }

  // ---- page assembly ----------------------------------------------------------------------------------------

  /**
   * Cuts a page from the {@code size + 1} elements read: the next cursor is the element after the page (forward)
   * or the first of the page (backward); a size of 0 echoes the given cursor on both sides.
   */
  private static <E> PageValue assemble(List<E> found, Function<E, Object> element, Function<E, Object> cursor,
                                        Object echo, Request r, Object set) {
    int size = Math.max(r.size(), 0);
    boolean more = r.size() >= 0 && found.size() > r.size();
    List<E> page = new ArrayList<>(found.subList(0, Math.min(size, found.size())));
    if (r.backward()) {
      Collections.reverse(page);
    }
    List<Object> data = new ArrayList<>(page.size());
    for (E e : page) {
      Object value = element.apply(e);
      data.add(r.sources() ? sourced(value, set) : value);
    }
    boolean hasNext = r.size() == 0 ? r.hasCursor() : more;
    Object next = r.size() == 0 ? echo : !more ? null
        : cursor.apply(r.backward() ? page.get(0) : found.get(size));
    if (r.backward()) {
      return new PageValue(data, hasNext, next, r.hasCursor(), echo);
    }
    return new PageValue(data, r.hasCursor(), echo, hasNext, next);
  }

  private static Object sourced(Object value, Object set) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("value", value);
    out.put("sources", List.of(set));
    return out;
  }

  private static Object unwrap(List<Object> values) {
    return values.size() == 1 ? values.get(0) : values;
  }

  private static List<Object> append(List<Object> values, Object ref) {
    List<Object> out = new ArrayList<>(values.size() + 1);
    out.addAll(values);
    out.add(ref);
    return out;
  }
}
