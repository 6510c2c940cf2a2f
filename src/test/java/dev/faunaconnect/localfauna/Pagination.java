package dev.faunaconnect.localfauna;

import dev.faunaconnect.localfauna.FaunaSet.EventsSet;
import dev.faunaconnect.localfauna.FaunaSet.IndexSet;
import dev.faunaconnect.localfauna.FaunaSet.SingletonSet;
import dev.faunaconnect.localfauna.Values.PageValue;
import dev.faunaconnect.localfauna.Values.RefValue;
import java.util.List;
import java.util.Map;

/**
 * The {@code Paginate} form: its arguments, then the checks the server makes before reading (permissions, with
 * the error at the reading function's argument, and history retention), then {@link Paginator}.
 */
final class Pagination {
  private Pagination() {}

  /** The cursor a Paginate was given: none, or a value to read after (or before), and where it was written. */
  private record GivenCursor(boolean present, Object value, boolean backward, List<Object> position) {}

  static Object paginate(Call c) {
    int cursorKeys = (c.has("after") ? 1 : 0) + (c.has("before") ? 1 : 0) + (c.has("cursor") ? 1 : 0);
    if (cursorKeys > 1) {
      throw c.fail(FaunaError.invalidExpression("No form/function found, or invalid argument keys: { "
          + String.join(", ", (Iterable<String>) c.node::fieldNames) + " }."));
    }
    Object source = c.arg("paginate");
    GivenCursor cursor = givenCursor(c);
    boolean events = c.has("events") && c.arg("events", Boolean.class, "Boolean");
    boolean sources = c.has("sources") && c.arg("sources", Boolean.class, "Boolean");
    long size = c.has("size") ? c.longArg("size") : Paginator.DEFAULT_SIZE;
    long snapshot = ReadForms.readTime(c);
    int clamped = (int) Math.max(Math.min(size, Paginator.MAX_SIZE), Integer.MIN_VALUE);
    Paginator.Request r = new Paginator.Request(cursor.present(), cursor.value(), cursor.backward(), clamped,
        snapshot, Long.MIN_VALUE, sources, c.ctx.txn().ts);
    c.ctx.txn().reads++;
    try {
      return read(c, "paginate", source, events, r);
    } catch (FaunaError e) {
      // a malformed cursor is reported at the argument that carried it
      boolean cursorError = e.position == null && "invalid argument".equals(e.code) && cursor.present();
      throw cursorError ? e.at(cursor.position()) : e;
    }
  }

  /** {@code after: X}, {@code before: X}, or {@code cursor: {after: X} | {before: X} | null}. */
  private static GivenCursor givenCursor(Call c) {
    for (String key : List.of("after", "before")) {
      if (c.has(key)) {
        return new GivenCursor(true, c.arg(key), key.equals("before"), c.at(key));
      }
    }
    if (!c.has("cursor")) {
      return new GivenCursor(false, null, false, null);
    }
    Object given = c.arg("cursor");
    if (given == null) {
      return new GivenCursor(false, null, false, null);
    }
    if (given instanceof Map<?, ?> m && m.size() == 1 && (m.containsKey("after") || m.containsKey("before"))) {
      String key = m.containsKey("after") ? "after" : "before";
      return new GivenCursor(true, m.get(key), key.equals("before"), Evaluator.append(c.at("cursor"), key));
    }
    throw c.failAt("cursor", FaunaError.invalidArgument(
        "Invalid cursor object. Expected an object with either 'before' or 'after' key in it."));
  }

  /**
   * Reads one page of a set or a document's history, as the key of the request may; {@code verb} is the
   * argument of the calling function (Paginate, Get) where a refused read is reported.
   */
  static PageValue read(Call c, String verb, Object source, boolean events, Paginator.Request r) {
    if (source instanceof EventsSet ev) {
      return read(c, verb, ev.source(), true, r);
    }
    if (source instanceof RefValue ref) {
      if (ref.isNative()) {
        return read(c, verb, ReadForms.documents(c, ref, verb), events, r);
      }
      return document(c, verb, ref, events, r);
    }
    if (source instanceof SingletonSet single) {
      return singleton(c, verb, single, events, r);
    }
    if (source instanceof IndexSet set) {
      return indexSet(c, verb, set, events, r);
    }
    throw c.failAt(verb, FaunaError.invalidArgument("Ref or Set expected, " + Evaluator.typeName(source)
        + " provided."));
  }

