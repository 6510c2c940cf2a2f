package dev.faunaconnect;

import java.util.Map;
import java.util.Optional;

/**
 * The note (INFO) a connector without Kafka Connect's topic creation settings logs at start: a broker that does not
 * auto-create topics answers its records with {@code UNKNOWN_TOPIC_OR_PARTITION} while the tasks show RUNNING.
 */
final class TopicCreationHint {
  static final String REPLICATION_FACTOR = "topic.creation.default.replication.factor";
  static final String PARTITIONS = "topic.creation.default.partitions";

  private TopicCreationHint() {}

  /** The hint, when the connector's configuration does not let the worker create its topics. */
  static Optional<String> forConfig(Map<String, String> props, String topicPrefix) {
    if (props.containsKey(REPLICATION_FACTOR) && props.containsKey(PARTITIONS)) {
      return Optional.empty();
    }
    return Optional.of("The worker will not create this connector's topics (" + topicPrefix + "<collection>): "
        + REPLICATION_FACTOR + " and " + PARTITIONS + " are not both set. The topics must exist, or the broker must "
        + "create them (auto.create.topics.enable). If the worker logs UNKNOWN_TOPIC_OR_PARTITION and no records "
        + "arrive, set both (-1 takes the broker's defaults) or create the topics, then restart the connector.");
  }
}
