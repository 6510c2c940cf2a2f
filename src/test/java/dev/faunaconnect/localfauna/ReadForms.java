package dev.faunaconnect.localfauna;

import dev.faunaconnect.localfauna.FaunaSet.EventsSet;
import dev.faunaconnect.localfauna.FaunaSet.IndexSet;
import dev.faunaconnect.localfauna.FaunaSet.SingletonSet;
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
        .add("class", c -> schemaRef(c, "class", "collections"))
        .add("index", c -> schemaRef(c, "index", "indexes"))
        .add("role", c -> schemaRef(c, "role", "roles"))
        .add("database", c -> schemaRef(c, "database", "databases"))
        .add("function", c -> schemaRef(c, "function", "functions"))
        .add("access_provider", c -> schemaRef(c, "access_provider", "access_providers"))
        .add("collections", c -> Values.COLLECTIONS)
        .add("classes", c -> Values.COLLECTIONS)
        .add("indexes", c -> Values.INDEXES)
        .add("roles", c -> Values.ROLES)
        .add("keys", c -> Values.KEYS)
        .add("databases", c -> RefValue.nativeRef("databases"))
        .add("functions", c -> RefValue.nativeRef("functions"))
        .add("tokens", c -> RefValue.nativeRef("tokens"))
        .add("credentials", c -> RefValue.nativeRef("credentials"))
        .add("access_providers", c -> RefValue.nativeRef("access_providers"))
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
          if (source instanceof EventsSet) {
            throw c.fail(FaunaError.invalidArgument("Set does not support events history."));
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

  /** Native collections whose documents are named, not numbered: no {@code Ref} can be built in them. */
  private static final java.util.Set<String> NAMED_NATIVES = java.util.Set.of("collections", "indexes", "databases",
      "functions", "roles", "access_providers");

  /**
   * {@code Ref(collection, id)} (RefFunction): a user collection, or a numbered native one (keys, tokens,
   * credentials); the id a number or a numeric string, rendered as the number it is.
   */
  private static RefValue ref(Call c) {
    Object parent = c.arg("ref");
    Object id = c.arg("id");
    if (parent instanceof RefValue r && r.isNative() && NAMED_NATIVES.contains(r.id())) {
      throw c.failAt("ref", FaunaError.invalidArgument("Regular Class Ref expected, Schema Class Ref provided."));
    }
    if (!(parent instanceof RefValue collection)
        || !(collection.isNative() || Values.COLLECTIONS.equals(collection.collection()))) {
      throw c.failAt("ref", FaunaError.invalidArgument("Collection Ref expected, " + Evaluator.typeName(parent)
          + " provided."));
    }
    if (id instanceof Long l) {
      return new RefValue(Long.toString(l), collection);
    }
    if (!(id instanceof String text)) {
      throw c.failAt("id", FaunaError.invalidArgument("String or Number expected, " + Evaluator.typeName(id)
          + " provided."));
    }
    try {
      return new RefValue(Long.toString(Long.parseLong(text)), collection);
    } catch (NumberFormatException e) {
      boolean digits = text.chars().allMatch(Character::isDigit);
      throw c.failAt("id", FaunaError.invalidArgument(digits ? "The id provided is too large: '" + text + "'"
          : "Number or numeric String expected, non-numeric '" + text + "' provided."));
    }
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

  /** The kind of schema document each named native collection holds, as the server names it in errors. */
  private static final Map<String, String> NAMED_KINDS = Map.of("collections", "collection", "indexes", "index",
      "roles", "role", "functions", "function", "databases", "database", "access_providers", "access_provider");

  /**
   * A ref that names nothing: a schema ref whose name is not defined, or a document ref in an undefined collection.
   * Such a ref is a value like any other (it renders as is) until a function needs what it refers to; then it is
   * {@code invalid ref} at that argument. Returns that error, or null when the ref resolves.
   */
  static FaunaError unresolved(Store store, RefValue ref) {
    RefValue parent = ref.collection();
    if (parent == null) {
      return null;
    }
    if (parent.isNative()) {
      String kind = NAMED_KINDS.get(parent.id());
      CollectionTable natives = store.nativeTable(parent.id());
      if (kind == null || natives == null) {
        return null;
      }
      StoredDocument doc = natives.document(ref.id());
      return doc != null && doc.liveAt(Long.MAX_VALUE) != null ? null
          : FaunaError.invalidRef("Ref refers to undefined " + kind + " '" + ref.id() + "'");
    }
    if (Values.COLLECTIONS.equals(parent.collection()) && !store.hasCollection(parent.id())) {
      return FaunaError.invalidRef("Ref refers to undefined collection '" + parent.id() + "'");
    }
    return null;
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
      // MatchFunction reports it at "index", whichever key named the index
      throw c.failAt("index", new FaunaError(400, "instance not found", "Index '" + index.id() + "' is not active.",
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
      ref = Pagination.firstDocument(c, set, ts);
      // a set whose entries are filtered away reads as not found
      if (ref == null) {
        throw c.fail(FaunaError.instanceNotFound("Set not found."));
      }
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
    FaunaError unresolved = unresolved(c.store(), ref);
    if (unresolved != null) {
      throw c.failAt("get", unresolved);
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
    Version v = visibleByName(c, table, doc, ts);
    c.ctx.txn().reads++;
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
    if (unresolved(c.store(), ref) != null) {
      return false;
    }
    CollectionTable table = resolve(c, () -> c.store().tableOf(ref), "exists");
    if (!c.ctx.access().canRead(table.ref)) {
      return false;
    }
    Permissions.checkRetained(c, table.ref, ts);
    StoredDocument doc = table.document(ref.id());
    return visibleByName(c, table, doc, ts) != null;
  }

  /**
   * The version a read at {@code ts} sees. A named schema ref ({@code Collection("c")}) stands for the document
   * live under that name now ({@code ClassRefFunction}: {@code Collection.idByNameActive}), so it sees nothing of
   * an earlier document of the same name.
   */
  private static Version visibleByName(Call c, CollectionTable table, StoredDocument doc, long ts) {
    if (doc == null || table.ref.isNative() && NAMED_NATIVES.contains(table.name()) && ts < doc.currentLifeStart()) {
      return null;
    }
    return doc.visibleAt(ts, c.ctx.txn().ts);
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
    throw c.failAt("ts", FaunaError.invalidArgument("Time expected, " + Evaluator.typeName(ts) + " provided."));
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
    } else if (collection instanceof FaunaSet) {
      throw c.failAt("collection", FaunaError.invalidArgument("Array or Page expected, Set provided."));
    } else {
      throw c.failAt("collection", FaunaError.invalidArgument("Array, Set, or Page expected, "
          + Evaluator.typeName(collection) + " provided."));
    }
    List<Object> out = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      Object item = items.get(i);
      Object result = c.ev.apply(lambda, item, c.ctx, c.at(key));
      switch (key) {
        case "map" -> out.add(result);
        case "filter" -> {
          if (!(result instanceof Boolean keep)) {
            // FilterFunction casts the lambda's results as an array: the error is at the element's index.
            throw FaunaError.invalidArgument("Boolean expected, " + Evaluator.typeName(result) + " provided.")
                .at(Evaluator.append(c.position, i));
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
