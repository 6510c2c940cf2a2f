package dev.faunaconnect.config;

/** Where a collection without a stored offset starts (configuration {@code snapshot.mode}). */
public enum SnapshotMode {
  /** A consistent snapshot at one transaction time, then the changes from that time on. */
  INITIAL,
  /** No snapshot: only the changes from the moment the collection is first seen. */
  NEVER;

  public String configValue() {
    return ConfigEnums.configValue(this);
  }

  public static SnapshotMode parse(String text) {
    return ConfigEnums.parse(SnapshotMode.class, FaunaSourceConfig.SNAPSHOT_MODE_CONFIG, text);
  }
}
