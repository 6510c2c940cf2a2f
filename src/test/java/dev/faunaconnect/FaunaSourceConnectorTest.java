package dev.faunaconnect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faunaconnect.offset.CollectionOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.junit.jupiter.api.Test;

class FaunaSourceConnectorTest {
  private static Map<String, String> props(String collections) {
    return Map.of("fauna.endpoint", "http://127.0.0.1:8443", "fauna.secret", "secret", "collections", collections);
  }

  private static List<String> taskCollections(String collections, int maxTasks) {
    FaunaSourceConnector connector = new FaunaSourceConnector();
    connector.start(props(collections));
    List<Map<String, String>> configs = connector.taskConfigs(maxTasks);
    connector.stop();
    configs.forEach(c -> assertEquals("secret", c.get("fauna.secret"), "each task has the whole configuration"));
    return configs.stream().map(c -> c.get("task.collections")).toList();
  }

  @Test
  void collectionsAreSpreadOverAtMostMaxTasks() {
    assertEquals(List.of("a,b", "c"), taskCollections("a,b,c", 2));
    assertEquals(List.of("a", "b", "c"), taskCollections("a,b,c", 3));
    assertEquals(List.of("a", "b", "c"), taskCollections("a,b,c", 8));
    assertEquals(List.of("a,b,c"), taskCollections("a,b,c", 1));
  }

  @Test
  void offsetsAreAlteredOnlyToShapesTheConnectorWrites() {
    FaunaSourceConnector connector = new FaunaSourceConnector();
    Map<String, ?> offset = CollectionOffset.snapshotAt(1_700_000_000_000_000L).withSnapshotRef("12").toMap();
    Map<Map<String, ?>, Map<String, ?>> good = new HashMap<>();
    good.put(Map.of("collection", "orders"), offset);
    good.put(Map.of("collection", "customers"), null);
    assertTrue(connector.alterOffsets(props("orders"), good));

    ConnectException badPartition = assertThrows(ConnectException.class,
        () -> connector.alterOffsets(props("orders"), Map.of(Map.of("collection", "orders", "db", "x"), offset)));
    assertTrue(badPartition.getMessage().contains("A source partition must be {\"collection\""),
        badPartition.getMessage());
    Map<String, Object> badOffset = new HashMap<>(offset);
    badOffset.put("snapshot_ts", "yesterday");
    ConnectException e = assertThrows(ConnectException.class,
        () -> connector.alterOffsets(props("orders"), Map.of(Map.of("collection", "orders"), badOffset)));
    assertTrue(e.getMessage().contains("'snapshot_ts' must be an integer"), e.getMessage());
  }

  @Test
  void exactlyOnceIsSupportedAndTheVersionComesFromTheBuild() {
    FaunaSourceConnector connector = new FaunaSourceConnector();
    assertEquals(ExactlyOnceSupport.SUPPORTED, connector.exactlyOnceSupport(props("orders")));
    assertTrue(connector.version().matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), connector.version());
    assertEquals(connector.version(), new FaunaSourceTask().version());
  }
}
