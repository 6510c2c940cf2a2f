package dev.faunaconnect.benchmark;

import dev.faunaconnect.FaunaSourceTask;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * One {@link FaunaSourceTask} over one collection, without Kafka: a snapshot from no offset, or a changes run that
 * resumes from the offset of the last snapshot's last record and reads the documents updated since through the
 * ts/ref index. Only {@link #start} and {@link #pollUntil} are meant to be timed.
 */
final class TaskRuns {
  private final String endpoint;
  private final String secret;
  private final String collection;
  private final int pageSize;
  private String changesMode = "latest";
  private Map<String, ?> lastPartition;
  private Map<String, ?> lastOffset;
  private FaunaSourceTask task;

  TaskRuns(String endpoint, String secret, String collection, int pageSize) {
    this.endpoint = endpoint;
    this.secret = secret;
    this.collection = collection;
    this.pageSize = pageSize;
  }

  /** Starts a task from no offset (a snapshot), or from the last record polled so far (resuming). */
  void start(boolean resume) {
    start(resume, "latest");
  }

  /** {@link #start(boolean)} with {@code changes.mode} set to {@code changesMode} (latest or every_version). */
  void start(boolean resume, String changesMode) {
    this.changesMode = changesMode;
    task = new FaunaSourceTask();
    Map<Map<String, ?>, Map<String, Object>> offsets = new HashMap<>();
    if (resume) {
      if (lastOffset == null) {
        throw new IllegalStateException("no snapshot was read yet to resume after");
      }
      offsets.put(lastPartition, new HashMap<>(lastOffset));
    }
    task.initialize(new OffsetsContext(offsets));
    task.start(props());
  }

  /** Polls until exactly {@code wanted} records arrived. */
  int pollUntil(int wanted) throws InterruptedException {
    int seen = pollAtLeast(wanted);
    if (seen != wanted) {
      throw new IllegalStateException("polled " + seen + " records, expected " + wanted);
    }
    return seen;
  }

  /** Polls until at least {@code wanted} records arrived, remembering the last one's offset; returns how many. */
  int pollAtLeast(int wanted) throws InterruptedException {
    int seen = 0;
    while (seen < wanted) {
      List<SourceRecord> records = task.poll();
      if (records != null && !records.isEmpty()) {
        seen += records.size();
        SourceRecord last = records.get(records.size() - 1);
        lastPartition = last.sourcePartition();
        lastOffset = last.sourceOffset();
      }
    }
    return seen;
  }

  void stop() {
    task.stop();
    task = null;
  }

  private Map<String, String> props() {
    Map<String, String> props = new HashMap<>();
    props.put("fauna.endpoint", endpoint);
    props.put("fauna.secret", secret);
    props.put("collections", collection);
    props.put("task.collections", collection);
    props.put("page.size", Integer.toString(pageSize));
    props.put("poll.interval.ms", "50");
    props.put("deletes.mode", "ignore");
    props.put("changes.mode", changesMode);
    return props;
  }

  /** A task context whose offset store holds {@code offsets}. */
  private record OffsetsContext(Map<Map<String, ?>, Map<String, Object>> offsets) implements SourceTaskContext {
    @Override
    public Map<String, String> configs() {
      return Map.of();
    }

    @Override
    public OffsetStorageReader offsetStorageReader() {
      return new OffsetStorageReader() {
        @Override
        public <T> Map<String, Object> offset(Map<String, T> partition) {
          return offsets.get(partition);
        }

        @Override
        public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
          Map<Map<String, T>, Map<String, Object>> found = new HashMap<>();
          for (Map<String, T> partition : partitions) {
            if (offsets.containsKey(partition)) {
              found.put(partition, offsets.get(partition));
            }
          }
          return found;
        }
      };
    }

    @Override
    public PluginMetrics pluginMetrics() {
      return null;
    }
  }
}
