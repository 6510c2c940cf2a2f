package dev.faunaconnect.it;

import static dev.faunaconnect.it.Expected.assertTopic;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.faunaconnect.testing.UsesFaunaBackend;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code changes.mode=every_version} on a worker with the packaged plugin: every version written between two polls
 * (here: while the connector is stopped) is its own record, in order, with its ts and data; {@code latest} next to
 * it sends the newest state once.
 */
@UsesFaunaBackend
class EveryVersionIT {
  private static ConnectHarness harness;

  @BeforeAll
  static void start() {
    harness = ConnectHarness.start("every-version-it");
  }

  @AfterAll
  static void stop() {
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  void aHundredUpdatesOfOneDocumentBetweenTwoPollsArriveAsAHundredRecordsInOrder() throws Exception {
    harness.fauna.createCollection("counters", 30L);
    harness.fauna.createTsIndex("counters_by_ts", "counters");
    Written counters = new Written(harness.fauna, "counters");
    Written.Write created = counters.create("1", Docs.json("{'name': 'one', 'n': 0}"));
    harness.createTopics("versions.counters", "latest.counters");
    harness.startConnector("versions", 1, harness.config("collections", "counters", "topic.prefix", "versions.",
        "changes.mode", "every_version", "page.size", "7"));
    harness.startConnector("latest", 1, harness.config("collections", "counters", "topic.prefix", "latest."));
    harness.awaitRecords("versions.counters", 1);
    harness.awaitRecords("latest.counters", 1);
    // stopped, so every update falls between two polls (with pauseConnector instead, the latest topic still got
    // records of updates made after the pause was reported)
    for (String connector : List.of("versions", "latest")) {
      harness.connect.stopConnector(connector);
      harness.connect.assertions().assertConnectorIsStopped(connector, connector + " did not stop");
    }

    List<Expected> expected = new ArrayList<>(List.of(Expected.read(created)));
    Written.Write last = null;
    for (int n = 1; n <= 100; n++) {
      last = counters.update("1", Docs.json("{'n': " + n + "}"));
      expected.add(Expected.upsert(last));
    }
    harness.connect.resumeConnector("versions");
    harness.connect.resumeConnector("latest");

    assertTopic(expected, harness.awaitRecords("versions.counters", 101), "counters");
    long newest = last.ts();
    List<TopicRecord> latest = harness.awaitRecords("latest.counters",
        records -> records.stream().anyMatch(r -> r.ts() == newest), "the newest version");
    assertTopic(List.of(Expected.read(created), Expected.upsert(last)), latest, "counters");
    assertEquals(101, harness.readAll("versions.counters").size(), "nothing more than the 100 versions");
    harness.connect.deleteConnector("versions");
    harness.connect.deleteConnector("latest");
  }
}
