package dev.faunaconnect.localfauna;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * For the benchmark: the wall time of a run, the CPU time the server's connection threads spent in it, and the CPU
 * time of the whole process (server, driver, JIT and GC).
 */
final class CpuMeter {
  /** What one run cost. */
  record Sample(double wallSeconds, double serverCpuSeconds, double processCpuSeconds) {}

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final long wall;
  private final long server;
  private final long process;

  private CpuMeter() {
    this.wall = System.nanoTime();
    this.server = serverCpuNanos();
    this.process = processCpuNanos();
  }

  static CpuMeter start() {
    return new CpuMeter();
  }

  Sample stop() {
    return new Sample((System.nanoTime() - wall) / 1e9, (serverCpuNanos() - server) / 1e9,
        (processCpuNanos() - process) / 1e9);
  }

  /** CPU time of the live server connection threads (a keep-alive connection keeps its thread for the run). */
  private static long serverCpuNanos() {
    long total = 0;
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().startsWith("local-fauna-connection")) {
        total += Math.max(0, THREADS.getThreadCpuTime(thread.getId()));
      }
    }
    return total;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
