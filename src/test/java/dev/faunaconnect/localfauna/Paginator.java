package dev.faunaconnect.localfauna;

import dev.faunaconnect.localfauna.FaunaSet.EventsSet;
import dev.faunaconnect.localfauna.FaunaSet.IndexSet;
import dev.faunaconnect.localfauna.FaunaSet.SingletonSet;
import dev.faunaconnect.localfauna.IndexTable.Entry;
import dev.faunaconnect.localfauna.IndexTable.SetEvent;
import dev.faunaconnect.localfauna.Values.DateValue;
import dev.faunaconnect.localfauna.Values.PageValue;
import dev.faunaconnect.localfauna.Values.RefValue;
import dev.faunaconnect.localfauna.Values.TimeValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Paginate over sets, as {@code ReadAdaptor.paginate} does: forward pages are inclusive of their cursor and their
 * {@code after} is the first element of the next page; backward pages are exclusive; {@code before} of a forward
 * page (and {@code after} of a backward one) is the cursor that was passed in.
 */
final class Paginator {
  static final int DEFAULT_SIZE = 64;
  static final int MAX_SIZE = 100_000;

  private static final Set<Set<String>> EVENT_CURSOR_KEYS = Set.of(
      Set.of("ts"), Set.of("ts", "action"), Set.of("ts", "action", "resource"),
      Set.of("ts", "action", "resource", "values"), Set.of("ts", "action", "instance"),
      Set.of("ts", "action", "document"), Set.of("ts", "action", "instance", "data"),
      Set.of("ts", "action", "document", "data"));

  /** What to read: the cursor (when {@code hasCursor}), its direction, the page size and the snapshot time. */
  record Request(boolean hasCursor, Object cursor, boolean backward, int size, long snapshot, long minValidTime,
                 boolean sources) {}

  /** One document's history as events. */
  private record DocEvent(long ts, String action, Object ref, Object data) {}

  private Paginator() {}

  static PageValue page(Object source, boolean events, Request r) {
    if (source instanceof EventsSet ev) {
      return page(ev.source(), true, r);
    }
    if (source instanceof RefValue ref && events) {
      throw new IllegalStateException("document events need the document");
    }
    if (source instanceof IndexSet set) {
      if (events) {
        if (set.isRange()) {
          throw FaunaError.invalidArgument("Set does not support events history.");
        }
        return setEvents(set.table(), set.terms(), null, r, set);
      }
      return entries(set, r);
    }
    if (source instanceof SingletonSet single) {
      return events ? setEvents(single.documents(), List.of(), single.ref(), r, single)
          : singleton(single, r);
    }
    throw FaunaError.invalidArgument("Ref or Set expected.");
  }

  // ---- snapshot sets -----------------------------------------------------------------------------------------

  private static PageValue entries(IndexSet set, Request r) {
    IndexTable t = set.table();
    Entry lo = probe(set.terms(), List.of(), ValueOrder.MIN);
    Entry hi = probe(set.terms(), List.of(ValueOrder.MAX), ValueOrder.MAX);
    Entry at = r.hasCursor() ? entryProbe(t, set.terms(), r.cursor(), r.backward()) : (r.backward() ? hi : lo);
    if (set.isRange() && !r.backward()) {
      Entry from = probe(set.terms(), set.from(), ValueOrder.MIN);
      if (!t.hasValues() && !set.from().isEmpty()) {
        from = probe(set.terms(), List.of(), set.from().get(0));
      }
      if (t.entries.comparator().compare(from, at) > 0) {
        at = from;
      }
    }
    Predicate<Entry> alive = e -> e.aliveAt(r.snapshot());
    Predicate<Entry> beyond = e -> set.isRange() && !set.to().isEmpty() && t.comparePrefix(t.tuple(e), set.to()) > 0;
    Predicate<Entry> before = e -> set.isRange() && !set.from().isEmpty() && t.comparePrefix(t.tuple(e), set.from()) < 0;
    Iterator<Entry> it = r.backward()
        ? t.entries.subSet(lo, true, at, false).descendingIterator()
        : t.entries.subSet(at, true, hi, true).iterator();
    List<Entry> found = new ArrayList<>();
    while (it.hasNext() && found.size() <= r.size()) {
      Entry e = it.next();
      if (r.backward() ? before.test(e) : beyond.test(e)) {
        break;
      }
      if (alive.test(e) && !(r.backward() ? beyond.test(e) : before.test(e))) {
        found.add(e);
      }
    }
    Function<Entry, Object> element = e -> t.hasValues() ? unwrap(e.values()) : e.ref();
    Function<Entry, Object> cursor = e -> t.hasValues() ? append(e.values(), e.ref()) : List.of(e.ref());
    return assemble(found, element, cursor, r, set);
  }

