package dev.faunaconnect.localfauna;

import dev.faunaconnect.localfauna.Values.RefValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The documents of one collection, user or native ({@code collections}, {@code indexes}, {@code roles},
 * {@code keys}), ordered by id, with the native {@code Documents} index and the user indexes sourced from it.
 */
final class CollectionTable {
  final RefValue ref;
  final Map<String, StoredDocument> docs = new HashMap<>();
  final IndexTable documents;
  final List<IndexTable> indexes = new ArrayList<>();
  /** Native collections list their documents in creation order (the server's sequential internal ids). */
  private final Map<String, Long> creationOrder = new HashMap<>();

  CollectionTable(RefValue ref) {
    this.ref = ref;
    this.documents = new IndexTable("documents of " + ref.id(), ref.id(), List.of(), List.of(), refOrder());
  }

  /** How this collection's refs sort: by document id, or by creation order for schema documents. */
  Comparator<Object> refOrder() {
    if (!ref.isNative()) {
      return ValueOrder.VALUES;
    }
    return (a, b) -> {
      if (a instanceof RefValue x && b instanceof RefValue y) {
        long ox = creationOrder.getOrDefault(x.id(), Long.MAX_VALUE);
        long oy = creationOrder.getOrDefault(y.id(), Long.MAX_VALUE);
        return ox != oy ? Long.compare(ox, oy) : ValueOrder.compare(x, y);
      }
      return ValueOrder.compare(a, b);
    };
  }

  String name() {
    return ref.id();
  }

  StoredDocument document(String id) {
    return docs.get(id);
  }

  StoredDocument documentOrNew(String id) {
    creationOrder.putIfAbsent(id, (long) creationOrder.size());
    return docs.computeIfAbsent(id, k -> new StoredDocument(new RefValue(k, ref)));
  }

  /** Rebuilds a document's entries in every index over this collection. */
  void reindex(StoredDocument doc) {
    if (doc.versions().isEmpty()) {
      docs.remove(doc.ref.id());
      documents.drop(doc.ref);
      indexes.forEach(i -> i.drop(doc.ref));
      return;
    }
    documents.reindex(doc);
    indexes.forEach(i -> i.reindex(doc));
  }

  void addIndex(IndexTable index) {
    indexes.add(index);
    docs.values().forEach(index::reindex);
  }
}
