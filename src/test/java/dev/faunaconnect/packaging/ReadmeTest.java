package dev.faunaconnect.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faunaconnect.config.FaunaSourceConfig;
import dev.faunaconnect.testing.ConfigExamples;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README tells the truth: its configuration reference is the ConfigDef's, its commands are the real ones. */
class ReadmeTest {
  static final String QUICKSTART_COMMAND = "mvn -q -DskipTests package exec:java@quickstart";
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
