package dev.faunaconnect.localfauna;

import dev.faunaconnect.localfauna.Values.RefValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * All data: the native schema collections, the user collections, their documents and indexes. Schema documents
 * (collections, indexes, roles, keys) are documents of the native collections, with the same history as user
 * documents. Not thread-safe: the server runs one transaction at a time.
 */
final class Store {
  static final long FIFTEEN_MINUTES_MICROS = 15L * 60 * 1_000_000;
  static final long DAY_MICROS = 86_400L * 1_000_000;

  final FaunaClock clock;
  private final Map<String, CollectionTable> natives = new HashMap<>();
  private final Map<String, CollectionTable> collections = new HashMap<>();
  private final Map<String, IndexTable> indexes = new HashMap<>();
  private final Map<String, RefValue> keysBySecret = new HashMap<>();
  private final List<String> pendingBuilds = new ArrayList<>();
  private long lastId;

  Store(FaunaClock clock) {
    this.clock = clock;
    for (String name : List.of("collections", "indexes", "roles", "keys", "functions", "databases",
        "tokens", "credentials", "access_providers")) {
      natives.put(name, new CollectionTable(RefValue.nativeRef(name)));
    }
  }

  // ---- lookups ----------------------------------------------------------------------------------------------

  CollectionTable nativeTable(String name) {
    return natives.get(name);
  }

  /** A user collection's table; an unknown name is the server's {@code invalid ref}. */
  CollectionTable collection(String name) {
    CollectionTable t = collections.get(name);
    if (t == null) {
      throw FaunaError.invalidRef("Ref refers to undefined collection '" + name + "'");
    }
    return t;
  }

  boolean hasCollection(String name) {
    return collections.containsKey(name);
  }

  IndexTable index(String name) {
    IndexTable t = indexes.get(name);
    if (t == null) {
      throw FaunaError.invalidRef("Ref refers to undefined index '" + name + "'");
    }
    return t;
  }

  boolean hasIndex(String name) {
    return indexes.containsKey(name);
  }

  /** The table a ref's document lives in: a user collection or a native one. */
  CollectionTable tableOf(RefValue ref) {
    RefValue parent = ref.collection();
    if (parent == null) {
      throw FaunaError.invalidArgument("Ref expected, native collection provided.");
    }
    if (parent.isNative()) {
      CollectionTable t = natives.get(parent.id());
      if (t == null) {
        throw FaunaError.invalidRef("Ref refers to undefined collection '" + parent.id() + "'");
      }
      return t;
    }
    if (!Values.COLLECTIONS.equals(parent.collection())) {
      throw FaunaError.invalidRef("Ref refers to undefined collection '" + parent.id() + "'");
    }
    return collection(parent.id());
  }

  /** The stored fields of a schema document now, or null when it does not exist. */
  Map<String, Object> schemaFields(String nativeName, String id, long ts) {
    StoredDocument doc = natives.get(nativeName).document(id);
    Version v = doc == null ? null : doc.liveAt(ts);
    return v == null ? null : v.fields();
  }

  /** The role a key secret carries, or null for an unknown secret. */
  RefValue keyForSecret(String secret) {
    return keysBySecret.get(secret);
  }

  /**
   * The minimum valid time of a collection's history: history at or before it has been collected
   * ({@code Collection.deriveMinValidTime}). It is {@code max(now - history_days, floor) - 15 minutes}, where the
   * floor is the high-water mark every write of the collection document left ({@code CollectionWriteConfig
   * .updateMVT}: {@code max(the MVT then, its ts - the new history_days)}), so that raising {@code history_days}
   * never uncovers collected history. Without {@code history_days} (an explicit null removes it) the floor moves
   * to the write's own ts (updateMVT reads a missing field as the default 0 days) while the retention itself is
   * unbounded, so the MVT is the collection document's last write minus 15 minutes.
   */
  long minValidTime(String collection) {
    StoredDocument doc = natives.get("collections").document(collection);
    if (doc == null || doc.liveAt(Long.MAX_VALUE) == null) {
      return Long.MIN_VALUE;
    }
    long floor = Long.MIN_VALUE;
    Object days = null;
    for (Version v : doc.versions()) {
      if (v.isDelete()) {
        floor = Long.MIN_VALUE;
        days = null;
        continue;
      }
      long current = v == doc.versions().get(0) ? Long.MIN_VALUE : Math.max(retainedSince(v.ts(), days), floor);
      days = v.fields().get("history_days");
      floor = Math.max(current, days == null ? v.ts() : retainedSince(v.ts(), days));
    }
    long mvt = Math.max(retainedSince(clock.wallMicros(), days), floor);
    return mvt == Long.MIN_VALUE ? mvt : Math.max(0, mvt - FIFTEEN_MINUTES_MICROS);
  }

