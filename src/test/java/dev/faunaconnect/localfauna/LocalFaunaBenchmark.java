package dev.faunaconnect.localfauna;

import static com.faunadb.client.query.Language.Collection;
import static com.faunadb.client.query.Language.Documents;
import static com.faunadb.client.query.Language.Get;
import static com.faunadb.client.query.Language.Lambda;
import static com.faunadb.client.query.Language.Map;
import static com.faunadb.client.query.Language.Paginate;
import static com.faunadb.client.query.Language.Var;

import com.faunadb.client.FaunaClient;
import com.faunadb.client.query.Expr;
import com.faunadb.client.query.Pagination;
import com.faunadb.client.types.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * {@code mvn -q test-compile exec:java@benchmark-local-fauna [-Ddocs=20000] [-DpageSize=1000] [-Druns=5]}: how fast
 * the local Fauna server serves a full-collection scan through the real driver, the way the connector reads a
 * snapshot: {@code Map(Paginate(Documents(c)).size(1000).after(cursor), Lambda(x, Get(x)))} page after page.
 * Loads the documents (about 1 KB each), scans twice to warm up, then times several scans and prints docs/s and
 * the heap in use.
 */
public final class LocalFaunaBenchmark {
  private static final String COLLECTION = "bench";

  private LocalFaunaBenchmark() {}

  public static void main(String[] args) throws Exception {
    int docs = Integer.getInteger("docs", 20_000);
    int pageSize = Integer.getInteger("pageSize", 1_000);
    int runs = Integer.getInteger("runs", 5);
    try (LocalFauna fauna = LocalFauna.start()) {
      FaunaClient client = FaunaClient.builder().withEndpoint(fauna.endpoint()).withSecret(fauna.secret())
          .withCheckNewVersion(false).build();
      long loadStart = System.nanoTime();
      load(fauna, docs);
      System.out.printf(Locale.ROOT, "loaded %d documents (%d bytes of JSON each) in %.1f s%n", docs,
          documentJson(0).length(), seconds(System.nanoTime() - loadStart));
      for (int i = 0; i < 2; i++) {
        scan(client, pageSize, docs);
      }
      List<Double> rates = new ArrayList<>();
      for (int run = 1; run <= runs; run++) {
        long start = System.nanoTime();
        int read = scan(client, pageSize, docs);
        double rate = read / seconds(System.nanoTime() - start);
        rates.add(rate);
        System.out.printf(Locale.ROOT, "run %d: %d documents in %.3f s = %,.0f docs/s, heap used %d MB%n", run,
            read, seconds(System.nanoTime() - start), rate, heapUsedMb());
      }
      report("through faunadb-java", rates, pageSize);
      List<Double> raw = new ArrayList<>();
      RawScan rawScan = new RawScan(fauna.endpoint(), fauna.secret(), COLLECTION);
      rawScan.scan(pageSize);
      for (int run = 1; run <= runs; run++) {
        long start = System.nanoTime();
        int read = rawScan.scan(pageSize);
        raw.add(read / seconds(System.nanoTime() - start));
      }
      report("server alone (raw HTTP, response not decoded)", raw, pageSize);
    }
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

  /** Reads the whole collection page by page; returns how many documents came back. */
  static int scan(FaunaClient client, int pageSize, int expected) throws Exception {
    int read = 0;
    Value after = null;
    do {
      Pagination page = Paginate(Documents(Collection(COLLECTION))).size(pageSize);
      if (after != null) {
        page = page.after(after);
      }
      Expr query = Map(page, Lambda("x", Get(Var("x"))));
      Value result = client.query(query).get();
      read += result.at("data").to(com.faunadb.client.types.Codec.ARRAY).get().size();
      after = result.at("after").getOptional().orElse(null);
    } while (after != null);
    if (read != expected) {
      throw new IllegalStateException("scanned " + read + " documents, expected " + expected);
    }
    return read;
  }

  private static void report(String what, List<Double> rates, int pageSize) {
    Collections.sort(rates);
    System.out.printf(Locale.ROOT, "%s: median %,.0f docs/s (min %,.0f, max %,.0f) over %d runs, page size %d%n",
        what, rates.get(rates.size() / 2), rates.get(0), rates.get(rates.size() - 1), rates.size(), pageSize);
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private static long heapUsedMb() {
    Runtime rt = Runtime.getRuntime();
    return (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024);
  }
}
