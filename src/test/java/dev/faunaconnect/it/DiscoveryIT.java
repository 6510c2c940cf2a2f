package dev.faunaconnect.it;

import static dev.faunaconnect.it.Expected.assertTopic;

import dev.faunaconnect.testing.UsesFaunaBackend;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** With {@code collections} empty, every visible collection is streamed, and the list follows Fauna's. */
@UsesFaunaBackend
class DiscoveryIT {
  private static ConnectHarness harness;

  @BeforeAll
  static void start() {
    harness = ConnectHarness.start("discovery-it");
  }

  @AfterAll
  static void stop() {
    if (harness != null) {
      harness.close();
    }
  }

  private Written collection(String name, boolean index, int docs) {
    harness.fauna.createCollection(name, 30L);
    if (index) {
      harness.fauna.createTsIndex(name + "_by_ts", name);
    }
    Written written = new Written(harness.fauna, name);
    for (int i = 1; i <= docs; i++) {
      written.create(String.valueOf(i), Docs.sample(name + " " + i, i));
    }
    return written;
  }

  @Test
  void newCollectionsArePickedUpAndRemovedOnesLetGo() throws Exception {
    Written alpha = collection("alpha", true, 2);
    Written beta = collection("beta", false, 1);
    harness.createTopics("disc.alpha", "disc.beta", "disc.gamma");
    harness.startConnector("disc", 2, harness.config("tasks.max", "2", "topic.prefix", "disc.",
        "collections.refresh.interval.ms", "500"));
    assertTopic(alpha.live().stream().map(Expected::read).toList(), harness.awaitRecords("disc.alpha", 2), "alpha");
    assertTopic(beta.live().stream().map(Expected::read).toList(), harness.awaitRecords("disc.beta", 1), "beta");
    ConnectHarness.await(() -> harness.taskCollections("disc").equals(List.of("alpha", "beta")),
        "one task per collection");

    Written gamma = collection("gamma", true, 3);
    assertTopic(gamma.live().stream().map(Expected::read).toList(), harness.awaitRecords("disc.gamma", 3), "gamma");
    ConnectHarness.await(() -> harness.taskCollections("disc").equals(List.of("alpha,beta", "gamma")),
        "gamma assigned to a task");

    harness.fauna.query(com.faunadb.client.query.Language.Delete(
        com.faunadb.client.query.Language.Collection("beta")));
    ConnectHarness.await(() -> harness.taskCollections("disc").equals(List.of("alpha", "gamma")),
        "beta let go");
    harness.connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("disc", 2, "tasks still run");
    List<Expected> expected = new ArrayList<>(alpha.live().stream().map(Expected::read).toList());
    expected.add(Expected.upsert(alpha.update("1", Docs.json("{'name': 'still streaming'}"))));
    assertTopic(expected, harness.awaitRecords("disc.alpha", expected.size()), "alpha");
    harness.connect.deleteConnector("disc");
  }
}
