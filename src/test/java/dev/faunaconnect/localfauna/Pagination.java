package dev.faunaconnect.localfauna;

import dev.faunaconnect.localfauna.FaunaSet.EventsSet;
import dev.faunaconnect.localfauna.FaunaSet.IndexSet;
import dev.faunaconnect.localfauna.FaunaSet.SingletonSet;
import dev.faunaconnect.localfauna.Values.PageValue;
import dev.faunaconnect.localfauna.Values.RefValue;
import java.util.List;
import java.util.Map;

/** The {@code Paginate} form: its arguments, the permission and retention checks, then {@link Paginator}. */
final class Pagination {
  private Pagination() {}

  static Object paginate(Call c) {
    int cursorKeys = (c.has("after") ? 1 : 0) + (c.has("before") ? 1 : 0) + (c.has("cursor") ? 1 : 0);
    if (cursorKeys > 1) {
      throw c.fail(FaunaError.invalidExpression("No form/function found, or invalid argument keys: { "
          + String.join(", ", (Iterable<String>) c.node::fieldNames) + " }."));
    }
    Object source = c.arg("paginate");
    boolean events = c.has("events") && c.arg("events", Boolean.class, "Boolean");
    boolean sources = c.has("sources") && c.arg("sources", Boolean.class, "Boolean");
    long size = c.has("size") ? c.longArg("size") : Paginator.DEFAULT_SIZE;
    long snapshot = ReadForms.readTime(c);
    boolean backward = c.has("before");
    boolean hasCursor = cursorKeys == 1;
    Object cursor = c.has("after") ? c.arg("after") : c.has("before") ? c.arg("before") : null;
    if (c.has("cursor")) {
      Object given = c.arg("cursor");
      if (given == null) {
        hasCursor = false;
      } else if (given instanceof Map<?, ?> m && m.size() == 1 && (m.containsKey("after") || m.containsKey("before"))) {
        backward = m.containsKey("before");
        cursor = backward ? m.get("before") : m.get("after");
      } else {
        throw c.failAt("cursor", FaunaError.invalidArgument(
            "Invalid cursor object. Expected an object with either 'before' or 'after' key in it."));
      }
    }
    if (size < 0) {
      return new PageValue(List.of(), hasCursor, cursor, false, null);
    }
    int clamped = (int) Math.min(size, Paginator.MAX_SIZE);
    c.ctx.txn().reads++;
    return read(c, source, events, new Paginator.Request(hasCursor, cursor, backward, clamped, snapshot,
        Long.MIN_VALUE, sources));
  }

  /** Reads one page of a set or a document's history, as the key of the request may. */
  static PageValue read(Call c, Object source, boolean events, Paginator.Request r) {
    if (source instanceof EventsSet ev) {
      if (ev.source() instanceof EventsSet) {
        throw c.fail(FaunaError.invalidArgument("Set does not support events history."));
      }
      return read(c, ev.source(), true, r);
    }
    if (source instanceof RefValue ref) {
      return ref.isNative() ? read(c, ReadForms.documents(c, ref, "paginate"), events, r) : document(c, ref, events, r);
    }
    if (source instanceof SingletonSet single) {
      Permissions.checkHistoryRead(c, single.ref().collection());
      return Paginator.page(single, events, retention(c, single.ref().collection(), events, r));
    }
    if (source instanceof IndexSet set) {
      return indexSet(c, set, events, r);
    }
    throw c.failAt("paginate", FaunaError.invalidArgument("Ref or Set expected, " + Evaluator.typeName(source)
        + " provided."));
  }

  private static PageValue indexSet(Call c, IndexSet set, boolean events, Paginator.Request r) {
    FaunaSet.Source from = set.source();
    if (from.isSchema() && !c.ctx.access().canRead(from.collection())) {
      throw c.fail(FaunaError.permissionDenied());
    }
    if (from.index() != null && !c.ctx.access().canRead(from.index())) {
      throw c.fail(FaunaError.permissionDenied());
    }
    Paginator.Request checked = retention(c, from.collection(), events, r);
    if (!c.ctx.access().canRead(from.collection())) {
      // Entries of documents the key may not read are filtered out, not refused.
      return new PageValue(List.of(), r.hasCursor() && !r.backward(), r.cursor(), r.hasCursor() && r.backward(),
          r.cursor());
    }
    return Paginator.page(set, events, checked);
  }

  private static PageValue document(Call c, RefValue ref, boolean events, Paginator.Request r) {
    CollectionTable table = ReadForms.resolve(c, () -> c.store().tableOf(ref), "paginate");
    Permissions.checkHistoryRead(c, table.ref);
    Paginator.Request checked = retention(c, table.ref, events, r);
    if (events) {
      StoredDocument doc = table.document(ref.id());
      StoredDocument history = doc != null ? doc : new StoredDocument(ref);
      return Paginator.documentEvents(history, checked);
    }
    return Paginator.page(new SingletonSet(ref, table.documents), false, checked);
  }

  /** History reads see only what retention kept; snapshot reads below it are refused. */
  private static Paginator.Request retention(Call c, RefValue collection, boolean events, Paginator.Request r) {
    if (!events) {
      Permissions.checkRetained(c, collection, r.snapshot());
      return r;
    }
    long mvt = collection.isNative() ? Long.MIN_VALUE : c.store().minValidTime(collection.id());
    return new Paginator.Request(r.hasCursor(), r.cursor(), r.backward(), r.size(), r.snapshot(), mvt, r.sources());
  }
}