  private static PageValue singleton(SingletonSet single, Request r) {
    boolean alive = false;
    for (Entry e : single.documents().entries) {
      if (e.ref().equals(single.ref()) && e.aliveAt(r.snapshot())) {
        alive = true;
      }
    }
    List<RefValue> found = new ArrayList<>();
    if (alive && (!r.hasCursor() || r.cursor() != null)) {
      found.add(single.ref());
    }
    return assemble(found, ref -> ref, ref -> List.of(ref), r, single);
  }

  private static Entry entryProbe(IndexTable t, List<Object> terms, Object cursor, boolean backward) {
    if (cursor == null) {
      return probe(terms, List.of(ValueOrder.MAX), ValueOrder.MAX);
    }
    List<Object> parts = cursor instanceof List<?> l ? new ArrayList<>(l) : List.of(cursor);
    int n = t.values.size();
    if (parts.size() > n) {
      return probe(terms, parts.subList(0, n), parts.get(n));
    }
    return probe(terms, parts, ValueOrder.MIN);
  }

  private static Entry probe(List<Object> terms, List<Object> values, Object ref) {
    return new Entry(terms, values, ref, Long.MIN_VALUE, Long.MIN_VALUE);
  }

  // ---- events ----------------------------------------------------------------------------------------------

  private static PageValue setEvents(IndexTable t, List<Object> terms, RefValue only, Request r, FaunaSet set) {
    SetEvent lo = new SetEvent(terms, Long.MIN_VALUE, ValueOrder.MIN, true, List.of());
    SetEvent hi = new SetEvent(terms, Long.MAX_VALUE, ValueOrder.MAX, false, List.of());
    SetEvent at = r.hasCursor() ? eventProbe(terms, r.cursor()) : (r.backward() ? hi : lo);
    Iterator<SetEvent> it = r.backward()
        ? t.events.subSet(lo, true, at, false).descendingIterator()
        : t.events.subSet(at, true, hi, true).iterator();
    List<SetEvent> found = new ArrayList<>();
    while (it.hasNext() && found.size() <= r.size()) {
      SetEvent e = it.next();
      boolean retained = e.ts() > r.minValidTime() || (e.ts() == r.minValidTime() && e.add());
      if (e.ts() <= r.snapshot() && retained && (only == null || only.equals(e.ref()))) {
        found.add(e);
      }
    }
    Function<SetEvent, Object> element = e -> {
      Map<String, Object> out = eventCursor(e.ts(), e.action(), e.ref());
      if (t.hasValues()) {
        out.put("data", e.values());
      }
      return out;
    };
    return assemble(found, element, e -> eventCursor(e.ts(), e.action(), e.ref()), r, set);
  }

