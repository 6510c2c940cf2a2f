package dev.faunaconnect.offset;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where the reader of one collection stands, stored as the source offset of every record it emits. Immutable,
 * primitives only on the wire (Long and String), and versioned.
 *
 * @param phase what the reader is doing
 * @param snapshotTs the transaction time of the current or last snapshot (with {@code snapshot.mode=never}: the
 *     time changes started from)
 * @param snapshotRef the id of the last document emitted by the current snapshot, or null when none was yet
 * @param change the last change emitted (documents from the ts/ref index)
 * @param remove the last delete emitted ({@code remove} events)
 */
public record CollectionOffset(Phase phase, long snapshotTs, String snapshotRef, Position change,
    Position remove) {
  public static final long VERSION = 1L;
  static final String VERSION_KEY = "version";
  static final String PHASE_KEY = "phase";
  static final String SNAPSHOT_TS_KEY = "snapshot_ts";
  static final String SNAPSHOT_REF_KEY = "snapshot_ref";
  static final String CHANGE_TS_KEY = "change_ts";
  static final String CHANGE_REF_KEY = "change_ref";
  static final String REMOVE_TS_KEY = "remove_ts";
  static final String REMOVE_REF_KEY = "remove_ref";
  private static final List<String> KNOWN_KEYS = List.of(VERSION_KEY, PHASE_KEY, SNAPSHOT_TS_KEY, SNAPSHOT_REF_KEY,
      CHANGE_TS_KEY, CHANGE_REF_KEY, REMOVE_TS_KEY, REMOVE_REF_KEY);

  /** What a collection's reader is doing. */
  public enum Phase {
    /** Reading every document at {@code snapshotTs}, page by page. */
    SNAPSHOT,
    /** Reading changes from the ts/ref index, and deletes, after {@code change} and {@code remove}. */
    STREAMING,
    /** No usable index: waiting for the next full snapshot (deletes are still read). */
    FULL_SYNC;

    String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Phase fromWire(Object value) {
      for (Phase p : values()) {
        if (p.wireName().equals(value)) {
          return p;
        }
      }
      throw new IllegalArgumentException("offset key '" + PHASE_KEY
          + "' must be one of snapshot, streaming, full_sync, not " + value);
    }
  }

  public CollectionOffset {
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(change, "change");
    Objects.requireNonNull(remove, "remove");
  }

  /** A snapshot at {@code ts}, after which changes and deletes are read. */
  public static CollectionOffset snapshotAt(long ts) {
    return new CollectionOffset(Phase.SNAPSHOT, ts, null, Position.endOf(ts), Position.endOf(ts));
  }

  /** Changes and deletes from {@code ts} on, with no snapshot ({@code snapshot.mode=never}). */
  public static CollectionOffset streamingFrom(long ts) {
    return new CollectionOffset(Phase.STREAMING, ts, null, Position.endOf(ts), Position.endOf(ts));
  }

  /**
   * A new snapshot at {@code ts} (the next full sync, or a restart of one that outlived history retention). Deletes
   * keep their position: the ones before {@code ts} are read first, so none is emitted after the new snapshot.
   */
  public CollectionOffset restartSnapshotAt(long ts) {
    return new CollectionOffset(Phase.SNAPSHOT, ts, null, Position.endOf(ts), remove);
  }

  public CollectionOffset withSnapshotRef(String ref) {
    return new CollectionOffset(phase, snapshotTs, ref, change, remove);
  }

  public CollectionOffset withPhase(Phase next) {
    return new CollectionOffset(next, snapshotTs, snapshotRef, change, remove);
  }

  public CollectionOffset withChange(Position position) {
    return new CollectionOffset(phase, snapshotTs, snapshotRef, position, remove);
  }

  public CollectionOffset withRemove(Position position) {
    return new CollectionOffset(phase, snapshotTs, snapshotRef, change, position);
  }

  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put(VERSION_KEY, VERSION);
    map.put(PHASE_KEY, phase.wireName());
    map.put(SNAPSHOT_TS_KEY, snapshotTs);
    putIfPresent(map, SNAPSHOT_REF_KEY, snapshotRef);
    map.put(CHANGE_TS_KEY, change.ts());
    putIfPresent(map, CHANGE_REF_KEY, change.ref());
    map.put(REMOVE_TS_KEY, remove.ts());
    putIfPresent(map, REMOVE_REF_KEY, remove.ref());
    return map;
  }

  /** Reads an offset written by {@link #toMap()}; any other shape is refused with a message naming the key. */
  public static CollectionOffset fromMap(Map<String, ?> map) {
    if (map == null) {
      throw new IllegalArgumentException("an offset is a map, not null");
    }
    long version = requiredLong(map, VERSION_KEY);
    if (version != VERSION) {
      throw new IllegalArgumentException("offset version " + version + " is not supported (expected " + VERSION
          + "); reset the connector's offsets");
    }
    for (String key : map.keySet()) {
      if (!KNOWN_KEYS.contains(key)) {
        throw new IllegalArgumentException("unknown offset key '" + key + "'; known keys are " + KNOWN_KEYS);
      }
    }
    return new CollectionOffset(Phase.fromWire(map.get(PHASE_KEY)), requiredLong(map, SNAPSHOT_TS_KEY),
        optionalRef(map, SNAPSHOT_REF_KEY),
        new Position(requiredLong(map, CHANGE_TS_KEY), optionalRef(map, CHANGE_REF_KEY)),
        new Position(requiredLong(map, REMOVE_TS_KEY), optionalRef(map, REMOVE_REF_KEY)));
  }

  private static void putIfPresent(Map<String, Object> map, String key, String value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  /** Offsets come back from JSON, so any integral number is accepted; fractions and text are not. */
  private static long requiredLong(Map<String, ?> map, String key) {
    Object value = map.get(key);
    if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    throw new IllegalArgumentException("offset key '" + key + "' must be an integer (microseconds), not "
        + (value == null ? "missing" : value.getClass().getSimpleName() + " " + value));
  }

  private static String optionalRef(Map<String, ?> map, String key) {
    Object value = map.get(key);
    if (value == null) {
      return null;
    }
    if (value instanceof String s && s.matches("0|[1-9][0-9]{0,18}")) {
      return s;
    }
    throw new IllegalArgumentException("offset key '" + key + "' must be a document id (a decimal string), not "
        + value);
  }
}
