package dev.faunaconnect.offset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faunaconnect.offset.CollectionOffset.Phase;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CollectionOffsetTest {
  private static final long T = 1_700_000_000_000_000L;

  @Test
  void everyPhaseRoundTripsThroughItsMap() {
    List<CollectionOffset> offsets = List.of(
        CollectionOffset.snapshotAt(T),
        CollectionOffset.snapshotAt(T).withSnapshotRef("337567897171787849"),
        CollectionOffset.streamingFrom(T),
        CollectionOffset.snapshotAt(T).withPhase(Phase.STREAMING).withChange(new Position(T + 5, "12"))
            .withRemove(new Position(T + 3, "9")),
        CollectionOffset.snapshotAt(T).withPhase(Phase.FULL_SYNC).withRemove(new Position(T + 7, "0")),
        CollectionOffset.snapshotAt(T).withRemove(new Position(T - 9, "4")).restartSnapshotAt(T + 100),
        CollectionOffset.streamingFrom(T).withCollectionTs(T - 1).withChange(new Position(T + 2, "5")));
    for (CollectionOffset offset : offsets) {
      assertEquals(offset, CollectionOffset.fromMap(offset.toMap()));
      assertEquals(offset, CollectionOffset.fromMap(viaJsonNumbers(offset.toMap())));
    }
  }

  @Test
  void theMapHoldsOnlyPrimitivesUnderStableKeys() {
    CollectionOffset offset = CollectionOffset.snapshotAt(T).withSnapshotRef("42").withChange(new Position(T, "7"));
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("version", 1L);
    expected.put("phase", "snapshot");
    expected.put("snapshot_ts", T);
    expected.put("snapshot_ref", "42");
    expected.put("change_ts", T);
    expected.put("change_ref", "7");
    expected.put("remove_ts", T);
    assertEquals(expected, offset.toMap());
  }

  /** Which collection of its name an offset belongs to survives every move; an offset without it reads as 0. */
  @Test
  void theCollectionIdentityIsKeptByEveryMoveAndOptionalOnTheWire() {
    CollectionOffset offset = CollectionOffset.snapshotAt(T).withCollectionTs(T - 10).withSnapshotRef("4")
        .withPhase(Phase.STREAMING).withChange(new Position(T + 1, "2")).withRemove(new Position(T + 1, "3"))
        .restartSnapshotAt(T + 5, T);
    assertEquals(T - 10, offset.collectionTs());
    assertEquals(T - 10, offset.toMap().get("collection_ts"));
    assertEquals(0L, CollectionOffset.fromMap(CollectionOffset.streamingFrom(T).toMap()).collectionTs());
    assertRefused(with(CollectionOffset.streamingFrom(T).toMap(), "collection_ts", "x"),
        "'collection_ts' must be an integer");
  }

  @Test
  void aSnapshotWhoseChangesMovedKeepsItsStartUnderItsOwnKey() {
    CollectionOffset moved = CollectionOffset.snapshotAt(T).withSnapshotStart(T).withChange(new Position(T + 9, "4"))
        .withSnapshotTs(T + 12);
    assertEquals(T, moved.toMap().get("snapshot_start_ts"));
    assertEquals(moved, CollectionOffset.fromMap(moved.toMap()));
    assertEquals(T, CollectionOffset.fromMap(moved.toMap()).snapshotStart());
    // an offset without the key (written before it existed, or before its changes moved) starts at its change
    Map<String, Object> old = CollectionOffset.snapshotAt(T).withSnapshotRef("3").toMap();
    assertEquals(false, old.containsKey("snapshot_start_ts"));
    assertEquals(T, CollectionOffset.fromMap(old).snapshotStart());
  }

  @Test
  void aRestartedSnapshotKeepsItsDeletePosition() {
    Position remove = new Position(T + 1, "3");
    CollectionOffset restarted = CollectionOffset.snapshotAt(T).withSnapshotRef("8").withPhase(Phase.FULL_SYNC)
        .withRemove(remove).restartSnapshotAt(T + 50);
    assertEquals(new CollectionOffset(Phase.SNAPSHOT, T + 50, null, Position.endOf(T + 50), remove), restarted);
  }

  @Test
  void refusesMapsItDidNotWrite() {
    Map<String, Object> good = CollectionOffset.streamingFrom(T).toMap();
    assertRefused(with(good, "version", 2L), "offset version 2 is not supported");
    assertRefused(with(good, "version", null), "'version' must be an integer");
    assertRefused(with(good, "phase", "copying"), "'phase' must be one of snapshot, streaming, full_sync");
    assertRefused(with(good, "change_ts", "123"), "'change_ts' must be an integer");
    assertRefused(with(good, "remove_ts", 1.5), "'remove_ts' must be an integer");
    assertRefused(with(good, "snapshot_ts", null), "'snapshot_ts' must be an integer (microseconds), not missing");
    assertRefused(with(good, "change_ref", 12L), "'change_ref' must be a document id");
    assertRefused(with(good, "remove_ref", "abc"), "'remove_ref' must be a document id");
    assertRefused(with(good, "cursor", "x"), "unknown offset key 'cursor'");
    assertThrows(IllegalArgumentException.class, () -> CollectionOffset.fromMap(null));
  }

  @Test
  void positionsOrderByTsThenNumericIdWithTheEndOfATsLast() {
    List<Position> sorted = List.of(new Position(1, "9"), new Position(1, "10"), new Position(1, "11"),
        Position.endOf(1), new Position(2, "1"));
    for (int i = 0; i + 1 < sorted.size(); i++) {
      assertTrue(sorted.get(i).compareTo(sorted.get(i + 1)) < 0, sorted.get(i) + " < " + sorted.get(i + 1));
      assertTrue(sorted.get(i + 1).compareTo(sorted.get(i)) > 0);
    }
    assertEquals(0, new Position(1, "10").compareTo(new Position(1, "10")));
  }

  @Test
  void partitionsNameOnlyTheCollection() {
    assertEquals(Map.of("collection", "orders"), CollectionPartition.of("orders"));
    assertEquals("orders", CollectionPartition.collectionOf(Map.of("collection", "orders")));
    assertThrows(IllegalArgumentException.class,
        () -> CollectionPartition.collectionOf(Map.of("collection", "orders", "endpoint", "x")));
    assertThrows(IllegalArgumentException.class, () -> CollectionPartition.collectionOf(Map.of("table", "x")));
    assertThrows(IllegalArgumentException.class, () -> CollectionPartition.collectionOf(Map.of("collection", 1)));
  }

  /** Offsets come back from the JSON offset store with small integers as Integer: they must still be read. */
  private static Map<String, Object> viaJsonNumbers(Map<String, Object> map) {
    Map<String, Object> copy = new HashMap<>(map);
    copy.put("version", 1);
    return copy;
  }

  private static Map<String, Object> with(Map<String, Object> map, String key, Object value) {
    Map<String, Object> copy = new HashMap<>(map);
    copy.put(key, value);
    return copy;
  }

  private static void assertRefused(Map<String, Object> map, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CollectionOffset.fromMap(map));
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }
}
