package dev.faunaconnect.fauna;

import static com.faunadb.client.query.Language.Arr;
import static com.faunadb.client.query.Language.Collection;
import static com.faunadb.client.query.Language.Create;
import static com.faunadb.client.query.Language.CreateCollection;
import static com.faunadb.client.query.Language.Obj;
import static com.faunadb.client.query.Language.Ref;
import static com.faunadb.client.query.Language.Value;

import com.faunadb.client.FaunaClient;
import com.faunadb.client.query.Expr;
import com.sun.management.OperatingSystemMXBean;
import com.sun.management.ThreadMXBean;
import dev.faunaconnect.config.FaunaSourceConfig;
import dev.faunaconnect.convert.FaunaDocument;
import dev.faunaconnect.convert.RecordBuilder;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.types.Password;

/**
 * A quick side-by-side of {@code page.size} values for a snapshot read the connector's way (streaming pages through
 * the gateway, then records through RecordBuilder), the local server in its own JVM: {@code java -cp <test
 * classpath> dev.faunaconnect.fauna.PageSizeMeasurement [docs] [rounds]}. Rounds interleave the sizes; prints, per
 * size, docs/s (min/median/max of wall time), client CPU ms and bytes allocated by the reading thread per 1,000
 * documents. Not a test: its figures depend on the machine.
 */
public final class PageSizeMeasurement {
  private static final int[] SIZES = {64, 256, 1000, 4000};

  private PageSizeMeasurement() {}

  public static void main(String[] args) throws Exception {
    int docs = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Process server = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx2g",
        "-Dport=" + port, "-Dsecret=measure", "-cp", System.getProperty("java.class.path"),
        "dev.faunaconnect.localfauna.LocalFaunaMain").redirectErrorStream(true).start();
    try {
      new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8)).readLine();
      measure("http://127.0.0.1:" + port, docs, rounds);
    } finally {
      server.destroy();
      server.waitFor();
    }
  }

  private static void measure(String endpoint, int docs, int rounds) throws Exception {
    FaunaSourceConfig config = new FaunaSourceConfig(Map.of("fauna.endpoint", endpoint, "fauna.secret", "measure"));
    FaunaSession session = FaunaSession.create(endpoint, new Password("measure"), java.time.Duration.ofSeconds(60));
    load(session.client(), docs);
    FaunaGateway gateway = FaunaGateway.create(config);
    RecordBuilder records = new RecordBuilder(config, config.settingsFor("measure"));
    Map<Integer, List<double[]>> results = new LinkedHashMap<>();
    for (int round = 0; round <= rounds; round++) {
      for (int size : SIZES) {
        double[] result = snapshot(gateway, records, size, docs);
        if (round > 0) {
          results.computeIfAbsent(size, s -> new ArrayList<>()).add(result);
        }
      }
    }
    System.out.printf(Locale.ROOT, "%d documents of ~1 KB, %d rounds, load average %.1f%n", docs, rounds,
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    System.out.println("page.size | docs/s min / median / max | client CPU ms per 1,000 | MB allocated per 1,000");
    results.forEach((size, list) -> {
      List<Double> rates = new ArrayList<>(list.stream().map(r -> r[0]).toList());
      Collections.sort(rates);
      System.out.printf(Locale.ROOT, "%d | %.0f / %.0f / %.0f | %.1f | %.1f%n", size, rates.get(0),
          rates.get(rates.size() / 2), rates.get(rates.size() - 1), median(list, 1), median(list, 2));
    });
  }

  /** One snapshot of the collection: docs/s, process CPU ms and thread MB allocated per 1,000 documents. */
  private static double[] snapshot(FaunaGateway gateway, RecordBuilder records, int size, int docs) {
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long at = gateway.now();
    long start = System.nanoTime();
    long cpu = os.getProcessCpuTime();
    long allocated = threads.getCurrentThreadAllocatedBytes();
    int read = 0;
    String after = null;
    Page<FaunaDocument> page;
    do {
      page = gateway.snapshotAfter("measure", at, after, size);
      for (FaunaDocument document : page.items()) {
        records.document(Map.of(), Map.of(), document, RecordBuilder.OP_READ);
        after = document.id();
        read++;
      }
    } while (page.more());
    if (read != docs) {
      throw new IllegalStateException("read " + read + " of " + docs);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new double[] {read / seconds, (os.getProcessCpuTime() - cpu) / 1e6 / (read / 1000.0),
        (threads.getCurrentThreadAllocatedBytes() - allocated) / 1e6 / (read / 1000.0)};
  }

  private static double median(List<double[]> results, int index) {
    List<Double> values = new ArrayList<>(results.stream().map(r -> r[index]).toList());
    Collections.sort(values);
    return values.get(values.size() / 2);
  }

  private static void load(FaunaClient client, int docs) throws Exception {
    client.query(CreateCollection(Obj("name", Value("measure")))).get();
    String filler = "x".repeat(900);
    for (int from = 0; from < docs; from += 500) {
      List<Expr> creates = new ArrayList<>();
      for (int i = from; i < Math.min(docs, from + 500); i++) {
        creates.add(Create(Ref(Collection("measure"), String.valueOf(i + 1)), Obj("data", Obj("n", Value(i),
            "name", Value("document " + i), "tags", Arr(Value("a"), Value("b")), "filler", Value(filler)))));
      }
      client.query(Arr(creates)).get();
    }
  }
}
