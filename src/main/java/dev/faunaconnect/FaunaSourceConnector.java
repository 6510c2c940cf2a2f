package dev.faunaconnect;

import dev.faunaconnect.config.FaunaSourceConfig;
import dev.faunaconnect.fauna.FaunaGateway;
import dev.faunaconnect.offset.CollectionOffset;
import dev.faunaconnect.offset.CollectionPartition;
import dev.faunaconnect.source.CollectionsMonitor;
import dev.faunaconnect.validation.ConnectorValidator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.util.ConnectorUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A source connector that streams Fauna (FQL v4) collections into Kafka: a consistent snapshot of each collection,
 * then its changes and deletes. Collections are spread over the tasks; with {@code collections} empty, every
 * collection the key can see is streamed and the list is re-read every {@code collections.refresh.interval.ms}.
 */
public final class FaunaSourceConnector extends SourceConnector {
  private static final Logger log = LoggerFactory.getLogger(FaunaSourceConnector.class);
  /** How long {@link #taskConfigs} waits for the first listing of the collections. */
  private static final Duration FIRST_LISTING_WAIT = Duration.ofSeconds(10);

  private Map<String, String> props;
  private FaunaSourceConfig config;
  private CollectionsMonitor monitor;
  private volatile List<String> assigned;

  @Override
  public String version() {
    return ConnectorVersion.VALUE;
  }

  @Override
  public void start(Map<String, String> props) {
    this.props = Map.copyOf(props);
    this.config = new FaunaSourceConfig(props);
    this.assigned = null;
    refuseSharedTopics(config.collections());
    TopicCreationHint.forConfig(props, config.topicPrefix()).ifPresent(log::info);
    if (config.collections().isEmpty()) {
      monitor = new CollectionsMonitor(FaunaGateway.create(config), config.collectionsRefreshInterval(), context,
          () -> assigned);
      monitor.start();
    }
  }

  @Override
  public Class<? extends Task> taskClass() {
    return FaunaSourceTask.class;
  }

  /** The collections in up to {@code maxTasks} groups, one task each; one idle task while none is known. */
  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    List<String> collections = collections();
    refuseSharedTopics(collections);
    assigned = collections;
    if (collections.isEmpty()) {
      log.warn("No collection to stream yet: starting one idle task");
      return List.of(taskConfig(List.of()));
    }
    List<Map<String, String>> configs = new ArrayList<>();
    for (List<String> group : ConnectorUtils.groupPartitions(collections, Math.min(collections.size(), maxTasks))) {
      configs.add(taskConfig(group));
    }
    return configs;
  }

  @Override
  public void stop() {
    if (monitor != null) {
      monitor.stop();
      monitor = null;
    }
  }

  /** The keys a user sets; the internal {@code task.collections} is left out, so UIs never show it. */
  @Override
  public ConfigDef config() {
    return FaunaSourceConfig.PUBLIC_CONFIG_DEF;
  }

  /** Kafka's checks of each field, then live checks against Fauna, reported on the field to change. */
  @Override
  public Config validate(Map<String, String> connectorConfigs) {
    return new ConnectorValidator().validate(connectorConfigs);
  }

  /** Records and offsets are a function of the stored offset and the data, so a transactional restart is exact. */
  @Override
  public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
    return ExactlyOnceSupport.SUPPORTED;
  }

  /** Accepts only offsets this connector could have written: {@code {collection}} partitions, versioned offsets. */
  @Override
  public boolean alterOffsets(Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
    offsets.forEach((partition, offset) -> {
      try {
        CollectionPartition.collectionOf(partition);
        if (offset != null) {
          CollectionOffset.fromMap(offset);
        }
      } catch (IllegalArgumentException e) {
        throw new ConnectException("Cannot set the offset of " + partition + ": " + e.getMessage(), e);
      }
    });
    return true;
  }

  private void refuseSharedTopics(List<String> collections) {
    config.topicClash(collections).ifPresent(clash -> {
      throw new ConnectException(clash);
    });
  }

  private List<String> collections() {
    if (monitor == null) {
      return config.collections();
    }
    try {
      List<String> listed = monitor.collections(FIRST_LISTING_WAIT);
      return listed == null ? List.of() : listed;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
  }

  private Map<String, String> taskConfig(List<String> collections) {
    Map<String, String> task = new HashMap<>(props);
    task.put(FaunaSourceConfig.TASK_COLLECTIONS_CONFIG, String.join(",", collections));
    return task;
  }
}
