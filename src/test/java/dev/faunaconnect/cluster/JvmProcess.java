package dev.faunaconnect.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One JVM started by the cluster test (a broker or a Connect worker), with its output in a log file. It is stopped
 * only through its own {@link Process} handle, i.e. by its own PID: {@link #kill()} is {@code kill -9},
 * {@link #stop()} is {@code kill} (SIGTERM) and then {@code kill -9} if it does not exit. Every JVM still running when
 * the test JVM exits, also after a failure, is killed by a shutdown hook, again by its own PID.
 */
final class JvmProcess {
  private static final Set<JvmProcess> RUNNING = ConcurrentHashMap.newKeySet();
  private static final Path NICE = Path.of("/usr/bin/nice");

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(JvmProcess::kill), "cluster-test-reaper"));
  }

  private final String name;
  private final Process process;

  private JvmProcess(String name, Process process) {
    this.name = name;
    this.process = process;
  }

  /**
   * Starts {@code mainClass} with the classpath, heap and arguments given, at a lower CPU priority ({@code nice}
   * execs the JVM, so the PID is the JVM's), appending its output to {@code log}.
   */
  static JvmProcess start(String name, List<Path> classpath, String heap, Map<String, String> env, Path log,
      List<String> jvmOptions, String mainClass, String... args) {
    List<String> command = new ArrayList<>();
    if (NICE.toFile().canExecute()) {
      command.addAll(List.of(NICE.toString(), "-n", "10"));
    }
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-Xms64m", "-Xmx" + heap, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-Djava.net.preferIPv4Stack=true", "-Djava.awt.headless=true"));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", String.join(java.io.File.pathSeparator, classpath.stream().map(Path::toString)
        .toList()), mainClass));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(env);
    try {
      JvmProcess jvm = new JvmProcess(name, builder.start());
      RUNNING.add(jvm);
      return jvm;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + name, e);
    }
  }

  /** Runs {@code mainClass} to its end and fails with its log when it exits with an error. */
  static void run(String name, List<Path> classpath, Path log, Duration timeout, String mainClass, String... args)
      throws InterruptedException {
    JvmProcess jvm = start(name, classpath, "256m", Map.of(), log, List.of(), mainClass, args);
    try {
      if (!jvm.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || jvm.process.exitValue() != 0) {
        throw new IllegalStateException(name + " failed; see " + log);
      }
    } finally {
      jvm.kill();
    }
  }

  String name() {
    return name;
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** {@code kill -9 <pid>}: the JVM dies at once, without flushing offsets or leaving its group. */
  void kill() {
    process.destroyForcibly();
    waitForExit(Duration.ofSeconds(30));
  }

  /** {@code kill <pid>} (SIGTERM, a clean shutdown), then {@code kill -9 <pid>} after 30 s. */
  void stop() {
    process.destroy();
    if (!waitForExit(Duration.ofSeconds(30))) {
      kill();
    }
  }

  private boolean waitForExit(Duration timeout) {
    try {
      boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (exited) {
        RUNNING.remove(this);
      }
      return exited;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public String toString() {
    return name + " (pid " + pid() + ")";
  }
}
