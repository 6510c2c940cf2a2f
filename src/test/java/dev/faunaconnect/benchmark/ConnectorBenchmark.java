package dev.faunaconnect.benchmark;

import dev.faunaconnect.FaunaSourceTask;
import dev.faunaconnect.localfauna.LocalFauna;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * {@code mvn -q test-compile exec:java@benchmark-connector [-Ddocs=20000] [-DpageSize=1000] [-Dchanges=5000]}:
 * one {@link FaunaSourceTask} against the local Fauna server, without Kafka. It measures the snapshot of a
 * collection of ~1 KB documents and then the streaming of changes (updates written in transactions of 100), in
 * records per second of wall time, with the heap used after GC and the peak heap seen while polling.
 */
public final class ConnectorBenchmark {
  private static final String FILLER = "x".repeat(700);

  private ConnectorBenchmark() {}

  public static void main(String[] args) throws Exception {
    int docs = Integer.getInteger("docs", 20_000);
    int pageSize = Integer.getInteger("pageSize", 1000);
    int changes = Integer.getInteger("changes", 5_000);
    try (LocalFauna fauna = LocalFauna.start()) {
      load(fauna, docs);
      FaunaSourceTask task = new FaunaSourceTask();
      task.initialize(new EmptyContext());
      task.start(taskProps(fauna, pageSize));
      PeakHeap peak = PeakHeap.begin();
      long start = System.nanoTime();
      long snapshot = pollUntil(task, docs);
      double snapshotSeconds = (System.nanoTime() - start) / 1e9;
      report("snapshot", snapshot, snapshotSeconds, peak);
      start = System.nanoTime();
      for (int i = 0; i < changes; i += 100) {
        update(fauna, i % docs, Math.min(100, changes - i));
      }
      long streamed = pollUntil(task, changes);
      report("changes", streamed, (System.nanoTime() - start) / 1e9, peak);
      task.stop();
      peak.stopSampling();
    }
  }

  private static Map<String, String> taskProps(LocalFauna fauna, int pageSize) {
    Map<String, String> props = new HashMap<>();
    props.put("fauna.endpoint", fauna.endpoint());
    props.put("fauna.secret", fauna.secret());
    props.put("collections", "bench");
    props.put("task.collections", "bench");
    props.put("page.size", Integer.toString(pageSize));
    props.put("poll.interval.ms", "50");
    props.put("deletes.mode", "ignore");
    return props;
  }

  private static long pollUntil(FaunaSourceTask task, long wanted) throws InterruptedException {
    long seen = 0;
    while (seen < wanted) {
      List<SourceRecord> records = task.poll();
      seen += records == null ? 0 : records.size();
    }
    return seen;
  }

  private static void load(LocalFauna fauna, int docs) {
    fauna.query("{\"create_collection\":{\"object\":{\"name\":\"bench\",\"history_days\":1}}}");
    fauna.query("{\"create_index\":{\"object\":{\"name\":\"bench_by_ts\",\"source\":{\"collection\":\"bench\"},"
        + "\"values\":[{\"object\":{\"field\":\"ts\"}},{\"object\":{\"field\":\"ref\"}}]}}}");
    for (int i = 0; i < docs; i += 500) {
      List<String> creates = new ArrayList<>();
      for (int j = i; j < Math.min(docs, i + 500); j++) {
        creates.add("{\"create\":{\"ref\":{\"collection\":\"bench\"},\"id\":\"" + (j + 1) + "\"},\"params\":{\"object\":"
            + "{\"data\":{\"object\":{\"name\":\"customer " + j + "\",\"n\":" + j + ",\"score\":" + (j * 0.5)
            + ",\"address\":{\"object\":{\"city\":\"City " + (j % 97) + "\",\"zip\":\"" + (10000 + j) + "\"}},"
            + "\"tags\":[\"a\",\"b\",\"c\"],\"notes\":\"" + FILLER + "\"}}}}}");
      }
      fauna.query("[" + String.join(",", creates) + "]");
    }
  }

  private static void update(LocalFauna fauna, int from, int count) {
    List<String> updates = new ArrayList<>();
    for (int j = from; j < from + count; j++) {
      updates.add("{\"update\":{\"ref\":{\"collection\":\"bench\"},\"id\":\"" + (j + 1) + "\"},"
          + "\"params\":{\"object\":{\"data\":{\"object\":{\"n\":" + (-j) + "}}}}}");
    }
    fauna.query("[" + String.join(",", updates) + "]");
  }

  private static void report(String phase, long records, double seconds, PeakHeap peak) {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    System.gc();
    System.out.printf("%-8s %,8d records in %6.2f s = %,8.0f records/s; heap after GC %,d MB, peak %,d MB%n",
        phase, records, seconds, records / seconds, memory.getHeapMemoryUsage().getUsed() >> 20,
        peak.max.get() >> 20);
  }

  /** Samples the used heap every 50 ms. */
  private static final class PeakHeap extends Thread {
    final AtomicLong max = new AtomicLong();
    private volatile boolean running = true;

    static PeakHeap begin() {
      PeakHeap p = new PeakHeap();
      p.setDaemon(true);
      p.start();
      return p;
    }

    @Override
    public void run() {
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      while (running) {
        max.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    void stopSampling() {
      running = false;
    }
  }

  /** A task context with no stored offsets. */
  private static final class EmptyContext implements SourceTaskContext {
    @Override
    public Map<String, String> configs() {
      return Map.of();
    }

    @Override
    public OffsetStorageReader offsetStorageReader() {
      return new OffsetStorageReader() {
        @Override
        public <T> Map<String, Object> offset(Map<String, T> partition) {
          return null;
        }

        @Override
        public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
          return Map.of();
        }
      };
    }

    @Override
    public PluginMetrics pluginMetrics() {
      return null;
    }
  }
}
