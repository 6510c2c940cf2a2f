package dev.faunaconnect.cluster;

import java.util.ArrayList;
import java.util.List;

/** What a cluster run delivered: counts of records, lost, repeated and out of order, latencies and recoveries. */
record DeliveryReport(int records, int lost, int lostDeletes, int repeated, int outOfOrder, long latencyP50,
    long latencyP99, List<Long> recoveries, List<String> problems) {
  private static final int PROBLEMS_KEPT = 20;

  boolean nothingLostOrMisordered() {
    return lost == 0 && outOfOrder == 0;
  }

  String summary() {
    return "records " + records + ", lost " + lost + " (deletes " + lostDeletes + "), repeated " + repeated
        + ", out of order " + outOfOrder + ", change latency p50 " + latencyP50 + " ms / p99 " + latencyP99
        + " ms, recovery after each kill (ms) " + recoveries
        + (problems.isEmpty() ? "" : "\n  " + String.join("\n  ", problems));
  }

  /** Collects a report while the topics are checked. */
  static final class Builder {
    private final int records;
    private final List<Long> latencies = new ArrayList<>();
    private final List<Long> recoveries = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private int lost;
    private int lostDeletes;
    private int repeated;
    private int outOfOrder;

    Builder(int records) {
      this.records = records;
    }

    void lost(boolean delete, String what) {
      lost++;
      lostDeletes += delete ? 1 : 0;
      problem("lost: " + what);
    }

    void repeated() {
      repeated++;
    }

    void outOfOrder(String what) {
      outOfOrder++;
      problem("out of order: " + what);
    }

    void latency(long millis) {
      latencies.add(millis);
    }

    void recovery(long millis) {
      recoveries.add(millis);
    }

    DeliveryReport build() {
      List<Long> sorted = latencies.stream().sorted().toList();
      return new DeliveryReport(records, lost, lostDeletes, repeated, outOfOrder, percentile(sorted, 50),
          percentile(sorted, 99), List.copyOf(recoveries), List.copyOf(problems));
    }

    private void problem(String what) {
      if (problems.size() < PROBLEMS_KEPT) {
        problems.add(what);
      }
    }

    private static long percentile(List<Long> sorted, int p) {
      return sorted.isEmpty() ? -1 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0
          * sorted.size()) - 1));
    }
  }
}
