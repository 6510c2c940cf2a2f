package dev.faunaconnect.localfauna;

import java.util.Map;

/**
 * One version in a document's history: the time it was written and the document's full stored fields after it,
 * or {@code null} fields for a delete. Whether a live version is a {@code create} or an {@code update} depends on
 * the version before it (see {@link StoredDocument#actionOf(Version, Version)}), as on the server.
 */
record Version(long ts, Map<String, Object> fields) {
  static Version deleted(long ts) {
    return new Version(ts, null);
  }

  boolean isDelete() {
    return fields == null;
  }
}
