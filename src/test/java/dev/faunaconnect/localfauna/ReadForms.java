package dev.faunaconnect.localfauna;

import dev.faunaconnect.localfauna.FaunaSet.EventsSet;
import dev.faunaconnect.localfauna.FaunaSet.IndexSet;
import dev.faunaconnect.localfauna.FaunaSet.SingletonSet;
import dev.faunaconnect.localfauna.Values.DateValue;
import dev.faunaconnect.localfauna.Values.PageValue;
import dev.faunaconnect.localfauna.Values.QueryValue;
import dev.faunaconnect.localfauna.Values.RefValue;
import dev.faunaconnect.localfauna.Values.TimeValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Refs, sets, Get, Exists, Paginate and the collection functions Map, Filter and Foreach. */
final class ReadForms {
  private ReadForms() {}

  static void register(Forms f) {
    f.add("collection", c -> schemaRef(c, "collection", "collections"))
        .add("index", c -> schemaRef(c, "index", "indexes"))
        .add("role", c -> schemaRef(c, "role", "roles"))
        .add("collections", c -> Values.COLLECTIONS)
        .add("indexes", c -> Values.INDEXES)
        .add("roles", c -> Values.ROLES)
        .add("keys", c -> Values.KEYS)
        .add("ref id", ReadForms::ref)
        .add("new_id", c -> c.store().newId())
        .add("documents", c -> documents(c, c.refArg("documents"), "documents"))
        .add("match ?terms", ReadForms::match)
        .add("range from to", ReadForms::range)
        .add("events", c -> {
          Object source = c.arg("events");
          if (!(source instanceof FaunaSet) && !(source instanceof RefValue)) {
            throw c.failAt("events", FaunaError.invalidArgument("Ref or Set expected, "
                + Evaluator.typeName(source) + " provided."));
          }
          return new EventsSet(source);
        })
        .add("singleton", c -> {
          RefValue ref = c.refArg("singleton");
          return new SingletonSet(ref, resolve(c, () -> c.store().tableOf(ref), "singleton").documents);
        })
        .add("get ?ts", ReadForms::get)
        .add("exists ?ts", ReadForms::exists)
        .add("paginate ?after ?before ?cursor ?ts ?size ?events ?sources", Pagination::paginate)
        .add("map collection", c -> mapLike(c, "map"))
        .add("filter collection", c -> mapLike(c, "filter"))
        .add("foreach collection", c -> mapLike(c, "foreach"));
  }

  /** {@code Collection("c")}, {@code Index("i")}, {@code Role("r")}: resolved where they are used, as the server does. */
  private static RefValue schemaRef(Call c, String key, String nativeName) {
    return new RefValue(c.stringArg(key), RefValue.nativeRef(nativeName));
  }

  private static RefValue ref(Call c) {
    RefValue parent = c.refArg("ref");
    Object id = c.arg("id");
    String text = id instanceof Long l ? Long.toString(l) : id instanceof String s ? s : null;
    if (text == null) {
      throw c.failAt("id", FaunaError.invalidArgument("String or Number expected, " + Evaluator.typeName(id)
          + " provided."));
    }
    if (parent.isDocument() || Values.COLLECTIONS.equals(parent.collection())) {
      if (!ValueOrder.isNumeric(text)) {
        throw c.failAt("id", FaunaError.invalidArgument("Number or numeric String expected, non-numeric '"
            + text + "' provided."));
      }
    }
    return new RefValue(text, parent);
  }

  /** {@code Documents(c)}, or the schema set a native ref such as {@code Collections()} stands for. */
  static IndexSet documents(Call c, RefValue collection, String argKey) {
    if (collection.isNative()) {
      CollectionTable t = c.store().nativeTable(collection.id());
      if (t == null) {
        throw c.failAt(argKey, FaunaError.invalidRef("Ref refers to undefined collection '" + collection.id() + "'"));
      }
      return new IndexSet(t.documents, List.of(), collection, null, null, new FaunaSet.Source(null, collection));
    }
    if (!Values.COLLECTIONS.equals(collection.collection())) {
      throw c.failAt(argKey, FaunaError.invalidArgument("Collection Ref expected, Ref provided."));
    }
    CollectionTable t = resolve(c, () -> c.store().collection(collection.id()), argKey);
    return new IndexSet(t.documents, List.of(), Map.of("documents", collection), null, null,
        new FaunaSet.Source(null, collection));
  }

  /** Runs a lookup, putting an unresolved name's error at the argument that named it. */
  static <T> T resolve(Call c, java.util.function.Supplier<T> lookup, String argKey) {
    try {
      return lookup.get();
    } catch (FaunaError e) {
      throw c.failAt(argKey, e);
    }
  }

  private static IndexSet match(Call c) {
    RefValue index = c.refArg("match");
    if (!Values.INDEXES.equals(index.collection())) {
      throw c.failAt("match", FaunaError.invalidArgument("Index Ref expected, Ref provided."));
    }
    IndexTable table = resolve(c, () -> c.store().index(index.id()), "match");
    Map<String, Object> definition = c.store().schemaFields("indexes", index.id(), Long.MAX_VALUE);
    if (Boolean.FALSE.equals(definition.get("active"))) {
      throw c.failAt("match", new FaunaError(400, "instance not found", "Index '" + index.id() + "' is not active.",
          null));
    }
    List<Object> terms = List.of();
    Map<String, Object> description = new LinkedHashMap<>();
    description.put("match", index);
    if (c.has("terms")) {
      Object given = c.arg("terms");
      terms = table.terms.size() > 1 && given instanceof List<?> l ? List.copyOf(l)
          : java.util.Collections.singletonList(given);
      description.put("terms", given);
    }
    return new IndexSet(table, terms, description, null, null,
        new FaunaSet.Source(index, RefValue.collection(table.source)));
  }

