package dev.faunaconnect.localfauna;

import dev.faunaconnect.localfauna.Values.RefValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * The entries and the set events of one index, kept for every version of every document so that reads at any
 * past snapshot and event pages are exact. {@code Documents(c)} is the native index of this kind with no terms
 * and no values: one entry per span of time a document is alive.
 */
final class IndexTable {
  /** One indexed field: a path such as {@code ["data","x"]}, {@code ["ts"]} or {@code ["ref"]}. */
  record Field(List<Object> path, boolean reverse) {}

  /**
   * An index entry, alive from {@code from} (inclusive) to {@code to} (exclusive), carrying the ttl of the version
   * that wrote it (null: none), as every index tuple does ({@code Indexer.Tuple}, {@code IndexTuple.ttl}).
   */
  record Entry(List<Object> terms, List<Object> values, Object ref, long from, long to, Long ttl) {
    boolean aliveAt(long ts) {
      return from <= ts && ts < to;
    }

    /**
     * Whether a snapshot read at valid time {@code ts} by a transaction whose snapshot time is {@code now} sees the
     * entry: alive then, and its ttl after {@code now} ({@code SetSnapshot.run} rejects {@code ttl <= snapshotTS}).
     */
    boolean visibleAt(long ts, long now) {
      return aliveAt(ts) && (ttl == null || ttl > now);
    }
  }

  /** What one version puts in the index: terms, values and its ttl; a ttl change is a new key (Indexer.rows). */
  private record Key(List<Object> terms, List<Object> values, Long ttl) {}

  /** A set event: {@code add} when an entry appears, {@code remove} when it goes away. */
  record SetEvent(List<Object> terms, long ts, Object ref, boolean add, List<Object> values) {
    Events.Event event() {
      return new Events.Event(ts, add ? Events.Action.ADD : Events.Action.REMOVE, ref, values);
    }
  }

  final String name;
  /** The collection the indexed documents live in. */
  final String source;
  final List<Field> terms;
  final List<Field> values;
  /** {@code unique: true}: see {@link UniqueIndexes}. */
  final boolean unique;
  final NavigableSet<Entry> entries;
  final NavigableSet<SetEvent> events;
  private final Comparator<Object> refOrder;
  private final Map<RefValue, Indexed> indexed = new HashMap<>();

  IndexTable(String name, String source, List<Field> terms, List<Field> values, Comparator<Object> refOrder) {
    this(name, source, terms, values, refOrder, false);
  }

  IndexTable(String name, String source, List<Field> terms, List<Field> values, Comparator<Object> refOrder,
             boolean unique) {
    this.name = name;
    this.unique = unique;
    this.source = source;
    this.refOrder = refOrder;
    this.terms = terms;
    this.values = values;
    this.entries = new TreeSet<>(entryOrder());
    this.events = new TreeSet<>(eventOrder());
  }

  boolean hasValues() {
    return !values.isEmpty();
  }

  /** The tuple Range bounds compare with: the values, or the ref when the index has none. */
  List<Object> tuple(Entry e) {
    return hasValues() ? e.values() : List.of(e.ref());
  }

  /**
   * Brings this document's entries and events up to date with its history: a version appended after the last
   * one indexed only closes and opens entries; any other change (a history write, a rollback) rebuilds them.
   */
  void reindex(StoredDocument doc) {
    List<Version> versions = doc.versions();
    Indexed state = indexed.get(doc.ref);
    boolean appended = state != null && state.count > 0 && versions.size() == state.count + 1
        && versions.get(state.count - 1) == state.last && versions.get(state.count).ts() > state.last.ts();
    if (appended) {
      index(doc.ref, state, versions.get(state.count));
      return;
    }
    drop(doc.ref);
    state = new Indexed();
    indexed.put(doc.ref, state);
    for (Version version : versions) {
      index(doc.ref, state, version);
    }
  }

