package dev.faunaconnect.localfauna;

import dev.faunaconnect.localfauna.IndexTable.Entry;

/**
 * The constraint of v4 indexes with {@code unique: true} ({@code Index.constraint = UniqueValues},
 * {@code IndexStore.add}): an entry a write adds may not share its terms and values with a visible entry of another
 * document. Only the entries a write adds are checked (an update that leaves a document's entry as it was passes),
 * expired documents do not count (the check reads a snapshot, which leaves them out), and history writes
 * ({@code Insert}) are not checked ({@code applyConstraints = false}).
 */
final class UniqueIndexes {
  private UniqueIndexes() {}

  /** {@code InstanceNotUnique} ({@code ast/Error.scala}, {@code RenderError}), without its position. */
  static FaunaError notUnique() {
    return new FaunaError(400, "instance not unique", "document is not unique.", null);
  }

  /** Whether the version of {@code doc} just written at {@code ts} gives another document the same unique entry. */
  static boolean violated(CollectionTable table, StoredDocument doc, long ts) {
    for (IndexTable index : table.indexes) {
      if (index.unique && index.entriesOf(doc.ref).stream().anyMatch(e -> e.from() == ts && clashes(index, e, ts))) {
        return true;
      }
    }
    return false;
  }

  private static boolean clashes(IndexTable index, Entry added, long ts) {
    Entry lo = new Entry(added.terms(), added.values(), ValueOrder.MIN, Long.MIN_VALUE, Long.MIN_VALUE, null);
    Entry hi = new Entry(added.terms(), added.values(), ValueOrder.MAX, Long.MAX_VALUE, Long.MAX_VALUE, null);
    return index.entries.subSet(lo, true, hi, true).stream()
        .anyMatch(e -> !e.ref().equals(added.ref()) && e.visibleAt(ts, ts));
  }
}
