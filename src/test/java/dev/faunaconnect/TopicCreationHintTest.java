package dev.faunaconnect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A connector that leaves topic creation to luck says so at start, with what to set. */
class TopicCreationHintTest {
  @Test
  void withoutTopicCreationSettingsTheConnectorWarnsWhatToSet() {
    assertEquals(Optional.of("The worker will not create this connector's topics (shop.<collection>): "
        + "topic.creation.default.replication.factor and topic.creation.default.partitions are not both set. The "
        + "topics must exist, or the broker must create them (auto.create.topics.enable). If the worker logs "
        + "UNKNOWN_TOPIC_OR_PARTITION and no records arrive, set both (-1 takes the broker's defaults) or create the "
        + "topics, then restart the connector."), TopicCreationHint.forConfig(Map.of(), "shop."));
    assertEquals(true, TopicCreationHint.forConfig(Map.of("topic.creation.default.partitions", "1"), "fauna.")
        .isPresent(), "Connect creates topics only with both settings");
  }

  @Test
  void withBothSettingsThereIsNothingToSay() {
    assertEquals(Optional.empty(), TopicCreationHint.forConfig(Map.of("topic.creation.default.replication.factor",
        "-1", "topic.creation.default.partitions", "-1"), "fauna."));
  }
}