  /**
   * The document {@code Get(set)} reads: the first element's document, whatever the index's values are; null for
   * an empty set or one whose documents the key may not read.
   */
  static RefValue firstDocument(Call c, FaunaSet set, long ts) {
    PageValue first = read(c, "get", set, false, new Paginator.Request(false, null, false, 1, ts, Long.MIN_VALUE,
        false, c.ctx.txn().ts));
    if (first.data().isEmpty()) {
      return null;
    }
    if (set instanceof IndexSet indexSet) {
      return (RefValue) Paginator.firstDocument(indexSet, ts, c.ctx.txn().ts);
    }
    if (first.data().get(0) instanceof RefValue ref) {
      return ref;
    }
    throw c.failAt("get", FaunaError.invalidArgument("Ref or Set expected, Set provided."));
  }

  /**
   * {@code Documents(c)}, schema sets and index matches: a schema set or an index the key may not read is
   * refused; the documents of a collection it may not read are filtered out of the page.
   */
  private static PageValue indexSet(Call c, String verb, IndexSet set, boolean events, Paginator.Request r) {
    FaunaSet.Source from = set.source();
    if (from.isSchema() && !c.ctx.access().canRead(from.collection())) {
      throw c.failAt(verb, FaunaError.permissionDenied());
    }
    if (from.index() != null && !c.ctx.access().canRead(from.index())) {
      throw c.failAt(verb, FaunaError.permissionDenied());
    }
    if (events && set.isRange()) {
      throw c.fail(FaunaError.invalidArgument("Set does not support events history."));
    }
    Paginator.Request checked = retention(c, from.collection(), events, r);
    if (!c.ctx.access().canRead(from.collection())) {
      // every element is a document the key may not read: all are filtered out of the page
      return Paginator.nothing(events, checked, set);
    }
    return events ? Paginator.setEvents(set.table(), set.terms(), checked, set) : Paginator.entries(set, checked);
  }

  /** {@code Singleton(ref)}: its history needs {@code history_read} on the collection. */
  private static PageValue singleton(Call c, String verb, SingletonSet single, boolean events, Paginator.Request r) {
    CollectionTable table = c.store().tableOf(single.ref());
    Permissions.checkHistoryRead(c, verb, table.ref);
    Paginator.Request checked = retention(c, table.ref, events, r);
    if (!events) {
      return Paginator.singleton(single, checked);
    }
    return Paginator.singletonEvents(historyOf(table, single.ref()), checked, single);
  }

  /** {@code Paginate(ref)}: the document as a one-element set, or its history with {@code events}. */
  private static PageValue document(Call c, String verb, RefValue ref, boolean events, Paginator.Request r) {
    CollectionTable table = ReadForms.resolve(c, () -> c.store().tableOf(ref), verb);
    Permissions.checkHistoryRead(c, verb, table.ref);
    Paginator.Request checked = retention(c, table.ref, events, r);
    if (events) {
      return Paginator.documentEvents(historyOf(table, ref), checked);
    }
    return Paginator.singleton(new SingletonSet(ref, table.documents), checked);
  }

  private static StoredDocument historyOf(CollectionTable table, RefValue ref) {
    StoredDocument doc = table.document(ref.id());
    return doc != null ? doc : new StoredDocument(ref);
  }

  /** History reads see only what retention kept; snapshot reads below it are refused. */
  private static Paginator.Request retention(Call c, RefValue collection, boolean events, Paginator.Request r) {
    if (!events) {
      Permissions.checkRetained(c, collection, r.snapshot());
      return r;
    }
    long mvt = collection.isNative() ? Long.MIN_VALUE : c.store().minValidTime(collection.id());
    return r.retained(mvt);
  }
}
