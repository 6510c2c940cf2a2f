package dev.faunaconnect.source;

import dev.faunaconnect.config.FaunaSourceConfig;
import dev.faunaconnect.convert.RecordBuilder;
import dev.faunaconnect.fauna.FaunaGateway;
import dev.faunaconnect.fauna.IndexInspector;
import dev.faunaconnect.offset.CollectionOffset;
import dev.faunaconnect.offset.CollectionPartition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * Builds the lifecycles of a task's collections, each resuming from its stored offset. The greatest stored time seeds
 * the driver's last-seen transaction time, so no query of the task reads below what it already emitted.
 */
public final class TaskReaders {
  private TaskReaders() {}

  /** A poller over the task's collections (from {@code task.collections}), started. */
  public static TaskPoller start(FaunaSourceConfig config, OffsetStorageReader offsets, String taskName) {
    FaunaGateway fauna = FaunaGateway.create(config);
    IndexInspector inspector = new IndexInspector();
    List<String> collections = config.taskCollections();
    Map<Map<String, String>, Map<String, Object>> stored =
        offsets.offsets(collections.stream().map(CollectionPartition::of).toList());
    List<CollectionLifecycle> lifecycles = new ArrayList<>();
    for (String collection : collections) {
      ReaderSettings settings = ReaderSettings.of(config, collection);
      CollectionOffset offset = storedOffset(collection, stored.get(CollectionPartition.of(collection)));
      if (offset != null) {
        fauna.seen(offset.latestTs());
      }
      RecordBuilder records = new RecordBuilder(config, settings.collection());
      ReaderStart starter = new ReaderStart(settings, fauna, inspector);
      lifecycles.add(new CollectionLifecycle(settings,
          from -> new CollectionReader(settings, fauna, records, starter, from), fauna, offset));
    }
    TaskPoller poller = new TaskPoller(lifecycles, taskName);
    poller.start();
    return poller;
  }

  private static CollectionOffset storedOffset(String collection, Map<String, Object> stored) {
    if (stored == null) {
      return null;
    }
    try {
      return CollectionOffset.fromMap(stored);
    } catch (IllegalArgumentException e) {
      throw new ConnectException("The stored offset of collection '" + collection + "' cannot be read: "
          + e.getMessage() + ". Fix it with PATCH /connectors/<name>/offsets or remove it with DELETE "
          + "/connectors/<name>/offsets (the collection is then read again from a new snapshot).", e);
    }
  }
}
