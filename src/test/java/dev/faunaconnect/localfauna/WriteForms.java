package dev.faunaconnect.localfauna;

import dev.faunaconnect.localfauna.Values.RefValue;
import dev.faunaconnect.localfauna.Values.TimeValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Document writes: Create, Update, Replace, Delete, and Insert/Remove for writing history at a past time. */
final class WriteForms {
  /** The fields a user document stores; others in params are dropped, as the server's validator does. */
  private static final Set<String> DOCUMENT_FIELDS = Set.of("data", "ttl");

  private WriteForms() {}

  static void register(Forms f) {
    f.add("create ?params", WriteForms::create)
        .add("update params", c -> update(c, "update", true))
        .add("replace params", c -> update(c, "replace", false))
        .add("delete", WriteForms::delete)
        .add("insert ts action ?params", WriteForms::insert)
        .add("remove ts action", WriteForms::remove);
  }

  /** Writes happen at the transaction time: inside {@code At(T, ...)} with another T they are refused. */
  static void checkWriteTime(Call c) {
    if (c.ctx.snapshot() != c.ctx.txn().ts) {
      throw c.fail(new FaunaError(400, "invalid write time", "Cannot write outside of snapshot time.", null));
    }
  }

  private static Object create(Call c) {
    Permissions.checkWrite(c);
    checkWriteTime(c);
    RefValue target = c.refArg("create");
    Map<String, Object> params = params(c);
    if (Values.COLLECTIONS.equals(target.collection())) {
      target = new RefValue(c.store().newId(), target);
    }
    RefValue ref = target;
    CollectionTable table = ReadForms.resolve(c, () -> c.store().tableOf(ref), "create");
    checkReferences(c, params);
    if (table.ref.isNative()) {
      throw c.failAt("create", FaunaError.invalidArgument("Collection Ref expected, Ref provided."));
    }
    StoredDocument existing = table.document(ref.id());
    if (existing != null && existing.visibleAt(c.ctx.txn().ts, c.ctx.txn().ts) != null) {
      throw c.failAt("create", FaunaError.alreadyExists("Document already exists."));
    }
    StoredDocument doc = table.documentOrNew(ref.id());
    Map<String, Object> fields = documentFields(Map.of(), params);
    checkTtl(c, fields, c.at("create"));
    Version version = new Version(c.ctx.txn().ts, fields);
    c.ctx.txn().write(table, doc, version);
    if (UniqueIndexes.violated(table, doc, version.ts())) {
      throw c.failAt("create", UniqueIndexes.notUnique());
    }
    return Created.mark(doc.render(version));
  }

  private static Object update(Call c, String verb, boolean partial) {
    Permissions.checkWrite(c);
    checkWriteTime(c);
    RefValue ref = resolvedRef(c, verb);
    Map<String, Object> params = params(c);
    CollectionTable table = ReadForms.resolve(c, () -> c.store().tableOf(ref), verb);
    checkReferences(c, params);
    StoredDocument doc = table.document(ref.id());
    Version current = doc == null ? null : doc.visibleAt(c.ctx.txn().ts, c.ctx.txn().ts);
    if (current == null) {
      throw c.failAt(verb, FaunaError.instanceNotFound(ReadForms.notFoundMessage(table)));
    }
    Map<String, Object> fields = table.ref.isNative()
        ? SchemaForms.updatedSchema(c, table, current.fields(), params, partial)
        : documentFields(partial ? current.fields() : Map.of(), params);
    checkTtl(c, fields, c.position);
    Version version = new Version(c.ctx.txn().ts, fields);
    c.ctx.txn().write(table, doc, version);
    if (UniqueIndexes.violated(table, doc, version.ts())) {
      // WriteAdaptor.update reports it at the Update's own position, not at its "update" argument
      throw c.fail(UniqueIndexes.notUnique());
    }
    return doc.render(version);
  }

  /** The ref a write targets; one that names nothing is {@code invalid ref} at the verb (Casts.Ref). */
  private static RefValue resolvedRef(Call c, String verb) {
    RefValue ref = c.refArg(verb);
    FaunaError unresolved = ReadForms.unresolved(c.store(), ref);
    if (unresolved != null) {
      throw c.failAt(verb, unresolved);
    }
    return ref;
  }

  /** Returns the last live version, with its own ts. */
  private static Object delete(Call c) {
    Permissions.checkWrite(c);
    checkWriteTime(c);
    RefValue ref = resolvedRef(c, "delete");
    CollectionTable table = ReadForms.resolve(c, () -> c.store().tableOf(ref), "delete");
    StoredDocument doc = table.document(ref.id());
    Version current = doc == null ? null : doc.visibleAt(c.ctx.txn().ts, c.ctx.txn().ts);
    if (current == null) {
      throw c.fail(FaunaError.instanceNotFound(ReadForms.notFoundMessage(table)));
    }
    c.ctx.txn().write(table, doc, Version.deleted(c.ctx.txn().ts));
    if (table.ref.equals(Values.COLLECTIONS)) {
      c.store().deleteIndexesOf(ref.id(), c.ctx.txn());
    }
    return doc.render(current);
  }

  /** Writes a version at a past time; returns it as a document event ({@code create} or {@code delete}). */
  private static Object insert(Call c) {
    Permissions.checkWrite(c);
    RefValue ref = c.refArg("insert");
    long ts = historyTime(c);
    String action = action(c);
    CollectionTable table = userTable(c, ref, "Cannot insert event for specified ref.");
    StoredDocument doc = table.documentOrNew(ref.id());
    boolean delete = "delete".equals(action);
    Map<String, Object> fields = delete ? null : documentFields(Map.of(), c.has("params") ? params(c) : Map.of());
    if (fields != null) {
      checkTtl(c, fields, c.position);
    }
    c.ctx.txn().write(table, doc, new Version(ts, fields));
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("ts", ts);
    event.put("action", delete ? "delete" : "create");
    event.put("document", ref);
    event.put("data", delete ? null : fields.get("data"));
    return event;
  }