  /** Indexes the next version: entries whose key it no longer has close, its new keys open. */
  private void index(RefValue ref, Indexed state, Version version) {
    Set<Key> now = keysOf(ref, version);
    for (var it = state.open.entrySet().iterator(); it.hasNext(); ) {
      var open = it.next();
      Key key = open.getKey();
      if (!now.contains(key)) {
        Entry closed = new Entry(key.terms(), key.values(), ref, open.getValue().from(), version.ts(), key.ttl());
        replace(state, open.getValue(), closed);
        add(state, new SetEvent(key.terms(), version.ts(), ref, false, key.values()));
        it.remove();
      }
    }
    for (Key key : now) {
      if (!state.open.containsKey(key)) {
        Entry opened = new Entry(key.terms(), key.values(), ref, version.ts(), Long.MAX_VALUE, key.ttl());
        state.open.put(key, opened);
        replace(state, null, opened);
        add(state, new SetEvent(key.terms(), version.ts(), ref, true, key.values()));
      }
    }
    state.count++;
    state.last = version;
  }

  private void replace(Indexed state, Entry old, Entry entry) {
    if (old != null) {
      entries.remove(old);
      state.entries.remove(old);
    }
    entries.add(entry);
    state.entries.add(entry);
  }

  private void add(Indexed state, SetEvent event) {
    events.add(event);
    state.events.add(event);
  }

  void drop(RefValue ref) {
    Indexed state = indexed.remove(ref);
    if (state != null) {
      state.entries.forEach(entries::remove);
      state.events.forEach(events::remove);
    }
  }

  /** What this index holds for one document, and how far into its history it has indexed. */
  private static final class Indexed {
    final Set<Entry> entries = new LinkedHashSet<>();
    final List<SetEvent> events = new ArrayList<>();
    final Map<Key, Entry> open = new HashMap<>();
    int count;
    Version last;
  }

  /** The (terms, values, ttl) keys a version puts in the index; an array field gives one entry per element. */
  private Set<Key> keysOf(RefValue ref, Version version) {
    Set<Key> out = new LinkedHashSet<>();
    if (version.isDelete()) {
      return out;
    }
    List<List<Object>> termTuples = expand(terms, ref, version);
    List<List<Object>> valueTuples = expand(values, ref, version);
    for (List<Object> t : termTuples) {
      for (List<Object> v : valueTuples) {
        if (!allNull(t) && !allNull(v)) {
          out.add(new Key(t, v, version.ttl()));
        }
      }
    }
    return out;
  }

  /** An entry is left out when all its terms, or all its values, are null or missing (an empty list is fine). */
  private static boolean allNull(List<Object> tuple) {
    return !tuple.isEmpty() && tuple.stream().allMatch(java.util.Objects::isNull);
  }

  private static List<List<Object>> expand(List<Field> fields, RefValue ref, Version version) {
    List<List<Object>> tuples = new ArrayList<>();
    tuples.add(List.of());
    for (Field field : fields) {
      Object value = read(field.path(), ref, version);
      List<?> choices = value instanceof List<?> list ? list : java.util.Collections.singletonList(value);
      if (choices.isEmpty()) {
        choices = java.util.Collections.singletonList(null);
      }
      List<List<Object>> next = new ArrayList<>();
      for (List<Object> prefix : tuples) {
        for (Object choice : choices) {
          List<Object> t = new ArrayList<>(prefix);
          t.add(choice);
          next.add(java.util.Collections.unmodifiableList(t));
        }
      }
      tuples = next;
    }
    return tuples;
  }

  static Object read(List<Object> path, RefValue ref, Version version) {
    if (path.size() == 1 && "ts".equals(path.get(0))) {
      return version.ts();
    }
    if (path.size() == 1 && "ref".equals(path.get(0))) {
      return ref;
    }
    Object at = version.fields();
    for (Object step : path) {
      if (at instanceof Map<?, ?> m && step instanceof String key) {
        at = m.get(key);
      } else if (at instanceof List<?> list && step instanceof Long i && i >= 0 && i < list.size()) {
        at = list.get(i.intValue());
      } else {
        return null;
      }
    }
    return at;
  }

