package dev.faunaconnect.benchmark;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code nice mvn -q test-compile exec:java@benchmark-connector [-Dbench=side-by-side|changes|page-sizes|heap]}: starts the
 * local Fauna server in its own JVM, then one client JVM ({@link BenchmarkClient}) that loads the documents over
 * HTTP and runs the suite, printing each run and the summary tables; stops both JVMs by their PIDs.
 *
 * <p>Options (passed to the client): {@code -Ddocs} (20,000; 200,000 for heap), {@code -DpageSize} (1000),
 * {@code -Dsizes} (1k,200b), {@code -DpageSizes} (64,256,1000,4000), {@code -DwarmUp} (1), {@code -Drounds} (3),
 * {@code -Dstep} (10,000, heap only). {@code -DclientHeap} sets the client's {@code -Xmx} (1g; 256m for heap);
 * {@code -Djfr=file.jfr} records a JFR profile of the client.
 */
public final class ConnectorBenchmark {
  private static final List<String> CLIENT_OPTIONS =
      List.of("bench", "docs", "pageSize", "sizes", "pageSizes", "warmUp", "rounds", "step");

  private ConnectorBenchmark() {}

  public static void main(String[] args) throws Exception {
    String bench = System.getProperty("bench", "side-by-side");
    try (ServerProcess server = ServerProcess.start(System.getProperty("serverHeap", "4g"))) {
      List<String> jvm = new ArrayList<>();
      jvm.add("-Xmx" + System.getProperty("clientHeap", bench.equals("heap") ? "256m" : "1g"));
      String jfr = System.getProperty("jfr");
      if (jfr != null) {
        jvm.add("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile");
      }
      jvm.add("-Dlog4j2.configurationFile=quickstart-log4j2.xml");
      jvm.add("-Dendpoint=" + server.endpoint());
      jvm.add("-Dsecret=" + server.secret());
      jvm.add("-Dserver.pid=" + server.pid());
      for (String option : CLIENT_OPTIONS) {
        if (System.getProperty(option) != null) {
          jvm.add("-D" + option + "=" + System.getProperty(option));
        }
      }
      System.out.println("local Fauna server: PID " + server.pid() + " at " + server.endpoint());
      try (ChildJvm client = ChildJvm.start(jvm, BenchmarkClient.class.getName(), true)) {
        int exit = client.waitFor();
        if (exit != 0) {
          throw new IllegalStateException("the benchmark client failed with exit code " + exit);
        }
      }
    }
  }
}
