package dev.faunaconnect.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The connector runs on the oldest Kafka Connect it claims (README, manifest.json): all of src/main compiles against
 * that version's connect-api and kafka-clients (copied into {@code kafka.oldest.api.dir} by the pom), so it calls no
 * API added later, while the tests build on the newest. The other libraries come from the test classpath.
 */
class OldestKafkaApiTest {
  private static final String VERSION = System.getProperty("kafka.oldest.version", "3.9.2");
  private final Path basedir = Path.of(System.getProperty("project.basedir", "."));

  @Test
  void srcMainCompilesAgainstTheOldestKafkaApiClaimed() throws IOException {
    Path apiDir = Path.of(System.getProperty("kafka.oldest.api.dir", "target/oldest-kafka-api"));
    List<String> oldApi = List.of(jar(apiDir, "connect-api"), jar(apiDir, "kafka-clients"));
    List<String> others = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.contains("org/apache/kafka/") && !entry.endsWith("classes")).toList();
    List<String> sources;
    try (Stream<Path> files = Files.walk(basedir.resolve("src/main/java"))) {
      sources = files.filter(f -> f.toString().endsWith(".java")).map(Path::toString).sorted().toList();
    }
    Path out = Files.createDirectories(basedir.resolve("target/oldest-kafka-api-classes"));
    List<String> args = new ArrayList<>(List.of("--release", "17", "-proc:none", "-nowarn", "-d", out.toString(),
        "-classpath", String.join(File.pathSeparator, concat(oldApi, others))));
    args.addAll(sources);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter errors = new StringWriter();
    int status = javac.run(null, null, new java.io.PrintStream(new java.io.OutputStream() {
      @Override
      public void write(int b) {
        errors.write(b);
      }
    }), args.toArray(String[]::new));
    assertTrue(status == 0, "src/main uses Kafka API newer than " + VERSION + ":\n" + errors);
    assertTrue(Files.exists(out.resolve("dev/faunaconnect/FaunaSourceConnector.class")));
  }

  private static String jar(Path dir, String artifact) {
    Path jar = dir.resolve(artifact + "-" + VERSION + ".jar");
    assertTrue(Files.isRegularFile(jar), jar + " is missing: run the build's generate-test-resources phase");
    return jar.toString();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