  // ---- ordering -----------------------------------------------------------------------------------------------

  int compareValues(List<Object> a, List<Object> b) {
    int n = Math.min(a.size(), b.size());
    for (int i = 0; i < n; i++) {
      boolean reverse = i < values.size() && values.get(i).reverse();
      int c = compareAt(a.get(i), b.get(i), reverse);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  /** Range-bound comparison: only the bound's length counts. */
  int comparePrefix(List<Object> tuple, List<Object> bound) {
    int n = Math.min(tuple.size(), bound.size());
    for (int i = 0; i < n; i++) {
      boolean reverse = hasValues() && i < values.size() && values.get(i).reverse();
      int c = compareAt(tuple.get(i), bound.get(i), reverse);
      if (c != 0) {
        return c;
      }
    }
    return tuple.size() < bound.size() ? -1 : 0;
  }

  /**
   * {@code RangeSet.compareCursors}: a page cursor against a Range bound, comparing the document first (a
   * {@code valuesWithDocID} tuple), then the values; when one runs out, a longer tuple is above a lower bound
   * ({@code floor}) and below an upper one.
   */
  int compareCursors(Entry cursor, Entry bound, boolean floor) {
    int c = refOrder.compare(documentOf(cursor.ref()), documentOf(bound.ref()));
    if (c != 0) {
      return c;
    }
    List<Object> a = cursor.values();
    List<Object> b = bound.values();
    int n = Math.min(a.size(), b.size());
    for (int i = 0; i < n; i++) {
      c = compareAt(a.get(i), b.get(i), i < values.size() && values.get(i).reverse());
      if (c != 0) {
        return c;
      }
    }
    if (a.size() == b.size()) {
      return 0;
    }
    return (a.size() > b.size()) == floor ? 1 : -1;
  }

  /**
   * The document a cursor element stands for: a ref is one; any other value is the least document id if it sorts
   * before refs, the greatest if after ({@code CursorParser.parseArray}).
   */
  private static Object documentOf(Object element) {
    if (element instanceof RefValue || element == ValueOrder.MIN || element == ValueOrder.MAX) {
      return element;
    }
    return ValueOrder.compare(element, Values.COLLECTIONS) < 0 ? ValueOrder.MIN : ValueOrder.MAX;
  }

  private static int compareAt(Object a, Object b, boolean reverse) {
    int c = ValueOrder.compare(a, b);
    boolean bound = a == ValueOrder.MIN || a == ValueOrder.MAX || b == ValueOrder.MIN || b == ValueOrder.MAX;
    return reverse && !bound ? -c : c;
  }

  private Comparator<Entry> entryOrder() {
    return (a, b) -> {
      int c = ValueOrder.compareLists(a.terms(), b.terms());
      if (c == 0) {
        c = compareValues(a.values(), b.values());
      }
      if (c == 0) {
        c = refOrder.compare(a.ref(), b.ref());
      }
      return c != 0 ? c : Long.compare(a.from(), b.from());
    };
  }

  /** Set history is stored in event order: ts, then every remove before every add, then document, then values. */
  private Comparator<SetEvent> eventOrder() {
    return (a, b) -> {
      int c = ValueOrder.compareLists(a.terms(), b.terms());
      if (c == 0) {
        c = Long.compare(a.ts(), b.ts());
      }
      if (c == 0) {
        c = Boolean.compare(a.add(), b.add());
      }
      if (c == 0) {
        c = refOrder.compare(a.ref(), b.ref());
      }
      return c != 0 ? c : compareValues(a.values(), b.values());
    };
  }

  /** How this index orders document refs (creation order for schema documents). */
  Comparator<Object> refOrder() {
    return refOrder;
  }

  /** The entries one document has had. */
  java.util.Collection<Entry> entriesOf(RefValue ref) {
    Indexed state = indexed.get(ref);
    return state == null ? List.of() : state.entries;
  }
}
