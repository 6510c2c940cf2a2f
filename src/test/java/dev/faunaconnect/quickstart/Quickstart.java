package dev.faunaconnect.quickstart;

import dev.faunaconnect.localfauna.LocalFauna;
import dev.faunaconnect.localfauna.SampleData;
import dev.faunaconnect.testing.ConfigExamples;
import dev.faunaconnect.testing.PackagedConnectCluster;
import dev.faunaconnect.testing.PackagedPlugin;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/**
 * The quickstart: {@code mvn -DskipTests package exec:java@quickstart}. Starts the local Fauna server with the
 * sample data, a Kafka broker and a Connect worker that loads the packaged connector through {@code plugin.path},
 * creates the connector from {@code config/fauna-source.json} through the REST API, makes a few inserts, updates and
 * deletes, prints the records as they arrive and a summary per collection. Exits by itself unless
 * {@code -Dfollow=true}, which keeps everything running and printing until Ctrl+C.
 */
public final class Quickstart {
  private static final long PROGRESS_SECONDS = 5;

  private final PrintStream out;
  private final Duration timeout;
  private final long started = System.nanoTime();

  /**
   * What a run saw, what it expected, the connector version the worker loaded from plugin.path, the connectors the
   * worker offered, and the {@code fauna.secret} that {@code GET /connectors/fauna-source/config} showed.
   */
  public record Result(Tally seen, Tally expected, String pluginVersion, List<String> connectors, String shownSecret) {}

  Quickstart(PrintStream out, Duration timeout) {
    this.out = out;
    this.timeout = timeout;
  }

  public static void main(String[] args) throws Exception {
    boolean follow = Boolean.getBoolean("follow");
    Duration timeout = Duration.ofSeconds(Long.getLong("quickstart.timeout.seconds", 120));
    Quickstart quickstart = new Quickstart(System.out, timeout);
    Result result = quickstart.run(follow);
    if (!result.seen().equals(result.expected())) {
      throw new IllegalStateException("The topics hold other records than expected: expected "
          + result.expected() + ", seen " + result.seen());
    }
  }

  /** Runs the quickstart; with {@code follow}, keeps printing records until the JVM is stopped. */
  public Result run(boolean follow) throws Exception {
    out.println("Fauna source connector quickstart");
    Path pluginPath = PackagedPlugin.pluginPath();
    PackagedPlugin.assertConnectorNotOnClasspath();
    Map<String, String> config = ConfigExamples.connectorJson();
    List<String> collections = collections(config);

    try (LocalFauna fauna = LocalFauna.start()) {
      SampleData.load(fauna);
      QuickstartEnv.secret(SampleWrites.createReadOnlyKey(fauna));
      Tally expected = new Tally();
      collections.forEach(c -> expected.add(c, "read", SampleWrites.documentCount(fauna, c)));
      step("Local Fauna server on %s with the sample: %s; created a key with the read-only role %s, for the "
          + "worker's env config provider as %s", fauna.endpoint(), describe(expected), SampleWrites.READ_ONLY_ROLE,
          QuickstartEnv.SECRET_VARIABLE);

      step("Starting a Kafka broker (KRaft) and a Connect worker (half a minute or more on a busy machine)");
      EmbeddedConnectCluster connect = PackagedConnectCluster.builder("quickstart", 1, QuickstartEnv.workerProps())
          .build();
      withProgress("starting", () -> withoutStdout(connect::start));
      try {
        step("Kafka broker at %s and Connect worker at %s started; plugin.path=%s",
            connect.kafka().bootstrapServers(), connect.endpointForResource(""), pluginPath);
        return runConnector(connect, fauna, config, collections, expected, follow);
      } finally {
        connect.stop();
      }
    }
  }

  private Result runConnector(EmbeddedConnectCluster connect, LocalFauna fauna, Map<String, String> fileConfig,
      List<String> collections, Tally expected, boolean follow) throws Exception {
    Map<String, String> config = new LinkedHashMap<>(fileConfig);
    config.put("fauna.endpoint", fauna.endpoint());
    List<String> topics = collections.stream().map(c -> topic(config, c)).toList();

    ConnectRest rest = new ConnectRest(connect.endpointForResource(""));
    try (RecordWatcher watcher = new RecordWatcher(connect.kafka().bootstrapServers(), topics, out)) {
      String version = rest.pluginVersion(PackagedPlugin.CONNECTOR_CLASS).orElseThrow(() ->
          new IllegalStateException("The worker did not load " + PackagedPlugin.CONNECTOR_CLASS + " from "
              + "plugin.path: GET /connector-plugins does not list it"));
      List<String> connectors = rest.connectorClasses();
      step("The worker found %s %s in plugin.path (it is not on the worker's classpath); its connectors: %s",
          PackagedPlugin.CONNECTOR_CLASS, version, String.join(", ", connectors));
      rest.putConfig(ConfigExamples.CONNECTOR_NAME, config);
      int tasks = rest.awaitRunning(ConfigExamples.CONNECTOR_NAME, timeout);
      String shownSecret = rest.config(ConfigExamples.CONNECTOR_NAME).path("fauna.secret").asText();
      step("PUT %s from config/%s (fauna.endpoint=%s, fauna.secret=%s): RUNNING with %d task(s); the worker "
          + "creates the topics %s (topic.creation.default.*)", rest.url("connectors/" + ConfigExamples.CONNECTOR_NAME
          + "/config"), ConfigExamples.CONNECTOR_JSON, fauna.endpoint(), shownSecret, tasks, topics);

      step("Snapshot of %s into %s", collections, topics);
      watcher.await(expected, timeout, "the snapshot");
      List<String> deleteKinds = deleteKinds(config.getOrDefault("deletes.mode", "column"));
      for (SampleWrites.Step change : SampleWrites.steps()) {
        step("%s (deletes.mode=%s)", change.title(), config.getOrDefault("deletes.mode", "column"));
        for (SampleWrites.Change c : change.changes()) {
          out.println("  > " + c.description());
          fauna.query(c.query());
          for (String kind : recordKinds(change.kind(), deleteKinds)) {
            expected.add(c.collection(), kind, 1);
          }
        }
        watcher.await(expected, timeout, change.title().toLowerCase(Locale.ROOT) + " records");
      }
      Tally seen = watcher.seen();
      out.printf("%nRecords per collection and kind (%d s in all):%n%s%n", elapsed().toSeconds(), seen.table());
      if (follow) {
        follow(connect, fauna, watcher);
      }
      return new Result(seen, expected, version, connectors, shownSecret);
    }
  }

