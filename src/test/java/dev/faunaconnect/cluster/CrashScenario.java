package dev.faunaconnect.cluster;

import static com.faunadb.client.query.Language.Arr;
import static com.faunadb.client.query.Language.Collection;
import static com.faunadb.client.query.Language.Collections;
import static com.faunadb.client.query.Language.CreateRole;
import static com.faunadb.client.query.Language.Index;
import static com.faunadb.client.query.Language.Indexes;
import static com.faunadb.client.query.Language.Obj;
import static com.faunadb.client.query.Language.Value;

import com.fasterxml.jackson.databind.JsonNode;
import com.faunadb.client.query.Expr;
import dev.faunaconnect.fixtures.FaunaFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * One crash run on a real cluster: N distributed workers (separate JVMs) on the broker, the connector created over
 * REST with {@code ${env:FAUNA_SECRET}} holding a read-only key, the writer changing Fauna while workers are killed
 * with {@code kill -9} and started again, then the topics checked against Fauna's final state.
 */
final class CrashScenario {
  private static final String CONNECTOR = "fauna-source";
  private static final Duration WORKER_START = Duration.ofMinutes(4);

  private final ScenarioSettings settings;
  private final KafkaDistribution kafka;
  private final KafkaBroker broker;
  private final FaunaFixture fauna;
  private final Path dir;
  private final Path pluginZip;
  private final List<ConnectWorker> workers = new ArrayList<>();
  private final List<Long> killTimes = new ArrayList<>();

  CrashScenario(ScenarioSettings settings, KafkaDistribution kafka, KafkaBroker broker, FaunaFixture fauna, Path dir,
      Path pluginZip) {
    this.settings = settings;
    this.kafka = kafka;
    this.broker = broker;
    this.fauna = fauna;
    this.dir = dir;
    this.pluginZip = pluginZip;
  }

  /** Runs the scenario and returns what the topics hold compared with Fauna; stops every worker it started. */
  DeliveryReport run() throws Exception {
    long started = System.nanoTime();
    Files.createDirectories(dir);
    log("%s", settings.describe());
    List<String> collections = IntStream.range(0, settings.collections())
        .mapToObj(i -> settings.name() + "_c" + i).toList();
    Map<String, String> topics = new LinkedHashMap<>();
    collections.forEach(c -> topics.put(c, settings.name() + "." + c));
    String secret = prepareFauna(collections);
    ChangeWriter writer = new ChangeWriter(fauna, collections, 42, settings.writesPerSecond());
    writer.load(settings.docsPerCollection());
    List<String> created = new ArrayList<>(topics.values());
    created.add(heartbeatTopic());
    createTopics(created);
    try (TopicTap tap = new TopicTap(broker.bootstrapServers(), List.copyOf(topics.values()))) {
      startWorkers(secret);
      log("%d workers up (Kafka %s) in %d s", workers.size(), kafka.version(), secondsSince(started));
      Thread tapThread = new Thread(tap, settings.name() + "-tap");
      tapThread.start();
      WorkerRest rest = new WorkerRest(workers.get(0).restUrl());
      rest.putConfig(CONNECTOR, connectorConfig(collections), Duration.ofMinutes(2));
      rest.awaitRunning(CONNECTOR, settings.collections(), Duration.ofMinutes(2));
      Thread writing = new Thread(writer, settings.name() + "-writer");
      writing.start();
      try {
        killAndRestart(rest);
      } finally {
        writer.stop();
        writing.join();
      }
      log("writer stopped after %d writes; waiting for the topics to reach Fauna's final state",
          writer.writes().size());
      DeliveryReport report = converge(writer, topics, tap);
      log("done in %d s: %s", secondsSince(started), report.summary());
      Files.writeString(dir.resolve("report.txt"), settings.describe() + "\n" + report.summary() + "\n");
      return report;
    } finally {
      workers.forEach(ConnectWorker::stop);
    }
  }

  private String prepareFauna(List<String> collections) {
    List<Expr> privileges = new ArrayList<>(List.of(read(Collections()), read(Indexes())));
    for (String c : collections) {
      fauna.createCollection(c, 30L);
      fauna.createTsIndex(c + "_by_ts", c);
      privileges.add(read(Collection(c)));
      privileges.add(read(Index(c + "_by_ts")));
    }
    String role = settings.name() + "-readonly";
    fauna.query(CreateRole(Obj("name", Value(role), "privileges", Arr(privileges))));
    return fauna.createKey(role);
  }

  private static Expr read(Expr resource) {
    return Obj("resource", resource, "actions", Obj("read", Value(true)));
  }

  /** The scenario's own heartbeat topic: the broker creates no topic by itself. */
  private String heartbeatTopic() {
    return settings.name() + ".heartbeats";
  }

