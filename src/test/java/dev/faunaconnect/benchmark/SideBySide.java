package dev.faunaconnect.benchmark;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The four variants side by side on one collection, interleaved: the decoding limit, the bare driver, the task's
 * snapshot and the task's changes run (every document updated after the snapshot, read through the ts/ref index);
 * then the same changes read with {@code changes.mode=every_version}, from the index's set events.
 */
final class SideBySide {
  static final String LIMIT = "decoding limit (HTTP + streaming)";
  static final String DRIVER = "bare faunadb-java loop";
  static final String SNAPSHOT = "FaunaSourceTask snapshot";
  static final String CHANGES = "FaunaSourceTask changes";
  static final String VERSIONS = "FaunaSourceTask every_version";

  private SideBySide() {}

  static void run(BenchmarkClient.Setup setup, BenchDocuments shape) throws Exception {
    String collection = "bench_" + shape.name().toLowerCase(Locale.ROOT);
    setup.fauna().createCollection(collection, setup.docs(), shape);
    DecodingLimitScan limit = new DecodingLimitScan(setup.endpoint(), setup.secret());
    TaskRuns task = new TaskRuns(setup.endpoint(), setup.secret(), collection, setup.pageSize());
    BareDriverScan driver = new BareDriverScan(setup.endpoint(), setup.secret());
    List<Variant> variants = List.of(
        Variant.of(LIMIT, () -> limit.scan(collection, setup.pageSize())),
        Variant.of(DRIVER, () -> driver.scan(collection, setup.pageSize())),
        snapshot(SNAPSHOT, task, setup.docs()),
        changes(CHANGES, task, setup, collection, "latest"),
        changes(VERSIONS, task, setup, collection, "every_version"));
    System.out.printf(Locale.ROOT, "%n%s documents, %,d of them, page size %d%n", shape.label(), setup.docs(),
        setup.pageSize());
    Map<String, List<Meter.Sample>> samples = setup.rounds().run(variants, setup.docs());
    ResultTable table = new ResultTable(samples);
    table.print(shape.label() + " documents, " + String.format(Locale.ROOT, "%,d", setup.docs())
        + ", page size " + setup.pageSize() + " (data JSON text: " + limit.dataCharsPerDocument()
        + " characters per document; checksum " + limit.checksum() + ")");
    table.printRatio(SNAPSHOT, DRIVER);
    table.printRatio(SNAPSHOT, LIMIT);
    table.printRatio(CHANGES, DRIVER);
    table.printRatio(CHANGES, LIMIT);
    table.printRatio(VERSIONS, CHANGES);
  }

  /**
   * {@code -Dbench=changes}: only the two changes variants, after one untimed snapshot: each round updates every
   * document once, then reads the updates with {@code changes.mode=latest} or {@code every_version}.
   */
  static void runChanges(BenchmarkClient.Setup setup, BenchDocuments shape) throws Exception {
    String collection = "changes_" + shape.name().toLowerCase(Locale.ROOT);
    setup.fauna().createCollection(collection, setup.docs(), shape);
    TaskRuns task = new TaskRuns(setup.endpoint(), setup.secret(), collection, setup.pageSize());
    task.start(false);
    task.pollUntil(setup.docs());
    task.stop();
    List<Variant> variants = List.of(changes(CHANGES, task, setup, collection, "latest"),
        changes(VERSIONS, task, setup, collection, "every_version"));
    System.out.printf(Locale.ROOT, "%n%s documents, %,d of them, page size %d: changes only%n", shape.label(),
        setup.docs(), setup.pageSize());
    ResultTable table = new ResultTable(setup.rounds().run(variants, setup.docs()));
    table.print(shape.label() + " documents, " + String.format(Locale.ROOT, "%,d", setup.docs()) + ", page size "
        + setup.pageSize() + ", changes only");
    table.printRatio(VERSIONS, CHANGES);
  }

  /** A task reading the whole collection from no offset; it is stopped after the timed part. */
  static Variant snapshot(String name, TaskRuns task, int docs) {
    return new Variant() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public int run() throws InterruptedException {
        task.start(false);
        return task.pollUntil(docs);
      }

      @Override
      public void after() {
        task.stop();
      }
    };
  }

  /**
   * Every document updated (untimed), then a task resumed from the offset of the last record read so far, until it
   * has emitted every update, with {@code changes.mode=changesMode}.
   */
  static Variant changes(String name, TaskRuns task, BenchmarkClient.Setup setup, String collection,
      String changesMode) {
    return new Variant() {
      private int round;

      @Override
      public String name() {
        return name;
      }

      @Override
      public void before() throws Exception {
        setup.fauna().updateAll(collection, setup.docs(), ++round);
      }

      @Override
      public int run() throws InterruptedException {
        task.start(true, changesMode);
        return task.pollUntil(setup.docs());
      }

      @Override
      public void after() {
        task.stop();
      }
    };
  }
}