  private static IndexSet range(Call c) {
    Object set = c.arg("range");
    if (!(set instanceof IndexSet indexSet) || indexSet.isRange()) {
      throw c.failAt("range", FaunaError.invalidArgument("Set expected, " + Evaluator.typeName(set) + " provided."));
    }
    return indexSet.range(bound(c.arg("from")), bound(c.arg("to")));
  }

  private static List<Object> bound(Object v) {
    return v instanceof List<?> l ? new ArrayList<>(l) : java.util.Collections.singletonList(v);
  }

  private static Object get(Call c) {
    Object target = c.arg("get");
    long ts = readTime(c);
    RefValue ref;
    if (target instanceof RefValue r) {
      ref = r;
    } else if (target instanceof FaunaSet set) {
      PageValue first = Pagination.read(c, set, false, new Paginator.Request(false, null, false, 1, ts,
          Long.MIN_VALUE, false));
      // a set whose entries are filtered away reads as not found
      if (first.data().isEmpty()) {
        throw c.fail(FaunaError.instanceNotFound("Set not found."));
      }
      Object head = first.data().get(0);
      if (!(head instanceof RefValue r)) {
        throw c.fail(FaunaError.invalidArgument("Ref expected, " + Evaluator.typeName(head) + " provided."));
      }
      ref = r;
    } else {
      throw c.failAt("get", FaunaError.invalidArgument("Ref or Set expected, " + Evaluator.typeName(target)
          + " provided."));
    }
    return getDocument(c, ref, ts);
  }

  static Map<String, Object> getDocument(Call c, RefValue ref, long ts) {
    if (ref.isNative()) {
      throw c.failAt("get", FaunaError.invalidArgument("Ref expected, native collection provided."));
    }
    CollectionTable table = resolve(c, () -> c.store().tableOf(ref), "get");
    if (table.ref.isNative() && c.store().schemaFields(table.name(), ref.id(), Long.MAX_VALUE) == null) {
      // Collection("x"), Index("x"), Role("x") of an undefined name stay unresolved refs, which Get rejects
      throw c.failAt("get", FaunaError.invalidRef("Ref refers to undefined " + schemaType(table.name()) + " '"
          + ref.id() + "'"));
    }
    Permissions.checkRead(c, table.ref);
    Permissions.checkRetained(c, table.ref, ts);
    StoredDocument doc = table.document(ref.id());
    Version v = doc == null ? null : doc.liveAt(ts);
    if (v == null) {
      throw c.fail(FaunaError.instanceNotFound(notFoundMessage(table)));
    }
    return doc.render(v);
  }

  private static String schemaType(String nativeName) {
    return switch (nativeName) {
      case "indexes" -> "index";
      case "roles" -> "role";
      case "keys" -> "key";
      default -> "collection";
    };
  }

  static String notFoundMessage(CollectionTable table) {
    if (!table.ref.isNative()) {
      return "Document not found.";
    }
    return switch (table.name()) {
      case "collections" -> "Collection not found.";
      case "indexes" -> "Index not found.";
      case "roles" -> "Role not found.";
      case "keys" -> "Key not found.";
      default -> "Document not found.";
    };
  }

  /** {@code Exists(ref)}: false for what does not exist and for what the key may not read. */
  private static Object exists(Call c) {
    RefValue ref = c.refArg("exists");
    long ts = readTime(c);
    if (ref.isNative()) {
      return true;
    }
    CollectionTable table = resolve(c, () -> c.store().tableOf(ref), "exists");
    if (!c.ctx.access().canRead(table.ref)) {
      return false;
    }
    Permissions.checkRetained(c, table.ref, ts);
    StoredDocument doc = table.document(ref.id());
    return doc != null && doc.liveAt(ts) != null;
  }

  /** The snapshot a read happens at: the {@code ts} argument if given, else the context's. */
  static long readTime(Call c) {
    if (!c.has("ts")) {
      return c.ctx.snapshot();
    }
    Object ts = c.arg("ts");
    if (ts instanceof Long l) {
      return Math.min(l, c.ctx.txn().ts);
    }
    if (ts instanceof TimeValue t) {
      return Math.min(t.micros(), c.ctx.txn().ts);
    }
    if (ts instanceof DateValue d) {
      return d.date().toEpochDay() * Store.DAY_MICROS;
    }
    throw c.failAt("ts", FaunaError.invalidArgument("Time or Integer expected, " + Evaluator.typeName(ts)
        + " provided."));
  }

  private static Object mapLike(Call c, String key) {
    QueryValue lambda = c.arg(key, QueryValue.class, "Lambda");
    Object collection = c.arg("collection");
    List<?> items;
    PageValue page = null;
    if (collection instanceof PageValue p) {
      page = p;
      items = p.data();
    } else if (collection instanceof List<?> l) {
      items = l;
    } else {
      throw c.failAt("collection", FaunaError.invalidArgument("Array, Page or Set expected, "
          + Evaluator.typeName(collection) + " provided."));
    }
    List<Object> out = new ArrayList<>(items.size());
    for (Object item : items) {
      Object result = c.ev.apply(lambda, item, c.ctx);
      switch (key) {
        case "map" -> out.add(result);
        case "filter" -> {
          if (!(result instanceof Boolean keep)) {
            throw c.fail(FaunaError.invalidArgument("Boolean expected, " + Evaluator.typeName(result)
                + " provided."));
          }
          if (keep) {
            out.add(item);
          }
        }
        default -> { }
      }
    }
    if ("foreach".equals(key)) {
      return collection;
    }
    List<Object> result = java.util.Collections.unmodifiableList(out);
    return page != null ? page.withData(result) : result;
  }
}
