package dev.faunaconnect.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.faunaconnect.fixtures.FaunaFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Crash safety on a real distributed Connect cluster: one KRaft broker and three distributed workers, each its own
 * JVM from Maven Central jars, the connector installed from the Confluent Hub zip into each worker's plugin.path and
 * created over REST; workers are killed with {@code kill -9} (their own PIDs) while Fauna changes, and started again;
 * then every topic is checked against Fauna's final state.
 *
 * <p>The short form runs in {@code mvn verify}; {@code -Dcluster.soak=true} runs the long form, and
 * {@code -Dcluster.kafka.version=3.9.2} runs the broker and the workers of another Kafka version. Figures go to
 * {@code target/cluster/results.txt} and the README.
 */
class ClusterCrashIT {
  private static ClusterRig rig;

  @BeforeAll
  static void start() throws Exception {
    rig = ClusterRig.start(System.getProperty("cluster.kafka.version", KafkaDistribution.DEFAULT_VERSION));
  }

  @AfterAll
  static void stop() {
    if (rig != null) {
      rig.close();
    }
  }

  @Test
  void atLeastOnceWithWorkerDefaultsLosesNothingAcrossKills() throws Exception {
    DeliveryReport report = rig.run(ScenarioSettings.fromSystemProperties("alo", false));
    assertEquals(0, report.lost(), report.summary());
    assertEquals(0, report.outOfOrder(), report.summary());
  }

  @Test
  void exactlyOnceLosesAndRepeatsNothingAcrossKills() throws Exception {
    DeliveryReport report = rig.run(ScenarioSettings.fromSystemProperties("eos", true));
    assertEquals(0, report.lost(), report.summary());
    assertEquals(0, report.outOfOrder(), report.summary());
    assertEquals(0, report.repeated(), report.summary());
  }

  /** A broker of one Kafka version and the local Fauna server, shared by the scenarios of a class. */
  static final class ClusterRig implements AutoCloseable {
    private final KafkaDistribution kafka;
    private final Path dir;
    private final FaunaFixture fauna;
    private final KafkaBroker broker;

    private ClusterRig(KafkaDistribution kafka, Path dir, FaunaFixture fauna, KafkaBroker broker) {
      this.kafka = kafka;
      this.dir = dir;
      this.fauna = fauna;
      this.broker = broker;
    }

    static ClusterRig start(String version) throws Exception {
      Path build = Path.of(System.getProperty("project.basedir", ".")).resolve("target");
      KafkaDistribution kafka = KafkaDistribution.resolve(version, build);
      Path dir = build.resolve("cluster").resolve("run-" + version + "-" + System.currentTimeMillis());
      FaunaFixture fauna = FaunaFixture.start();
      try {
        return new ClusterRig(kafka, dir, fauna, KafkaBroker.start(kafka, dir.resolve("broker")));
      } catch (Exception | Error e) {
        fauna.close();
        throw e;
      }
    }

    DeliveryReport run(ScenarioSettings settings) throws Exception {
      DeliveryReport report = new CrashScenario(settings, kafka, broker, fauna, dir.resolve(settings.name()),
          pluginZip()).run();
      Path results = dir.getParent().resolve("results.txt");
      Files.writeString(results, "Kafka " + kafka.version() + ", " + settings.describe() + "\n  "
          + report.summary() + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      return report;
    }

    String version() {
      return kafka.version();
    }

    @Override
    public void close() {
      try {
        broker.close();
      } finally {
        fauna.close();
      }
    }

    private static Path pluginZip() {
      String zip = System.getProperty("connector.plugin.zip", "");
      if (zip.isBlank() || !Files.isRegularFile(Path.of(zip))) {
        throw new IllegalStateException("The Confluent Hub zip is missing (" + zip + "): run mvn package first");
      }
      return Path.of(zip);
    }
  }
}