  /** {@code at - history_days}, or the beginning of time when history is kept forever or reaches back that far. */
  private static long retainedSince(long at, Object days) {
    if (!(days instanceof Long d) || d > at / DAY_MICROS) {
      return Long.MIN_VALUE;
    }
    return at - d * DAY_MICROS;
  }

  /**
   * {@code CollectionWriteConfig.delete}: deleting a collection deletes, in the same transaction, the indexes whose
   * only source it is (this server has no indexes over several collections).
   */
  void deleteIndexesOf(String collection, Txn txn) {
    CollectionTable table = natives.get("indexes");
    RefValue source = RefValue.collection(collection);
    for (StoredDocument doc : List.copyOf(table.docs.values())) {
      Version live = doc.liveAt(txn.ts);
      if (live != null && source.equals(live.fields().get("source"))) {
        txn.write(table, doc, Version.deleted(txn.ts));
      }
    }
  }

  /** A new document id: 18 digits like the real server's, strictly increasing. */
  synchronized String newId() {
    long candidate = (clock.wallMicros() / 1000 - 1_500_000_000_000L) * 1_000_000L / 4
        + ThreadLocalRandom.current().nextInt(1000);
    lastId = Math.max(lastId + 1, Math.max(candidate, 300_000_000_000_000_000L));
    return Long.toString(lastId);
  }

  // ---- writes -----------------------------------------------------------------------------------------------

  /** The undo log of one transaction, so that an aborted query leaves nothing behind. */
  final class Txn {
    final long ts;
    private final Map<StoredDocument, List<Version>> saved = new IdentityHashMap<>();
    private final Map<StoredDocument, CollectionTable> tables = new IdentityHashMap<>();
    private final List<Runnable> undo = new ArrayList<>();
    boolean wrote;
    /** A {@code GET /?q=} query: the real server runs it with a read effect limit, so writes are refused. */
    boolean readOnly;
    /** Documents and pages read, for the {@code x-read-ops} metric. */
    int reads;

    Txn(long ts) {
      this.ts = ts;
    }

    void write(CollectionTable table, StoredDocument doc, Version version) {
      remember(table, doc);
      doc.write(version);
      table.reindex(doc);
      afterWrite(table, doc);
      if (version.isDelete() && table == natives.get("collections")) {
        deleteIndexesOf(RefValue.collection(doc.ref.id()));
      }
    }

    /** Deleting a collection deletes the indexes whose only source it is ({@code deleteCollectionIndexes}). */
    private void deleteIndexesOf(RefValue collection) {
      CollectionTable indexTable = natives.get("indexes");
      for (StoredDocument index : List.copyOf(indexTable.docs.values())) {
        Version live = index.liveAt(Long.MAX_VALUE);
        if (live != null && !live.isDelete() && collection.equals(live.fields().get("source"))) {
          write(indexTable, index, Version.deleted(ts));
        }
      }
    }

    boolean removeVersion(CollectionTable table, StoredDocument doc, long at, boolean delete) {
      remember(table, doc);
      long mvt = table.ref.isNative() ? Long.MIN_VALUE : minValidTime(table.name());
      boolean removed = doc.removeAt(at, delete, mvt);
      table.reindex(doc);
      afterWrite(table, doc);
      return removed;
    }

    private void remember(CollectionTable table, StoredDocument doc) {
      wrote = true;
      if (!saved.containsKey(doc)) {
        saved.put(doc, List.copyOf(doc.versions()));
        tables.put(doc, table);
      }
    }

    /** Documents written, for the {@code x-write-ops} metric. */
    int writes() {
      return saved.size();
    }

    void onRollback(Runnable action) {
      undo.add(action);
    }

