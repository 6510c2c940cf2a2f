package dev.faunaconnect.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faunaconnect.FaunaSourceConnector;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

/** Two collections routed to one topic would overwrite each other in a compacted topic: refused. */
class TopicClashTest {
  private static Map<String, String> props(String... more) {
    Map<String, String> props = new HashMap<>(Map.of("fauna.endpoint", "http://127.0.0.1:1", "fauna.secret", "s"));
    for (int i = 0; i < more.length; i += 2) {
      props.put(more[i], more[i + 1]);
    }
    return props;
  }

  @Test
  void distinctTopicsAreFine() {
    FaunaSourceConfig config = new FaunaSourceConfig(props("collections", "a,b", "collection.b.topic", "bees"));
    assertEquals(Optional.empty(), config.topicClash(List.of("a", "b")));
  }

  @Test
  void aTopicOverrideOntoAnotherCollectionsTopicIsRefused() {
    FaunaSourceConfig config = new FaunaSourceConfig(props("collection.b.topic", "fauna.a"));
    String clash = config.topicClash(List.of("a", "b")).orElseThrow();
    assertTrue(clash.contains("'fauna.a'") && clash.contains("collection 'a'") && clash.contains("collection 'b'"),
        clash);
    assertTrue(config.topicClash(List.of("b", "c")).isEmpty(), "only collections that exist together clash");
  }

  @Test
  void theHeartbeatTopicIsNoCollectionsTopic() {
    FaunaSourceConfig config = new FaunaSourceConfig(props("heartbeat.topic", "fauna.a"));
    assertTrue(config.topicClash(List.of("a")).orElseThrow().contains("heartbeat.topic"));
  }

  @Test
  void theConnectorRefusesToStartWithConfiguredCollectionsThatClash() {
    FaunaSourceConnector connector = new FaunaSourceConnector();
    ConnectException e = assertThrows(ConnectException.class,
        () -> connector.start(props("collections", "a,b", "collection.a.topic", "shared", "collection.b.topic",
            "shared")));
    assertTrue(e.getMessage().contains("Topic 'shared'"), e.getMessage());
  }
}
