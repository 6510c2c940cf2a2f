package dev.faunaconnect.benchmark;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bytes allocated by every thread of this JVM, from {@code com.sun.management.ThreadMXBean}'s per-thread allocated
 * bytes (TLAB and outside-TLAB allocations). The JVM forgets a thread's count when it ends, so a daemon samples all
 * live threads every 100 ms: a thread that ends during a run counts up to its last sample.
 */
final class AllocationCounter {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private final Map<Long, Long> lastSeen = new ConcurrentHashMap<>();
  private final Thread sampler;

  private AllocationCounter() {
    sampler = new Thread(this::sampleForever, "allocation-sampler");
    sampler.setDaemon(true);
  }

  static AllocationCounter start() {
    AllocationCounter counter = new AllocationCounter();
    counter.sample();
    counter.sampler.start();
    return counter;
  }

  /** The per-thread counts now, as a baseline for {@link #bytesSince}. */
  Map<Long, Long> mark() {
    sample();
    return new HashMap<>(lastSeen);
  }

  /** Bytes allocated by all threads (but the sampler) since {@code mark}. */
  long bytesSince(Map<Long, Long> mark) {
    sample();
    long total = 0;
    for (Map.Entry<Long, Long> thread : lastSeen.entrySet()) {
      if (thread.getKey() != sampler.getId()) {
        total += thread.getValue() - mark.getOrDefault(thread.getKey(), 0L);
      }
    }
    return total;
  }

  private synchronized void sample() {
    long[] ids = THREADS.getAllThreadIds();
    long[] bytes = THREADS.getThreadAllocatedBytes(ids);
    for (int i = 0; i < ids.length; i++) {
      if (bytes[i] >= 0) {
        lastSeen.merge(ids[i], bytes[i], Math::max);
      }
    }
  }

  private void sampleForever() {
    while (true) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        return;
      }
      sample();
    }
  }
}
