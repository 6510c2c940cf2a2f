package dev.faunaconnect.it;

import static dev.faunaconnect.it.Expected.assertTopic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faunaconnect.testing.UsesFaunaBackend;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On a broker that does not create topics by itself, the worker creates the connector's topics with the
 * {@code topic.creation.default.*} settings of config/fauna-source.json, and a topic it may not create fails the
 * task with the reason.
 */
@UsesFaunaBackend
class TopicCreationIT {
  private static ConnectHarness harness;

  @BeforeAll
  static void start() {
    harness = ConnectHarness.start("topic-creation-it");
  }

  @AfterAll
  static void stop() {
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  void theWorkerCreatesCompactedTopicsWithTheBrokerDefaultsAsTheJsonExampleSays() throws Exception {
    try (Admin admin = harness.connect.kafka().createAdminClient()) {
      String brokerId = admin.describeCluster().nodes().get().iterator().next().idString();
      Config broker = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.BROKER, brokerId)))
          .all().get().values().iterator().next();
      assertEquals("false", broker.get("auto.create.topics.enable").value(), "the broker creates no topics itself");

      Written items = collection("items");
      harness.startConnector("created", 1, harness.config("collections", "items", "topic.prefix", "created.",
          "deletes.mode", "column_and_tombstone", "topic.creation.default.replication.factor", "-1",
          "topic.creation.default.partitions", "-1", "topic.creation.default.cleanup.policy", "compact"));
      assertTopic(items.live().stream().map(Expected::read).toList(), harness.awaitRecords("created.items", 2),
          "items");

      TopicDescription topic = admin.describeTopics(Set.of("created.items")).allTopicNames().get()
          .get("created.items");
      assertEquals(1, topic.partitions().size(), "num.partitions of the broker");
      Config config = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, "created.items")))
          .all().get().values().iterator().next();
      assertEquals("compact", config.get("cleanup.policy").value());
    }
    harness.connect.deleteConnector("created");
  }

  @Test
  void aTopicTheWorkerCannotCreateFailsTheTaskWithTheReason() throws Exception {
    collection("toomany");
    harness.startConnector("refused", 1, harness.config("collections", "toomany", "topic.prefix", "refused.",
        "topic.creation.default.replication.factor", "3", "topic.creation.default.partitions", "1"));
    harness.connect.assertions().assertConnectorIsRunningAndTasksHaveFailed("refused", 1, "the task did not fail");
    String trace = harness.connect.connectorStatus("refused").tasks().get(0).trace();
    assertTrue(trace.contains("Unable to create topic(s) 'refused.toomany'") && trace.contains("The target "
        + "replication factor of 3 cannot be reached because only 1 broker(s) are registered"), trace);
    harness.connect.deleteConnector("refused");
  }

  private Written collection(String name) {
    harness.fauna.createCollection(name, 30L);
    harness.fauna.createTsIndex(name + "_by_ts", name);
    Written written = new Written(harness.fauna, name);
    written.createAll(Map.of("1", Docs.sample("one", 1), "2", Docs.sample("two", 2)));
    return written;
  }
}
