package dev.faunaconnect.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The compatibility matrix: the same crash run (exactly-once, 3 workers, 2 x kill -9) on the broker and workers of
 * each Kafka version listed in {@code cluster.kafka.versions}. Not part of CI (each version is a few minutes); run
 * it with the command in the README ("Compatibility"). Without the property it is skipped.
 */
class ClusterMatrixIT {
  @Test
  void theConnectorRunsThroughKillsOnEveryKafkaVersionClaimed() throws Exception {
    String listed = System.getProperty("cluster.kafka.versions", "");
    assumeFalse(listed.isBlank(), "set -Dcluster.kafka.versions=3.9.2,4.0.0,... to run the matrix");
    Map<String, DeliveryReport> reports = new LinkedHashMap<>();
    List<String> failures = new ArrayList<>();
    for (String version : Arrays.stream(listed.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList()) {
      ScenarioSettings settings = ScenarioSettings.fromSystemProperties("k" + version.replace(".", ""), true)
          .withKills(Integer.getInteger("cluster.kills", 2),
              Duration.ofSeconds(Long.getLong("cluster.write.seconds", 60)));
      try (ClusterCrashIT.ClusterRig rig = ClusterCrashIT.ClusterRig.start(version)) {
        DeliveryReport report = rig.run(settings);
        reports.put(version, report);
        if (report.lost() + report.outOfOrder() + report.repeated() > 0) {
          failures.add(version + ": " + report.summary());
        }
      } catch (Exception | AssertionError e) {
        failures.add(version + ": " + e);
      }
    }
    reports.forEach((version, report) -> System.out.println("Kafka " + version + ": " + report.summary()));
    assertEquals(List.of(), failures);
  }
}
