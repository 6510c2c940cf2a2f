package dev.faunaconnect.offset;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where the reader of one collection stands, stored as the source offset of every record it emits. Immutable,
 * primitives only on the wire (Long and String), and versioned.
 *
 * @param phase what the reader is doing
 * @param snapshotTs the transaction time of the current or last snapshot (with {@code snapshot.mode=never}: the
 *     time changes started from)
 * @param snapshotRef the id of the last document emitted by the current snapshot, or null when none was yet
 * @param change the last change emitted (documents from the ts/ref index)
 * @param remove the last delete emitted ({@code remove} events); {@link #HISTORY_START} before a fresh snapshot
 *     has read the deletes the collection's retained history holds
 * @param changedAfter a snapshot emits only the documents written after this time (0: every document). Set by the
 *     full syncs of {@code snapshot.mode=never}, which emit only what changed since the previous one.
 * @param snapshotStartTs the time T0 the current snapshot's changes start after, kept once {@code change} moves
 *     while the snapshot is read ({@code changes.mode=every_version}); 0: {@code change.ts} ({@link #snapshotStart})
 * @param collectionTs which collection of that name the offset belongs to: a {@code ts} of its collection
 *     document (a collection deleted and created again is a new one, with no version at that time); 0 when not
 *     known (an offset stored by an earlier version)
 */
public record CollectionOffset(Phase phase, long snapshotTs, String snapshotRef, Position change,
    Position remove, long changedAfter, long snapshotStartTs, long collectionTs) {
  public static final long VERSION = 1L;
  static final String VERSION_KEY = "version";
  private static final Pattern DOCUMENT_ID = Pattern.compile("0|[1-9][0-9]{0,18}");
  static final String PHASE_KEY = "phase";
  static final String SNAPSHOT_TS_KEY = "snapshot_ts";
  static final String SNAPSHOT_REF_KEY = "snapshot_ref";
  static final String CHANGE_TS_KEY = "change_ts";
  static final String CHANGE_REF_KEY = "change_ref";
  static final String REMOVE_TS_KEY = "remove_ts";
  static final String REMOVE_REF_KEY = "remove_ref";
  static final String CHANGED_AFTER_KEY = "changed_after_ts";
  static final String SNAPSHOT_START_KEY = "snapshot_start_ts";
  static final String COLLECTION_TS_KEY = "collection_ts";
  private static final List<String> KNOWN_KEYS = List.of(VERSION_KEY, PHASE_KEY, SNAPSHOT_TS_KEY, SNAPSHOT_REF_KEY,
      CHANGE_TS_KEY, CHANGE_REF_KEY, REMOVE_TS_KEY, REMOVE_REF_KEY, CHANGED_AFTER_KEY, SNAPSHOT_START_KEY,
      COLLECTION_TS_KEY);
  /**
   * The remove position of a fresh snapshot: before every delete the collection's history still holds. A fresh
   * start cannot know whether an earlier attempt emitted documents without storing an offset, so it first emits
   * every retained delete up to its snapshot time (deletes are idempotent in a compacted topic).
   */
  public static final Position HISTORY_START = Position.endOf(0);

  /** What a collection's reader is doing. */
  public enum Phase {
    /** Reading every document at {@code snapshotTs}, page by page. */
    SNAPSHOT,
    /** Reading changes from the ts/ref index, and deletes, after {@code change} and {@code remove}. */
    STREAMING,
    /** No usable index: waiting for the next full snapshot (deletes are still read). */
    FULL_SYNC;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    String wireName() {
      return wireName;
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

  /** An offset whose snapshot's changes start after {@code change}, of a collection not yet identified. */
  public CollectionOffset(Phase phase, long snapshotTs, String snapshotRef, Position change, Position remove,
      long changedAfter) {
    this(phase, snapshotTs, snapshotRef, change, remove, changedAfter, 0L, 0L);
  }

  /** An offset whose snapshot emits every document. */
  public CollectionOffset(Phase phase, long snapshotTs, String snapshotRef, Position change, Position remove) {
    this(phase, snapshotTs, snapshotRef, change, remove, 0L);
  }

  /** The greatest transaction time the offset names: the reader has seen Fauna at least at this time. */
  public long latestTs() {
    return Math.max(snapshotTs, Math.max(change.ts(), remove.ts()));
  }

  /** A snapshot at {@code ts}, after which changes and deletes are read. */
  public static CollectionOffset snapshotAt(long ts) {
    return new CollectionOffset(Phase.SNAPSHOT, ts, null, Position.endOf(ts), Position.endOf(ts));
  }

  /** The first snapshot of a collection with no stored offset: at {@code ts}, after every delete still retained. */
  public static CollectionOffset freshSnapshotAt(long ts) {
    return new CollectionOffset(Phase.SNAPSHOT, ts, null, Position.endOf(ts), HISTORY_START);
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
    return restartSnapshotAt(ts, 0L);
  }

  /** A new snapshot at {@code ts} that emits only the documents written after {@code changedAfter}. */
  public CollectionOffset restartSnapshotAt(long ts, long changedAfter) {
    return new CollectionOffset(Phase.SNAPSHOT, ts, null, Position.endOf(ts), remove, changedAfter, 0L, collectionTs);
  }

  public CollectionOffset withSnapshotRef(String ref) {
    return new CollectionOffset(phase, snapshotTs, ref, change, remove, changedAfter, snapshotStartTs, collectionTs);
  }

  /** The snapshot read at {@code ts} from here on, after the same document. */
  public CollectionOffset withSnapshotTs(long ts) {
    return new CollectionOffset(phase, ts, snapshotRef, change, remove, changedAfter, snapshotStartTs, collectionTs);
  }

  /** The snapshot's start T0 kept apart from {@code change} (0: {@code change.ts} again). */
  public CollectionOffset withSnapshotStart(long ts) {
    return new CollectionOffset(phase, snapshotTs, snapshotRef, change, remove, changedAfter, ts, collectionTs);
  }

  public CollectionOffset withPhase(Phase next) {
    return new CollectionOffset(next, snapshotTs, snapshotRef, change, remove, changedAfter, snapshotStartTs,
        collectionTs);
  }

  public CollectionOffset withChange(Position position) {
    return new CollectionOffset(phase, snapshotTs, snapshotRef, position, remove, changedAfter, snapshotStartTs,
        collectionTs);
  }

  public CollectionOffset withRemove(Position position) {
    return new CollectionOffset(phase, snapshotTs, snapshotRef, change, position, changedAfter, snapshotStartTs,
        collectionTs);
  }

  /** The same position, of the collection whose collection document had a version at {@code ts}. */
  public CollectionOffset withCollectionTs(long ts) {
    return new CollectionOffset(phase, snapshotTs, snapshotRef, change, remove, changedAfter, snapshotStartTs, ts);
  }

  /**
   * T0, the time the snapshot's changes start after: it emits only documents not written after it (later ones are
   * read as changes). The snapshot's own read time {@code snapshotTs} may move past it while it is read.
   */
  public long snapshotStart() {
    return snapshotStartTs != 0L ? snapshotStartTs : change.ts();
  }

  /** Whether this offset's deletes start before every retained one (a fresh snapshot that has not read them yet). */
  public boolean removesFromHistoryStart() {
    return remove.equals(HISTORY_START);
  }

  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>(16);
    map.put(VERSION_KEY, VERSION);
    map.put(PHASE_KEY, phase.wireName());
    map.put(SNAPSHOT_TS_KEY, snapshotTs);
    putIfPresent(map, SNAPSHOT_REF_KEY, snapshotRef);
    map.put(CHANGE_TS_KEY, change.ts());
    putIfPresent(map, CHANGE_REF_KEY, change.ref());
    map.put(REMOVE_TS_KEY, remove.ts());
    putIfPresent(map, REMOVE_REF_KEY, remove.ref());
    if (changedAfter != 0L) {
      map.put(CHANGED_AFTER_KEY, changedAfter);
    }
    if (snapshotStartTs != 0L) {
      map.put(SNAPSHOT_START_KEY, snapshotStartTs);
    }
    if (collectionTs != 0L) {
      map.put(COLLECTION_TS_KEY, collectionTs);
    }
    return map;
  }

  /** The snapshot time in a stored offset, read without checking the rest (for counting records). */
  public static long snapshotTsIn(Map<String, ?> map) {
    return requiredLong(map, SNAPSHOT_TS_KEY);
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
        new Position(requiredLong(map, REMOVE_TS_KEY), optionalRef(map, REMOVE_REF_KEY)),
        map.containsKey(CHANGED_AFTER_KEY) ? requiredLong(map, CHANGED_AFTER_KEY) : 0L,
        map.containsKey(SNAPSHOT_START_KEY) ? requiredLong(map, SNAPSHOT_START_KEY) : 0L,
        map.containsKey(COLLECTION_TS_KEY) ? requiredLong(map, COLLECTION_TS_KEY) : 0L);
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
    if (value instanceof String s && DOCUMENT_ID.matcher(s).matches()) {
      return s;
    }
    throw new IllegalArgumentException("offset key '" + key + "' must be a document id (a decimal string), not "
        + value);
  }
}