  /** Removes the version at a time; returns null whether or not there was one. */
  private static Object remove(Call c) {
    Permissions.checkWrite(c);
    RefValue ref = c.refArg("remove");
    long ts = historyTime(c);
    boolean delete = "delete".equals(action(c));
    CollectionTable table = userTable(c, ref, "Cannot remove event for specified ref.");
    StoredDocument doc = table.document(ref.id());
    if (doc != null) {
      c.ctx.txn().removeVersion(table, doc, ts, delete);
    }
    return null;
  }

  private static CollectionTable userTable(Call c, RefValue ref, String refused) {
    if (!ref.isDocument()) {
      throw c.fail(FaunaError.invalidArgument(refused));
    }
    return ReadForms.resolve(c, () -> c.store().tableOf(ref), c.node.fieldNames().next());
  }

  private static long historyTime(Call c) {
    Object ts = c.arg("ts");
    long micros;
    if (ts instanceof Long l) {
      micros = l;
    } else if (ts instanceof TimeValue t) {
      micros = t.micros();
    } else {
      throw c.failAt("ts", FaunaError.invalidArgument("Time expected, " + Evaluator.typeName(ts) + " provided."));
    }
    if (micros > c.ctx.txn().ts) {
      throw c.fail(new FaunaError(400, "invalid write time", "Cannot write outside of snapshot time.", null));
    }
    return micros;
  }

  private static String action(Call c) {
    Object action = c.arg("action");
    if (!"create".equals(action) && !"update".equals(action) && !"delete".equals(action)) {
      throw c.failAt("action", FaunaError.invalidArgument("String 'create', 'update', or 'delete' expected, "
          + Evaluator.typeName(action) + " provided."));
    }
    return (String) action;
  }

  /**
   * The server's RefValidator, run on a write's params before the write: every ref in them must resolve. Each one
   * that names nothing is a failure whose field is the write's position then the path to it (all as strings),
   * reported together in one {@code validation failed} at the write's position.
   */
  static void checkReferences(Call c, Map<String, Object> params) {
    List<Map<String, Object>> failures = new java.util.ArrayList<>();
    List<Object> path = new java.util.ArrayList<>();
    c.position.forEach(step -> path.add(String.valueOf(step)));
    collectUnresolved(c.store(), params, path, failures);
    if (!failures.isEmpty()) {
      FaunaError e = FaunaError.validationFailed("document data is not valid.");
      e.failures = failures;
      throw c.fail(e);
    }
  }

  private static void collectUnresolved(Store store, Object value, List<Object> path,
                                        List<Map<String, Object>> failures) {
    if (value instanceof RefValue ref) {
      if (ReadForms.unresolved(store, ref) != null) {
        failures.add(Map.of("field", List.copyOf(path), "code", "invalid reference", "description",
            "Cannot read reference."));
      }
    } else if (value instanceof Map<?, ?> m) {
      m.forEach((k, v) -> {
        path.add(k);
        collectUnresolved(store, v, path, failures);
        path.remove(path.size() - 1);
      });
    } else if (value instanceof List<?> l) {
      for (int i = 0; i < l.size(); i++) {
        path.add(Integer.toString(i));
        collectUnresolved(store, l.get(i), path, failures);
        path.remove(path.size() - 1);
      }
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> params(Call c) {
    if (!c.has("params")) {
      return Map.of();
    }
    Object params = c.arg("params");
    if (params == null) {
      return Map.of();
    }
    if (!(params instanceof Map<?, ?> m)) {
      throw c.failAt("params", FaunaError.invalidArgument("Object expected, " + Evaluator.typeName(params)
          + " provided."));
    }
    return (Map<String, Object>) m;
  }

  /**
   * {@code Document.VersionValidator}: a document's {@code ttl} is a Time ({@code Version.TTLField}); anything else
   * is {@code validation failed} at the write ({@code WriteAdaptor.liftPatch}: the create's position for a Create,
   * the form's own for the other writes).
   */
  private static void checkTtl(Call c, Map<String, Object> fields, List<Object> at) {
    Object ttl = fields.get("ttl");
    if (ttl != null && !(ttl instanceof Values.TimeValue)) {
      throw FaunaError.invalidData(List.of("ttl"), "invalid type", "Invalid type " + SchemaForms.storedType(ttl)
          + ", expected type Time.").at(at);
    }
  }

  /** A user document's stored fields: {@code data} and {@code ttl} patched onto {@code base}. */
  private static Map<String, Object> documentFields(Map<String, Object> base, Map<String, Object> params) {
    Map<String, Object> kept = new LinkedHashMap<>();
    params.forEach((k, v) -> {
      if (DOCUMENT_FIELDS.contains(k)) {
        kept.put(k, v);
      }
    });
    return DataPatch.patch(base, kept);
  }

  /** Results that are newly created documents, answered with HTTP 201. */
  static final class Created {
    private static final ThreadLocal<Set<Object>> CREATED = ThreadLocal.withInitial(
        () -> java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));

    private Created() {}

    static Map<String, Object> mark(Map<String, Object> doc) {
      CREATED.get().add(doc);
      return doc;
    }

    static boolean isCreated(Object result) {
      return CREATED.get().contains(result);
    }

    static void reset() {
      CREATED.get().clear();
    }
  }
}
