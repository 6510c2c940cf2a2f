package dev.faunaconnect.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark's client JVM, started by {@link ConnectorBenchmark} with the server's endpoint, secret and PID:
 * {@code -Dbench=side-by-side|changes|page-sizes|heap}, {@code -Ddocs}, {@code -DpageSize}, {@code -DpageSizes},
 * {@code -Dsizes}, {@code -DwarmUp}, {@code -Drounds}.
 */
public final class BenchmarkClient {
  /** What every suite needs. */
  record Setup(String endpoint, String secret, BenchFauna fauna, int docs, int pageSize, Rounds rounds) {}

  private BenchmarkClient() {}

  public static void main(String[] args) throws Exception {
    String endpoint = System.getProperty("endpoint");
    String secret = System.getProperty("secret");
    long serverPid = Long.getLong("server.pid");
    String bench = System.getProperty("bench", "side-by-side");
    int docs = Integer.getInteger("docs", bench.equals("heap") ? 200_000 : 20_000);
    int pageSize = Integer.getInteger("pageSize", 1000);
    Meter meter = new Meter(AllocationCounter.start(), serverPid);
    Rounds rounds = new Rounds(meter, Integer.getInteger("warmUp", 1), Integer.getInteger("rounds", 3));
    Setup setup = new Setup(endpoint, secret, new BenchFauna(endpoint, secret), docs, pageSize, rounds);
    System.out.printf(Locale.ROOT, "client JVM: %d processors, max heap %d MB, load average %.1f%n",
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, loadAverage());
    switch (bench) {
      case "side-by-side" -> {
        for (BenchDocuments shape : shapes(System.getProperty("sizes", "1k,200b"))) {
          SideBySide.run(setup, shape);
        }
      }
      case "changes" -> {
        for (BenchDocuments shape : shapes(System.getProperty("sizes", "1k,200b"))) {
          SideBySide.runChanges(setup, shape);
        }
      }
      case "page-sizes" -> PageSizes.run(setup, BenchDocuments.ONE_KB,
          integers(System.getProperty("pageSizes", "64,256,1000,4000")));
      case "heap" -> HeapRun.run(setup, BenchDocuments.ONE_KB, Integer.getInteger("step", 10_000));
      default -> throw new IllegalArgumentException("-Dbench must be side-by-side, changes, page-sizes or heap, not " + bench);
    }
    System.out.printf(Locale.ROOT, "%nload average at the end %.1f%n", loadAverage());
  }

  private static List<BenchDocuments> shapes(String list) {
    List<BenchDocuments> shapes = new ArrayList<>();
    for (String name : list.split(",")) {
      shapes.add(BenchDocuments.parse(name.trim()));
    }
    return shapes;
  }

  private static List<Integer> integers(String list) {
    List<Integer> values = new ArrayList<>();
    for (String value : list.split(",")) {
      values.add(Integer.parseInt(value.trim()));
    }
    return values;
  }

  private static double loadAverage() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
