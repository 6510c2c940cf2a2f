package dev.faunaconnect.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faunaconnect.config.FaunaSourceConfig;
import dev.faunaconnect.localfauna.LocalFauna;
import dev.faunaconnect.testing.ConfigExamples;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README tells the truth: its configuration reference is the ConfigDef's, its commands are the real ones. */
class ReadmeTest {
  static final String QUICKSTART_COMMAND = "mvn -DskipTests package exec:java@quickstart";
  static final String TEST_COMMAND = "mvn -B verify";
  private static final Path README = ConfigExamples.projectDir().resolve("README.md");

  @Test
  void configReferenceIsGeneratedFromTheConfigDef() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    String generated = ConfigReference.markdown(FaunaSourceConfig.CONFIG_DEF);
    if (Boolean.getBoolean("regenerate")) {
      Files.writeString(README, ConfigReference.replaceBlock(readme, generated), StandardCharsets.UTF_8);
      readme = Files.readString(README, StandardCharsets.UTF_8);
    }
    assertEquals(generated, ConfigReference.block(readme), "README.md's configuration reference is out of date: "
        + "run mvn -o test -Dtest=ReadmeTest -Dregenerate=true");
  }

  @Test
  void firstCommandsAreTheQuickstartAndTheTestRun() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    List<String> blocks = codeBlocks(readme);
    assertEquals(QUICKSTART_COMMAND, blocks.get(0).trim(), "the README's first command is the quickstart");
    assertEquals(TEST_COMMAND, blocks.get(1).trim());
    String pom = Files.readString(ConfigExamples.projectDir().resolve("pom.xml"));
    assertTrue(pom.contains("<id>quickstart</id>") && pom.contains(QUICKSTART_COMMAND), "pom.xml's quickstart");
    String ci = Files.readString(ConfigExamples.projectDir().resolve(".ci/run"));
    assertTrue(ci.lines().anyMatch(l -> l.trim().equals(TEST_COMMAND)), ".ci/run runs " + TEST_COMMAND);
  }

  @Test
  void readmeDocumentsEveryConfigExampleAndSetting() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    for (String file : List.of(ConfigExamples.STANDALONE_WORKER, ConfigExamples.CONNECTOR_PROPERTIES,
        ConfigExamples.CONNECTOR_JSON, "docker-compose.yml")) {
      assertTrue(readme.contains(file), file);
    }
    for (String key : ConfigExamples.connectorJson().keySet()) {
      String documented = key.replaceFirst("^collection\\.[^.]+\\.", "collection.<name>.");
      assertTrue(readme.contains("`" + documented + "`"), "README never mentions `" + documented + "`");
    }
  }

  /**
   * "Preparing Fauna" with curl: each {@code fql '<wire JSON>'} line, sent as its {@code fql} function sends it
   * ({@code POST /}, {@code Authorization: Bearer secret}), succeeds in order, and the key it makes reads both
   * collections and the list of indexes.
   */
  @Test
  void theCurlSetupOfPreparingFaunaRunsOnAFaunaServer() throws Exception {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    Matcher fql = Pattern.compile("(?m)^fql '([^']*)'").matcher(readme);
    List<String> queries = new ArrayList<>();
    while (fql.find()) {
      queries.add(fql.group(1));
    }
    assertEquals(5, queries.size(), "fql lines in the README: " + queries);
    HttpClient http = HttpClient.newHttpClient();
    try (LocalFauna fauna = LocalFauna.start()) {
      JsonNode last = null;
      for (String query : queries) {
        last = post(http, fauna.endpoint(), "secret", query);
      }
      String key = last.path("resource").path("secret").asText();
      for (String read : List.of("{\"paginate\": {\"documents\": {\"collection\": \"users\"}}}",
          "{\"paginate\": {\"documents\": {\"collection\": \"products\"}}}", "{\"paginate\": {\"indexes\": null}}")) {
        assertTrue(post(http, fauna.endpoint(), key, read).path("resource").has("data"), read);
      }
    }
  }

  private static JsonNode post(HttpClient http, String endpoint, String secret, String query) throws Exception {
    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(endpoint + "/"))
        .header("Authorization", "Bearer " + secret).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(query)).build(), HttpResponse.BodyHandlers.ofString());
    assertTrue(answer.statusCode() < 300, query + " answered " + answer.statusCode() + ": " + answer.body());
    return new ObjectMapper().readTree(answer.body());
  }

  /** The command blocks: fenced without a language (examples of output or FQL name theirs). */
  private static List<String> codeBlocks(String markdown) {
    List<String> blocks = new ArrayList<>();
    StringBuilder current = null;
    boolean command = false;
    for (String line : markdown.split("\n", -1)) {
      if (line.startsWith("```")) {
        if (current == null) {
          current = new StringBuilder();
          command = line.trim().equals("```");
        } else {
          if (command) {
            blocks.add(current.toString());
          }
          current = null;
        }
      } else if (current != null) {
        current.append(line).append('\n');
      }
    }
    return blocks;
  }
}
