package dev.faunaconnect.benchmark;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Bytes allocated by this whole JVM, counted from the heap: the growth of the used heap plus what every GC freed
 * (used before minus used after, over the heap's pools, from the GC notifications). Unlike per-thread counters
 * ({@code ThreadMXBean.getThreadAllocatedBytes}), this includes threads that end during a run, such as the ones
 * faunadb-java decodes each answer on when the common pool has a single thread (2 CPUs). Its resolution is about one
 * heap region (1 MB with a 1 GB heap).
 */
final class AllocationCounter {
  /** A point to count from. */
  record Mark(long used, long freed) {}

  private static final Set<String> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
      .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());

  private final AtomicLong freed = new AtomicLong();
  private final AtomicLong notified = new AtomicLong();

  private AllocationCounter() {}

  static AllocationCounter start() {
    AllocationCounter counter = new AllocationCounter();
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
        if (notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
          counter.record(GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData())
              .getGcInfo());
        }
      }, null, null);
    }
    return counter;
  }

  Mark mark() throws InterruptedException {
    awaitNotifications();
    return new Mark(heapUsed(), freed.get());
  }

  long bytesSince(Mark mark) throws InterruptedException {
    awaitNotifications();
    return heapUsed() - mark.used() + freed.get() - mark.freed();
  }

  private void record(GcInfo info) {
    freed.addAndGet(heap(info.getMemoryUsageBeforeGc()) - heap(info.getMemoryUsageAfterGc()));
    notified.incrementAndGet();
  }

  /** Notifications come on a JVM thread shortly after each GC: wait (up to 2 s) until every GC so far was told. */
  private void awaitNotifications() throws InterruptedException {
    for (int i = 0; i < 200 && notified.get() < collections(); i++) {
      Thread.sleep(10);
    }
  }

  private static long collections() {
    long count = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      count += Math.max(0, gc.getCollectionCount());
    }
    return count;
  }

  private static long heapUsed() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static long heap(Map<String, MemoryUsage> pools) {
    long total = 0;
    for (Map.Entry<String, MemoryUsage> pool : pools.entrySet()) {
      if (HEAP_POOLS.contains(pool.getKey())) {
        total += pool.getValue().getUsed();
      }
    }
    return total;
  }
}
