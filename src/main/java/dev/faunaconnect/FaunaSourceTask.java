package dev.faunaconnect;

import dev.faunaconnect.config.FaunaSourceConfig;
import dev.faunaconnect.metrics.TaskMetrics;
import dev.faunaconnect.source.TaskPoller;
import dev.faunaconnect.source.TaskReaders;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/** Streams the collections the connector gave this task; the work is done by a {@link TaskPoller}. */
public final class FaunaSourceTask extends SourceTask {
  private TaskPoller poller;
  private TaskMetrics metrics;

  @Override
  public String version() {
    return ConnectorVersion.VALUE;
  }

  @Override
  public void start(Map<String, String> props) {
    FaunaSourceConfig config = new FaunaSourceConfig(props);
    metrics = TaskMetrics.register(context, config);
    poller = metrics.unregisterIfThrows(() -> TaskReaders.start(config, context.offsetStorageReader(),
        "fauna-source-" + String.join(",", config.taskCollections())));
  }

  /** The records read since the last call, or null after at most half a second without any. */
  @Override
  public List<SourceRecord> poll() throws InterruptedException {
    return metrics.polled(poller.poll());
  }

  @Override
  public void stop() {
    if (poller != null) {
      poller.stop();
    }
    if (metrics != null) {
      metrics.unregister();
    }
  }
}