  /** Keeps printing records until the JVM stops, e.g. on Ctrl+C. */
  private void follow(EmbeddedConnectCluster connect, LocalFauna fauna, RecordWatcher watcher) {
    out.printf("%nStill running (-Dfollow=true); Ctrl+C stops everything.%n"
        + "  Fauna:      %s (admin secret %s): write to it and watch the records below, e.g.%n"
        + "              curl -X POST -H 'Authorization: Bearer %s' %s -d '{\"create\": {\"collection\": "
        + "\"customers\"}, \"params\": {\"object\": {\"data\": {\"object\": {\"name\": \"Hedy Lamarr\"}}}}}'%n"
        + "  Kafka:      %s%n"
        + "  Connect:    %s, e.g. curl -s %sconnectors/%s/status%n"
        + "  (the ports are free ones picked at start, not the defaults 8443, 9092 and 8083)%n",
        fauna.endpoint(), fauna.secret(), fauna.secret(), fauna.endpoint(), connect.kafka().bootstrapServers(),
        connect.endpointForResource(""), connect.endpointForResource(""), ConfigExamples.CONNECTOR_NAME);
    while (!Thread.currentThread().isInterrupted()) {
      watcher.pollOnce(Duration.ofSeconds(1));
    }
  }

  /** Runs a slow action, printing every few seconds that it is still under way. */
  private void withProgress(String what, Runnable action) {
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "quickstart-progress");
      thread.setDaemon(true);
      return thread;
    });
    long start = System.nanoTime();
    ticker.scheduleAtFixedRate(() -> out.printf("  ... still %s (%d s)%n", what,
        Duration.ofNanos(System.nanoTime() - start).toSeconds()), PROGRESS_SECONDS, PROGRESS_SECONDS, TimeUnit.SECONDS);
    try {
      action.run();
    } finally {
      ticker.shutdownNow();
    }
  }

  /** Kafka's test kit prints a few lines of its own on System.out while the broker formats its storage. */
  private static void withoutStdout(Runnable action) {
    PrintStream stdout = System.out;
    System.setOut(new PrintStream(OutputStream.nullOutputStream()));
    try {
      action.run();
    } finally {
      System.setOut(stdout);
    }
  }

  private static String describe(Tally documents) {
    return documents.asMap().entrySet().stream()
        .map(e -> e.getKey() + " (" + e.getValue().get("read") + " documents)").collect(Collectors.joining(", "));
  }

  private void step(String format, Object... args) {
    out.printf("%n[%3d s] %s%n", elapsed().toSeconds(), String.format(format, args));
  }

  private Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - started);
  }

  private static List<String> collections(Map<String, String> config) {
    List<String> listed = Arrays.stream(config.getOrDefault("collections", "").split(","))
        .map(String::trim).filter(s -> !s.isEmpty()).toList();
    return listed.isEmpty() ? List.of("customers", "orders") : listed;
  }

  private static String topic(Map<String, String> config, String collection) {
    return config.getOrDefault("collection." + collection + ".topic",
        config.getOrDefault("topic.prefix", "fauna.") + collection);
  }

  /** The records one delete becomes, per {@code deletes.mode}. */
  /** The kinds of the records one change of a step gives. */
  private static List<String> recordKinds(String stepKind, List<String> deleteKinds) {
    return switch (stepKind) {
      case "delete" -> deleteKinds;
      case "expire" -> Stream.concat(Stream.of("upsert"), deleteKinds.stream()).toList();
      default -> List.of(stepKind);
    };
  }

  static List<String> deleteKinds(String mode) {
    return switch (mode.trim().toLowerCase(Locale.ROOT)) {
      case "ignore" -> List.of();
      case "tombstone" -> List.of("tombstone");
      case "column_and_tombstone" -> List.of("delete", "tombstone");
      default -> List.of("delete");
    };
  }
}
