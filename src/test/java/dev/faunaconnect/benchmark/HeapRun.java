package dev.faunaconnect.benchmark;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * One long snapshot in a small heap (the client JVM runs with {@code -Xmx256m}): every {@code step} records it
 * forces a GC and prints the heap still used, so a leak shows as a climbing column.
 */
final class HeapRun {
  private HeapRun() {}

  static void run(BenchmarkClient.Setup setup, BenchDocuments shape, int step) throws Exception {
    String collection = "heap_" + shape.name().toLowerCase(Locale.ROOT);
    long loadStart = System.nanoTime();
    setup.fauna().createCollection(collection, setup.docs(), shape);
    System.out.printf(Locale.ROOT, "%nheap: loaded %,d %s documents in %.0f s; max heap %d MB; page size %d%n",
        setup.docs(), shape.label(), (System.nanoTime() - loadStart) / 1e9,
        Runtime.getRuntime().maxMemory() >> 20, setup.pageSize());
    System.out.println();
    System.out.println("| records polled | heap after GC (MB) | GCs so far |");
    System.out.println("|---|---|---|");
    System.out.printf(Locale.ROOT, "| 0 (before start) | %d | %d |%n", heapAfterGcMb(), gcCount());
    TaskRuns task = new TaskRuns(setup.endpoint(), setup.secret(), collection, setup.pageSize());
    long start = System.nanoTime();
    task.start(false);
    int polled = 0;
    long min = Long.MAX_VALUE;
    long max = 0;
    while (polled < setup.docs()) {
      polled += task.pollAtLeast(Math.min(step, setup.docs() - polled));
      long heap = heapAfterGcMb();
      min = Math.min(min, heap);
      max = Math.max(max, heap);
      System.out.printf(Locale.ROOT, "| %,d | %d | %d |%n", polled, heap, gcCount());
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    task.stop();
    if (polled != setup.docs()) {
      throw new IllegalStateException("polled " + polled + " records, expected " + setup.docs());
    }
    System.out.printf(Locale.ROOT, "%nheap after GC while polling: %d to %d MB over %,d records (%,.0f records/s "
        + "including the forced GCs)%n", min, max, polled, polled / seconds);
  }

  private static long heapAfterGcMb() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
  }

  private static long gcCount() {
    long count = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      count += Math.max(0, gc.getCollectionCount());
    }
    return count;
  }
}