  static PageValue documentEvents(StoredDocument doc, Request r) {
    NavigableSet<DocEvent> history = new TreeSet<>((a, b) -> {
      int c = Long.compare(a.ts(), b.ts());
      return c != 0 ? c : ValueOrder.compare(a.ref(), b.ref());
    });
    Version gcRoot = null;
    for (Version v : doc.versions()) {
      if (v.ts() > r.snapshot()) {
        break;
      }
      if (v.ts() > r.minValidTime()) {
        history.add(new DocEvent(v.ts(), doc.actionOf(v), doc.ref, doc.diffOf(v)));
      } else {
        gcRoot = v.isDelete() ? null : v;
      }
    }
    if (gcRoot != null) {
      // History at or below the minimum valid time is collected; the newest live version there survives as a create.
      history.add(new DocEvent(gcRoot.ts(), "create", doc.ref, gcRoot.fields().get("data")));
    }
    DocEvent lo = new DocEvent(Long.MIN_VALUE, null, ValueOrder.MIN, null);
    DocEvent hi = new DocEvent(Long.MAX_VALUE, null, ValueOrder.MAX, null);
    DocEvent at = lo;
    if (r.hasCursor()) {
      SetEvent p = eventProbe(List.of(), r.cursor());
      at = new DocEvent(p.ts(), null, p.ref(), null);
    } else if (r.backward()) {
      at = hi;
    }
    Iterator<DocEvent> it = r.backward()
        ? history.subSet(lo, true, at, false).descendingIterator()
        : history.subSet(at, true, hi, true).iterator();
    List<DocEvent> found = new ArrayList<>();
    while (it.hasNext() && found.size() <= r.size()) {
      found.add(it.next());
    }
    Function<DocEvent, Object> element = e -> {
      Map<String, Object> out = eventCursor(e.ts(), e.action(), e.ref());
      out.put("data", e.data());
      return out;
    };
    return assemble(found, element, e -> eventCursor(e.ts(), e.action(), e.ref()), r, doc.ref);
  }

  private static Map<String, Object> eventCursor(long ts, String action, Object ref) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("ts", ts);
    out.put("action", action);
    out.put("document", ref);
    return out;
  }

  /** Event cursors: a time (inclusive), {@code null} (the end), or an event object (see {@link #EVENT_CURSOR_KEYS}). */
  private static SetEvent eventProbe(List<Object> terms, Object cursor) {
    if (cursor == null) {
      return new SetEvent(terms, Long.MAX_VALUE, ValueOrder.MAX, false, List.of());
    }
    if (!(cursor instanceof Map<?, ?> m)) {
      return new SetEvent(terms, timeOf(cursor), ValueOrder.MIN, true, List.of(ValueOrder.MIN));
    }
    if (!EVENT_CURSOR_KEYS.contains(m.keySet())) {
      throw FaunaError.invalidArgument("Cannot create event cursor with keys " + m.keySet() + ".");
    }
    long ts = timeOf(m.get("ts"));
    Object ref = m.containsKey("document") ? m.get("document")
        : m.containsKey("resource") ? m.get("resource")
        : m.containsKey("instance") ? m.get("instance") : ValueOrder.MAX;
    Object action = m.get("action");
    boolean add = action == null || "add".equals(action) || "create".equals(action) || "update".equals(action);
    Object values = m.containsKey("values") ? m.get("values") : m.get("data");
    // Without values the cursor sits before every event at (ts, ref, action): the empty list sorts first.
    List<Object> valueList = values instanceof List<?> l ? new ArrayList<>(l) : List.of();
    return new SetEvent(terms, ts, ref, add, valueList);
  }

  private static long timeOf(Object value) {
    if (value instanceof Long l) {
      return l;
    }
    if (value instanceof TimeValue t) {
      return t.micros();
    }
    if (value instanceof DateValue d) {
      return d.date().toEpochDay() * 86_400_000_000L;
    }
    throw FaunaError.invalidArgument("Cannot create event cursor from " + value + ".");
  }

  // ---- page assembly ----------------------------------------------------------------------------------------

  private static <E> PageValue assemble(List<E> found, Function<E, Object> element, Function<E, Object> cursor,
                                        Request r, Object set) {
    if (r.hasCursor() && r.cursor() == null && !r.backward()) {
      return new PageValue(List.of(), true, null, false, null);
    }
    int size = r.size();
    boolean more = found.size() > size;
    List<E> page = new ArrayList<>(found.subList(0, Math.min(size, found.size())));
    if (r.backward()) {
      Collections.reverse(page);
    }
    List<Object> data = new ArrayList<>(page.size());
    for (E e : page) {
      Object value = element.apply(e);
      data.add(r.sources() ? sourced(value, set) : value);
    }
    if (r.backward()) {
      Object before = more && !page.isEmpty() ? cursor.apply(page.get(0)) : null;
      return new PageValue(data, more, before, r.hasCursor(), r.cursor());
    }
    Object after = more ? cursor.apply(found.get(size)) : null;
    if (size == 0) {
      return new PageValue(data, r.hasCursor(), r.cursor(), r.hasCursor(), r.cursor());
    }
    return new PageValue(data, r.hasCursor(), r.cursor(), more, after);
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
