package dev.faunaconnect.localfauna;

import static com.faunadb.client.query.Language.Collection;
import static com.faunadb.client.query.Language.Collections;
import static com.faunadb.client.query.Language.Documents;
import static com.faunadb.client.query.Language.Paginate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.faunadb.client.FaunaClient;
import com.faunadb.client.types.Value;
import com.faunadb.client.types.Value.RefV;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The command line, {@code mvn -q test-compile exec:java@local-fauna -Dport=.. -Dsecret=.. -Dseed=sample}, run as
 * a child JVM with the test class path: one line on stdout when ready, then it serves until killed.
 */
class LocalFaunaMainTest {
  @TempDir
  Path dir;

  @Test
  void printsExactlyOneLineWhenReadyThenServesTheSampleDataUntilKilled() throws Exception {
    int port = freePort();
    Process process = start(dir.resolve("err.txt"), "-Dport=" + port, "-Dsecret=s3cret", "-Dseed=sample");
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> readLines(process, lines));
    reader.start();
    try {
      String ready = lines.poll(120, TimeUnit.SECONDS);
      assertEquals("Local Fauna listening on http://127.0.0.1:" + port, ready);

      FaunaClient client = FaunaClient.builder().withEndpoint("http://127.0.0.1:" + port).withSecret("s3cret")
          .withCheckNewVersion(false).build();
      assertEquals(List.of("customers", "orders"), ids(client.query(Paginate(Collections())).get()));
      assertEquals(List.of("101", "102", "103"),
          ids(client.query(Paginate(Documents(Collection("customers")))).get()));
      assertTrue(process.isAlive());
      String keyLine = Files.readAllLines(dir.resolve("err.txt")).get(0);
      String readOnly = keyLine.replaceFirst(".*FAUNA_SECRET=", "");
      assertEquals(List.of("customers", "orders"), ids(FaunaClient.builder().withEndpoint("http://127.0.0.1:" + port)
          .withSecret(readOnly).withCheckNewVersion(false).build().query(Paginate(Collections())).get()), keyLine);
    } finally {
      process.destroy();
      assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    }
    reader.join();
    assertEquals(List.of(), List.copyOf(lines));
  }

  @Test
  void anUnknownSeedIsRefusedWithExitCode2() throws Exception {
    Path err = dir.resolve("err.txt");
    Process process = start(err, "-Dport=" + freePort(), "-Dseed=nope");

    assertTrue(process.waitFor(120, TimeUnit.SECONDS));
    assertEquals(2, process.exitValue());
    assertEquals("", new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    assertEquals(List.of("Unknown seed 'nope': the only seed is 'sample'."), Files.readAllLines(err));
  }

  /** The README's command, {@code exec:java@local-fauna}, runs this main class with the test class path. */
  @Test
  void theLocalFaunaExecutionRunsThisMainClass() throws Exception {
    Element execution = execution("local-fauna");
    assertEquals(LocalFaunaMain.class.getName(), text(execution, "mainClass"));
    assertEquals("test", text(execution, "classpathScope"));
  }

  private static Element execution(String id) throws Exception {
    NodeList executions = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new File("pom.xml"))
        .getElementsByTagName("execution");
    for (int i = 0; i < executions.getLength(); i++) {
      Element execution = (Element) executions.item(i);
      if (id.equals(text(execution, "id"))) {
        return execution;
      }
    }
    throw new AssertionError("no execution " + id + " in pom.xml");
  }

  private static String text(Element parent, String tag) {
    NodeList nodes = parent.getElementsByTagName(tag);
    return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
  }

  private static Process start(Path stderr, String... properties) throws IOException {
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path")));
    command.addAll(List.of(properties));
    command.add(LocalFaunaMain.class.getName());
    return new ProcessBuilder(command).redirectError(stderr.toFile()).start();
  }

  /** Every line the process prints on stdout, until it ends. */
  private static void readLines(Process process, BlockingQueue<String> lines) {
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      out.lines().forEach(lines::add);
    } catch (IOException | java.io.UncheckedIOException e) {
      lines.add("<stdout failed: " + e + ">");
    }
  }

  private static List<String> ids(Value page) {
    return page.at("data").collect(RefV.class).stream().map(RefV::getId).collect(Collectors.toList());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
