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

  /** When the version expires ({@code StorageVersion.ttl}: its {@code ttl} field), or null when it never does. */
  Long ttl() {
    return fields != null && fields.get("ttl") instanceof Values.TimeValue t ? t.micros() : null;
  }

  /**
   * Whether a reader whose transaction snapshot is {@code now} still sees this version: a version whose ttl is at
   * or before the snapshot time is gone ({@code DocSnapshot.run}: {@code v.ttl.forall(_ > snapshotTS)}). The
   * snapshot time is the transaction's, not the valid time {@code At} reads at.
   */
  boolean unexpiredAt(long now) {
    Long ttl = ttl();
    return ttl == null || ttl > now;
  }
}