  private void createTopics(java.util.Collection<String> names) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      admin.createTopics(names.stream().map(n -> new NewTopic(n, 1, (short) 1)).toList()).all().get();
    }
  }

  private void startWorkers(String secret) throws Exception {
    for (int i = 0; i < settings.workers(); i++) {
      workers.add(new ConnectWorker(settings.name() + "-worker-" + i, kafka, dir.resolve("worker-" + i),
          workerSettings(), pluginZip, Map.of("FAUNA_SECRET", secret)));
    }
    List<CompletableFuture<Void>> starts = new ArrayList<>();
    for (ConnectWorker worker : workers) {
      starts.add(CompletableFuture.runAsync(() -> startOrFail(worker)));
    }
    CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
  }

  private static void startOrFail(ConnectWorker worker) {
    try {
      worker.start(WORKER_START);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private Map<String, String> workerSettings() {
    Map<String, String> worker = new LinkedHashMap<>();
    worker.put("bootstrap.servers", broker.bootstrapServers());
    worker.put("group.id", settings.name() + "-workers");
    worker.put("config.storage.topic", settings.name() + "-configs");
    worker.put("offset.storage.topic", settings.name() + "-offsets");
    worker.put("status.storage.topic", settings.name() + "-status");
    worker.put("config.storage.replication.factor", "1");
    worker.put("offset.storage.replication.factor", "1");
    worker.put("status.storage.replication.factor", "1");
    worker.put("offset.storage.partitions", "5");
    worker.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
    worker.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    worker.put("plugin.discovery", "service_load");
    worker.put("config.providers", "env");
    worker.put("config.providers.env.class", "org.apache.kafka.common.config.provider.EnvVarConfigProvider");
    if (settings.exactlyOnce()) {
      worker.put("exactly.once.source.support", "enabled");
    }
    if (settings.rebalanceDelayMs() != null) {
      worker.put("scheduled.rebalance.max.delay.ms", String.valueOf(settings.rebalanceDelayMs()));
    }
    if (settings.offsetFlushIntervalMs() != null) {
      worker.put("offset.flush.interval.ms", String.valueOf(settings.offsetFlushIntervalMs()));
    }
    return worker;
  }

  private Map<String, String> connectorConfig(List<String> collections) {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("connector.class", ConnectWorker.CONNECTOR_CLASS);
    config.put("tasks.max", String.valueOf(collections.size()));
    config.put("fauna.endpoint", fauna.endpoint());
    config.put("fauna.secret", "${env:FAUNA_SECRET}");
    config.put("collections", String.join(",", collections));
    config.put("topic.prefix", settings.name() + ".");
    config.put("deletes.mode", "column_and_tombstone");
    config.put("heartbeat.topic", heartbeatTopic());
    config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("key.converter.schemas.enable", "false");
    config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("value.converter.schemas.enable", "false");
    if (settings.exactlyOnce()) {
      config.put("exactly.once.support", "required");
    }
    return config;
  }

  /** Kills a worker that runs a task, spread evenly over the writing time, and starts it again. */
  private void killAndRestart(WorkerRest rest) throws Exception {
    long start = System.nanoTime();
    Duration slot = settings.writing().dividedBy(Math.max(1, settings.kills()));
    for (int k = 0; k < settings.kills(); k++) {
      sleepUntil(start, slot.multipliedBy(k).plus(slot.dividedBy(k == 0 ? 4 : 2)));
      ConnectWorker victim = victim(rest, k);
      log("kill -9 %s (pid %d)", victim.name(), victim.pid());
      killTimes.add(System.currentTimeMillis());
      victim.kill();
      Thread.sleep(settings.restartAfter().toMillis());
      victim.start(WORKER_START);
      log("%s started again", victim.name());
    }
    sleepUntil(start, settings.writing());
  }

  /** A live worker that the status shows running task {@code k % tasks}; else the k-th worker in turn. */
  private ConnectWorker victim(WorkerRest rest, int k) {
    try {
      JsonNode tasks = rest.status(CONNECTOR).path("tasks");
      String workerId = tasks.path(k % Math.max(1, tasks.size())).path("worker_id").asText();
      for (ConnectWorker w : workers) {
        if (w.isAlive() && w.restUrl().equals("http://" + workerId + "/")) {
          return w;
        }
      }
    } catch (IOException | RuntimeException e) {
      log("no status (%s); killing worker %d", e.getMessage(), k % workers.size());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return workers.get(k % workers.size());
  }

  private DeliveryReport converge(ChangeWriter writer, Map<String, String> topics, TopicTap tap)
      throws InterruptedException {
    Map<String, Map<String, ChangeWriter.FinalDocument>> finalState = new LinkedHashMap<>();
    topics.keySet().forEach(c -> finalState.put(c, writer.finalState(c)));
    long deadline = System.nanoTime() + settings.convergence().toNanos();
    DeliveryReport report;
    do {
      Thread.sleep(3_000);
      report = new DeliveryCheck(topics, writer.writes(), finalState, tap.delivered()).report(killTimes);
    } while (!report.nothingLostOrMisordered() && System.nanoTime() < deadline);
    Thread.sleep(3_000);
    return new DeliveryCheck(topics, writer.writes(), finalState, tap.delivered()).report(killTimes);
  }

  private static void sleepUntil(long startNanos, Duration offset) throws InterruptedException {
    long wait = startNanos + offset.toNanos() - System.nanoTime();
    if (wait > 0) {
      Thread.sleep(Duration.ofNanos(wait).toMillis());
    }
  }

  private static long secondsSince(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos).toSeconds();
  }

  private void log(String format, Object... args) {
    String line = String.format("[%tT] %s: %s", System.currentTimeMillis(), settings.name(),
        String.format(format, args));
    System.out.println(line);
    try {
      Files.writeString(dir.resolve("scenario.log"), line + "\n", StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException ignored) {
      // the line is on stdout as well
    }
  }
}
