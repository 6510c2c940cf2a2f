package dev.faunaconnect.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The task's snapshot and changes run at several {@code page.size}s on one collection, interleaved. */
final class PageSizes {
  private PageSizes() {}

  static void run(BenchmarkClient.Setup setup, BenchDocuments shape, List<Integer> pageSizes) throws Exception {
    String collection = "pages_" + shape.name().toLowerCase(Locale.ROOT);
    setup.fauna().createCollection(collection, setup.docs(), shape);
    List<Variant> variants = new ArrayList<>();
    for (int size : pageSizes) {
      TaskRuns task = new TaskRuns(setup.endpoint(), setup.secret(), collection, size);
      variants.add(SideBySide.snapshot("snapshot, page.size=" + size, task, setup.docs()));
      variants.add(SideBySide.changes("changes, page.size=" + size, task, setup, collection, "latest"));
    }
    System.out.printf(Locale.ROOT, "%n%s documents, %,d of them, page sizes %s%n", shape.label(), setup.docs(),
        pageSizes);
    new ResultTable(setup.rounds().run(variants, setup.docs())).print("FaunaSourceTask by page.size, "
        + shape.label() + " documents, " + String.format(Locale.ROOT, "%,d", setup.docs()));
  }
}
