package dev.faunaconnect.benchmark;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * What one timed run cost: wall time, the CPU time of this (the client's) JVM, the bytes its threads allocated, and
 * the CPU time of the local Fauna server's JVM (from the OS, by its PID).
 */
final class Meter {
  /** One run's cost. */
  record Sample(int docs, double wallSeconds, double clientCpuMs, double allocatedBytes, double serverCpuMs) {
    double docsPerSecond() {
      return docs / wallSeconds;
    }

    double clientCpuMsPer1000() {
      return clientCpuMs * 1000 / docs;
    }

    double allocatedMbPer1000() {
      return allocatedBytes / 1e6 * 1000 / docs;
    }

    double serverCpuMsPer1000() {
      return serverCpuMs * 1000 / docs;
    }
  }

  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private final AllocationCounter allocations;
  private final ProcessHandle server;

  Meter(AllocationCounter allocations, long serverPid) {
    this.allocations = allocations;
    this.server = ProcessHandle.of(serverPid).orElseThrow(() -> new IllegalStateException("no process " + serverPid));
  }

  /** Runs {@code run} once and measures it; {@code run} returns how many documents it read. */
  Sample measure(Variant.Timed run) throws Exception {
    long serverStart = serverCpuNanos();
    AllocationCounter.Mark mark = allocations.mark();
    long cpuStart = OS.getProcessCpuTime();
    long wallStart = System.nanoTime();
    int docs = run.run();
    long wall = System.nanoTime() - wallStart;
    long cpu = OS.getProcessCpuTime() - cpuStart;
    long allocated = allocations.bytesSince(mark);
    long serverCpu = serverCpuNanos() - serverStart;
    return new Sample(docs, wall / 1e9, cpu / 1e6, allocated, serverCpu / 1e6);
  }

  private long serverCpuNanos() {
    return server.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
  }
}
