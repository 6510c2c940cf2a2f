package dev.faunaconnect.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The jars of one Kafka version's broker and Connect worker, from Maven Central: the classpath of
 * {@code kafka_2.13}, {@code connect-runtime}, {@code connect-json}, {@code connect-transforms} and a log4j 2 binding,
 * as Maven resolves it for {@code kafka-distribution-pom.xml}. Resolved once per version into
 * {@code target/cluster/kafka-<version>/classpath.txt} by running Maven ({@code maven.home} from the build; offline
 * first).
 */
final class KafkaDistribution {
  static final String DEFAULT_VERSION = "4.3.1";
  private static final String POM = "kafka-distribution-pom.xml";

  private final String version;
  private final List<Path> classpath;

  private KafkaDistribution(String version, List<Path> classpath) {
    this.version = version;
    this.classpath = classpath;
  }

  /** The distribution of {@code version}, resolved under {@code buildDir/cluster/kafka-<version>/}. */
  static KafkaDistribution resolve(String version, Path buildDir) throws IOException, InterruptedException {
    Path dir = Files.createDirectories(buildDir.resolve("cluster").resolve("kafka-" + version));
    Path pom = dir.resolve("pom.xml");
    Path classpathFile = dir.resolve("classpath.txt");
    byte[] template = template();
    if (!Files.exists(classpathFile) || !Files.exists(pom) || !Arrays.equals(template, Files.readAllBytes(pom))) {
      Files.write(pom, template);
      Files.deleteIfExists(classpathFile);
      runMaven(dir, version);
    }
    List<Path> jars = Arrays.stream(Files.readString(classpathFile).trim().split(java.io.File.pathSeparator))
        .map(Path::of).toList();
    checkReadable(jars);
    return new KafkaDistribution(version, jars);
  }

  String version() {
    return version;
  }

  List<Path> classpath() {
    return classpath;
  }

  private static byte[] template() throws IOException {
    try (InputStream in = KafkaDistribution.class.getResourceAsStream(POM)) {
      if (in == null) {
        throw new IllegalStateException(POM + " is missing from the test resources");
      }
      return in.readAllBytes();
    }
  }

  /** Resolves offline first (the jars are usually in the local repository already), then from Maven Central. */
  private static void runMaven(Path dir, String version) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(maven(), "-B", "-q", "-f", dir.resolve("pom.xml").toString(),
        "-Dkafka.version=" + version, "-Dmdep.outputFile=classpath.txt", "dependency:build-classpath"));
    String repo = System.getProperty("cluster.maven.repo.local", "");
    if (!repo.isBlank() && !repo.startsWith("${")) {
      command.add(1, "-Dmaven.repo.local=" + repo);
    }
    List<String> offline = new ArrayList<>(command);
    offline.add(1, "-o");
    Path log = dir.resolve("resolve.log");
    if (!runToEnd(offline, dir, log) && !runToEnd(command, dir, log)) {
      throw new IllegalStateException("Could not resolve Kafka " + version + " from Maven Central: "
          + String.join(" ", command) + "\n" + Files.readString(log, StandardCharsets.UTF_8));
    }
  }

  private static boolean runToEnd(List<String> command, Path dir, Path log) throws IOException,
      InterruptedException {
    Process maven = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    try {
      return maven.waitFor(10, TimeUnit.MINUTES) && maven.exitValue() == 0;
    } finally {
      maven.destroyForcibly();
    }
  }

  private static String maven() {
    String home = System.getProperty("maven.home", "");
    Path mvn = Path.of(home, "bin", "mvn");
    return !home.isBlank() && Files.isExecutable(mvn) ? mvn.toString() : "mvn";
  }

  private static void checkReadable(List<Path> jars) {
    for (Path jar : jars) {
      if (!Files.isReadable(jar)) {
        throw new UncheckedIOException(new IOException("missing jar " + jar));
      }
    }
  }
}
