package dev.faunaconnect.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The log4j 2 configuration of the broker and the workers: WARN, plus INFO from the connector and from Connect's
 * rebalances and task starts, so a failed run's logs tell what happened without the thousands of INFO lines of a
 * start. (Kafka 3.9 logs through the log4j 1 API, bridged to log4j 2 by log4j-1.2-api.)
 */
final class Logging {
  private static final String CONFIG = """
      status = warn
      appender.out.type = Console
      appender.out.name = out
      appender.out.layout.type = PatternLayout
      appender.out.layout.pattern = [%d{HH:mm:ss.SSS}] %-5p %c{1} - %m%n
      rootLogger.level = warn
      rootLogger.appenderRef.out.ref = out
      logger.connector.name = dev.faunaconnect
      logger.connector.level = info
      logger.herder.name = org.apache.kafka.connect.runtime.distributed.DistributedHerder
      logger.herder.level = info
      logger.assignor.name = org.apache.kafka.connect.runtime.distributed.IncrementalCooperativeAssignor
      logger.assignor.level = info
      logger.worker.name = org.apache.kafka.connect.runtime.Worker
      logger.worker.level = info
      logger.started.name = org.apache.kafka.connect.cli
      logger.started.level = info
      logger.kafka.name = kafka.server.KafkaRaftServer
      logger.kafka.level = info
      """;

  private Logging() {}

  /** Writes the configuration into {@code dir} and returns the JVM option that selects it. */
  static String option(Path dir) throws IOException {
    Path file = dir.resolve("log4j2.properties");
    if (!Files.exists(file)) {
      Files.writeString(file, CONFIG);
    }
    return "-Dlog4j2.configurationFile=" + file.toAbsolutePath();
  }
}