    void rollback() {
      saved.forEach((doc, versions) -> {
        CollectionTable table = tables.get(doc);
        doc.restore(versions);
        table.docs.putIfAbsent(doc.ref.id(), doc);
        table.reindex(doc);
        afterWrite(table, doc);
      });
      for (int i = undo.size() - 1; i >= 0; i--) {
        undo.get(i).run();
      }
    }
  }

  Txn begin() {
    return new Txn(clock.nextTransactionTime());
  }

  /** Keeps the derived schema (user tables, index tables, key secrets) in step with the schema documents. */
  private void afterWrite(CollectionTable table, StoredDocument doc) {
    if (!table.ref.isNative()) {
      return;
    }
    Version now = doc.liveAt(Long.MAX_VALUE);
    switch (table.name()) {
      case "collections" -> syncCollection(doc.ref.id(), now);
      case "indexes" -> syncIndex(doc.ref.id(), now);
      case "keys" -> syncKey(doc.ref, now);
      default -> { }
    }
  }

  private void syncCollection(String name, Version now) {
    if (now == null) {
      collections.remove(name);
    } else {
      collections.computeIfAbsent(name, n -> new CollectionTable(RefValue.collection(n)));
    }
  }

  private void syncIndex(String name, Version now) {
    IndexTable old = indexes.remove(name);
    if (old != null) {
      collections.values().forEach(c -> c.indexes.remove(old));
    }
    if (now == null) {
      return;
    }
    Map<String, Object> f = now.fields();
    RefValue source = (RefValue) f.get("source");
    CollectionTable sourceTable = collections.get(source.id());
    IndexTable table = new IndexTable(name, source.id(), fields(f.get("terms")), fields(f.get("values")),
        sourceTable == null ? ValueOrder.VALUES : sourceTable.refOrder(), Boolean.TRUE.equals(f.get("unique")));
    indexes.put(name, table);
    if (sourceTable != null) {
      sourceTable.addIndex(table);
    }
  }

  private void syncKey(RefValue ref, Version now) {
    if (now == null) {
      keysBySecret.values().removeIf(ref::equals);
    }
  }

  /** Remembers a new key's secret (only its hash is stored in the key document). */
  void registerSecret(String secret, RefValue key, Txn txn) {
    keysBySecret.put(secret, key);
    txn.onRollback(() -> keysBySecret.remove(secret));
  }

  /** Indexes over large collections finish building after the transaction that created them. */
  /** While true, background builds do not finish: a build the real server is still running. */
  volatile boolean buildsHeld;

  void scheduleIndexBuild(String name) {
    pendingBuilds.add(name);
  }

  /** Completes background index builds: a later version of the index document with {@code active: true}. */
  void finishIndexBuilds() {
    if (pendingBuilds.isEmpty() || buildsHeld) {
      return;
    }
    Txn txn = begin();
    CollectionTable table = natives.get("indexes");
    for (String name : pendingBuilds) {
      StoredDocument doc = table.document(name);
      Version current = doc == null ? null : doc.liveAt(Long.MAX_VALUE);
      if (current != null) {
        Map<String, Object> fields = new LinkedHashMap<>(current.fields());
        fields.put("active", true);
        txn.write(table, doc, new Version(txn.ts, java.util.Collections.unmodifiableMap(fields)));
      }
    }
    pendingBuilds.clear();
  }

  @SuppressWarnings("unchecked")
  private static List<IndexTable.Field> fields(Object spec) {
    List<IndexTable.Field> out = new ArrayList<>();
    if (!(spec instanceof List<?> list)) {
      return out;
    }
    for (Object item : list) {
      Map<String, Object> m = (Map<String, Object>) item;
      Object field = m.get("field");
      List<Object> path = field instanceof List<?> l ? new ArrayList<>(l) : List.of(field);
      out.add(new IndexTable.Field(path, Boolean.TRUE.equals(m.get("reverse"))));
    }
    return out;
  }

  /** A fresh ordered copy of an object, so stored versions never share mutable maps. */
  @SuppressWarnings("unchecked")
  static Object deepCopy(Object value) {
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put((String) k, deepCopy(v)));
      return out;
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      l.forEach(v -> out.add(deepCopy(v)));
      return java.util.Collections.unmodifiableList(out);
    }
    return value;
  }
}
