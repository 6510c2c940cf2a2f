package dev.faunaconnect.localfauna;

import static com.faunadb.client.query.Language.Collection;
import static com.faunadb.client.query.Language.Documents;
import static com.faunadb.client.query.Language.Get;
import static com.faunadb.client.query.Language.Lambda;
import static com.faunadb.client.query.Language.Map;
import static com.faunadb.client.query.Language.Paginate;
import static com.faunadb.client.query.Language.Var;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.faunadb.client.FaunaClient;
import com.faunadb.client.query.Pagination;
import com.faunadb.client.types.Codec;
import com.faunadb.client.types.Value;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * {@code mvn -q test-compile exec:java@benchmark-local-fauna [-Ddocs=20000] [-DpageSize=1000] [-Druns=5]}: how fast
 * the local Fauna server serves a full-collection scan, the way the connector reads a snapshot:
 * {@code Map(Paginate(Documents(c)).size(1000).after(cursor), Lambda(x, Get(x)))} page after page.
 *
 * <p>Loads the documents (about 1 KB each), then measures three things, each warmed up twice and timed {@code runs}
 * times: the scan through faunadb-java (what a client sees), the scan over plain HTTP without decoding the pages
 * (what the server alone does), and the driver decoding one page body again and again (what the driver alone does). Prints docs/s of wall time, the CPU time per 1,000 documents of the server's connection threads and of
 * the whole process (wall time depends on what else the machine runs; CPU time much less), the load average and the
 * heap.
 */
public final class LocalFaunaBenchmark {
  private static final String COLLECTION = "bench";
  private static final ObjectMapper DRIVER_JSON = new ObjectMapper().registerModule(new Jdk8Module());

  /** One full scan; returns how many documents it read. */
  @FunctionalInterface
  interface Scan {
    int run() throws Exception;
  }

  private LocalFaunaBenchmark() {}

  public static void main(String[] args) throws Exception {
    int docs = Integer.getInteger("docs", 20_000);
    int pageSize = Integer.getInteger("pageSize", 1_000);
    int runs = Integer.getInteger("runs", 5);
    try (LocalFauna fauna = LocalFauna.start()) {
      long loadStart = System.nanoTime();
      load(fauna, docs);
      System.out.printf(Locale.ROOT, "loaded %,d documents (%d bytes of JSON each) in %.1f s; %d processors, "
          + "load average %.1f; heap after GC %d MB%n", docs, documentJson(0).length(),
          (System.nanoTime() - loadStart) / 1e9, Runtime.getRuntime().availableProcessors(), loadAverage(),
          heapAfterGcMb());
      FaunaClient client = FaunaClient.builder().withEndpoint(fauna.endpoint()).withSecret(fauna.secret())
          .withCheckNewVersion(false).build();
      measure("through faunadb-java", () -> scan(client, pageSize), docs, runs);
      RawScan raw = new RawScan(fauna.endpoint(), fauna.secret(), COLLECTION);
      measure("server alone (plain HTTP, pages not decoded)", () -> raw.scan(pageSize), docs, runs);
      String page = new String(raw.page(pageSize, null), StandardCharsets.UTF_8);
      measure("faunadb-java decoding alone (the same page decoded again and again)",
          () -> decode(page, docs / pageSize) * pageSize, docs, runs);
      System.out.printf(Locale.ROOT, "page size %d; load average %.1f; heap after GC %d MB%n", pageSize,
          loadAverage(), heapAfterGcMb());
    }
  }

  private static void measure(String label, Scan scan, int docs, int runs) throws Exception {
    for (int i = 0; i < 2; i++) {
      check(scan.run(), docs);
    }
    List<Double> rates = new ArrayList<>();
    List<Double> serverCpu = new ArrayList<>();
    List<Double> processCpu = new ArrayList<>();
    for (int run = 1; run <= runs; run++) {
      CpuMeter meter = CpuMeter.start();
      check(scan.run(), docs);
      CpuMeter.Sample sample = meter.stop();
      rates.add(docs / sample.wallSeconds());
      serverCpu.add(sample.serverCpuSeconds() * 1e6 / docs);
      processCpu.add(sample.processCpuSeconds() * 1e6 / docs);
      System.out.printf(Locale.ROOT, "  %s, run %d: %,.0f docs/s; CPU per 1,000 docs: server %.1f ms, "
          + "process %.1f ms%n", label, run, rates.get(run - 1), serverCpu.get(run - 1), processCpu.get(run - 1));
    }
    System.out.printf(Locale.ROOT, "%s: median %,.0f docs/s (min %,.0f, max %,.0f); median CPU per 1,000 docs: "
        + "server %.1f ms, process %.1f ms%n", label, median(rates), Collections.min(rates),
        Collections.max(rates), median(serverCpu), median(processCpu));
  }

  /** Creates the collection and {@code docs} documents, 500 per transaction (bypassing HTTP: loading is not timed). */
  static void load(LocalFauna fauna, int docs) {
    fauna.query("{\"create_collection\":{\"object\":{\"name\":\"" + COLLECTION + "\"}}}");
    for (int from = 0; from < docs; from += 500) {
      StringBuilder batch = new StringBuilder("[");
      for (int i = from; i < Math.min(docs, from + 500); i++) {
        batch.append(i == from ? "" : ",").append("{\"create\":{\"collection\":\"").append(COLLECTION)
            .append("\"},\"params\":{\"object\":{\"data\":").append(documentJson(i)).append("}}}");
      }
      fauna.query(batch.append(']').toString());
    }
  }

  /** About 1 KB of typical customer data, as an FQL object literal. */
  static String documentJson(int i) {
    String notes = ("Customer " + i + " asked about delivery windows and invoices. ").repeat(12);
    return "{\"object\":{\"customer_id\":" + i + ",\"name\":\"Customer " + i + "\",\"email\":\"customer" + i
        + "@example.com\",\"tier\":\"" + (i % 3 == 0 ? "gold" : "silver") + "\",\"balance\":" + (i * 1.25)
        + ",\"active\":" + (i % 2 == 0) + ",\"address\":{\"object\":{\"street\":\"" + i
        + " Main Street\",\"city\":\"Springfield\",\"zip\":\"" + (10000 + i % 90000) + "\"}},"
        + "\"tags\":[\"a\",\"b\",\"c\"],\"notes\":\"" + notes + "\"}}";
  }

  /** Reads the whole collection through the driver, page by page; returns how many documents came back. */
  static int scan(FaunaClient client, int pageSize) throws Exception {
    int read = 0;
    Value after = null;
    do {
      Pagination page = Paginate(Documents(Collection(COLLECTION))).size(pageSize);
      if (after != null) {
        page = page.after(after);
      }
      Value result = client.query(Map(page, Lambda("x", Get(Var("x"))))).get();
      read += result.at("data").to(Codec.ARRAY).get().size();
      after = result.at("after").getOptional().orElse(null);
    } while (after != null);
    return read;
  }

  /** Decodes a page body {@code times} times as the driver does ({@code FaunaClient.handleResponse}). */
  private static int decode(String page, int times) throws Exception {
    for (int i = 0; i < times; i++) {
      DRIVER_JSON.treeToValue(DRIVER_JSON.readTree(page).get("resource"), Value.class);
    }
    return times;
  }

  private static void check(int read, int expected) {
    if (read != expected) {
      throw new IllegalStateException("scanned " + read + " documents, expected " + expected);
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static long heapAfterGcMb() {
    System.gc();
    Runtime rt = Runtime.getRuntime();
    return (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024);
  }
}
