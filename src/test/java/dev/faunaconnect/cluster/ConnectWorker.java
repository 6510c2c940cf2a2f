package dev.faunaconnect.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A distributed Kafka Connect worker in its own JVM ({@code org.apache.kafka.connect.cli.ConnectDistributed}), with
 * the plugin installed from the Confluent Hub zip into its own {@code plugin.path}, REST on 127.0.0.1, and the Fauna
 * secret in its environment for {@code ${env:FAUNA_SECRET}}. It can be killed ({@code kill -9}) and started again
 * with the same configuration, as a crashed worker that comes back.
 */
final class ConnectWorker {
  static final String CONNECTOR_CLASS = "dev.faunaconnect.FaunaSourceConnector";

  private final String name;
  private final KafkaDistribution kafka;
  private final Path dir;
  private final Map<String, String> env;
  private final int port = Ports.free();
  private JvmProcess jvm;
  private int starts;

  ConnectWorker(String name, KafkaDistribution kafka, Path dir, Map<String, String> settings, Path pluginZip,
      Map<String, String> env) throws IOException {
    this.name = name;
    this.kafka = kafka;
    this.dir = Files.createDirectories(dir);
    this.env = env;
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    unzip(pluginZip, plugins);
    Properties props = new Properties();
    props.putAll(settings);
    props.put("listeners", "http://127.0.0.1:" + port);
    props.put("rest.advertised.host.name", "127.0.0.1");
    props.put("rest.advertised.port", String.valueOf(port));
    props.put("plugin.path", plugins.toAbsolutePath().toString());
    StringWriter text = new StringWriter();
    props.store(text, "written by the cluster test");
    Files.writeString(dir.resolve("worker.properties"), text.toString());
  }

  String name() {
    return name;
  }

  String restUrl() {
    return "http://127.0.0.1:" + port + "/";
  }

  boolean isAlive() {
    return jvm != null && jvm.isAlive();
  }

  /** Starts the worker and waits until its REST API lists the connector, loaded from plugin.path. */
  void start(Duration timeout) throws IOException, InterruptedException {
    starts++;
    Path log = dir.resolve("worker.log");
    Files.writeString(log, "=== start " + starts + " ===\n", java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
    jvm = JvmProcess.start(name, kafka.classpath(), "384m", env, log, List.of(Logging.option(dir)),
        "org.apache.kafka.connect.cli.ConnectDistributed", dir.resolve("worker.properties").toString());
    WorkerRest rest = new WorkerRest(restUrl());
    long deadline = System.nanoTime() + timeout.toNanos();
    while (rest.pluginVersion(CONNECTOR_CLASS).isEmpty()) {
      if (!jvm.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException(name + " did not list " + CONNECTOR_CLASS + " within " + timeout
            + " (alive: " + jvm.isAlive() + "); see " + log);
      }
      Thread.sleep(500);
    }
  }

  /** {@code kill -9} of the worker's own PID. */
  void kill() {
    jvm.kill();
  }

  /** A clean stop (SIGTERM, then kill -9 after 30 s). */
  void stop() {
    if (jvm != null) {
      jvm.stop();
    }
  }

  long pid() {
    return jvm.pid();
  }

  /** Unzips the Hub zip as {@code confluent connect plugin install} would: its one folder into {@code target}. */
  static void unzip(Path zip, Path target) throws IOException {
    try (ZipFile file = new ZipFile(zip.toFile())) {
      Enumeration<? extends ZipEntry> entries = file.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        Path out = target.resolve(entry.getName()).normalize();
        if (!out.startsWith(target)) {
          throw new IOException("zip entry outside the target: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(out);
        } else {
          Files.createDirectories(out.getParent());
          try (InputStream in = file.getInputStream(entry)) {
            Files.copy(in, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
    }
  }
}
