package dev.faunaconnect.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.faunaconnect.FaunaSourceConnector;
import dev.faunaconnect.localfauna.LocalFauna;
import dev.faunaconnect.testing.ConfigExamples;
import dev.faunaconnect.testing.FaunaBackendChoice;
import dev.faunaconnect.testing.PackagedPlugin;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml cannot run here (no Docker), so this checks what can be checked without it: the file parses,
 * its services are there, its ports, mounts and paths agree with config/ and the build output, and the init step's
 * Fauna setup queries prepare a database that the connector validates with the key they create.
 */
class DockerComposeTest {
  private static final Path PROJECT = ConfigExamples.projectDir();
  private static final Path SETUP = PROJECT.resolve("docker/fauna-setup");

  private final JsonNode compose = yaml(PROJECT.resolve("docker-compose.yml"));
  private final JsonNode services = compose.path("services");

  @Test
  void definesKraftBrokerConnectWorkerFaunaAndInit() {
    assertEquals(Set.of("broker", "connect", "fauna", "init"), names(services));
    JsonNode broker = services.path("broker").path("environment");
    assertEquals("broker,controller", broker.path("KAFKA_PROCESS_ROLES").asText(), "KRaft, no ZooKeeper");
    assertEquals(FaunaBackendChoice.DEFAULT_IMAGE, services.path("fauna").path("image").asText(),
        "the image the README and the integration tests' container mode name");
    assertEquals("[\"sh\",\"/init.sh\"]", services.path("init").path("command").toString());
    assertEquals(Set.of("fauna", "connect"), values(services.path("init").path("depends_on")));
  }

  @Test
  void publishedPortsAgreeWithConfig() {
    Map<String, String> worker = ConfigExamples.properties(ConfigExamples.STANDALONE_WORKER);
    Map<String, String> connector = ConfigExamples.connectorJson();
    assertEquals(List.of(port(URI.create("kafka://" + worker.get("bootstrap.servers")))),
        publishedPorts("broker"), "bootstrap.servers");
    assertEquals(List.of(port(URI.create(worker.get("listeners")))), publishedPorts("connect"), "listeners");
    assertEquals(List.of(port(URI.create(connector.get("fauna.endpoint")))), publishedPorts("fauna"),
        "fauna.endpoint");
    assertEquals(List.of(8443), publishedPorts("fauna"), "the fauna/faunadb image listens on 8443");
  }

  @Test
  void connectWorkerMountsThePackagedPluginOnItsPluginPath() {
    JsonNode connect = services.path("connect");
    Map<String, String> mounts = mounts("connect");
    String pluginDir = mounts.get("./" + PackagedPlugin.PACKAGES_DIR);
    assertTrue(pluginDir != null, "connect must mount ./" + PackagedPlugin.PACKAGES_DIR + ": " + mounts);
    List<String> pluginPath = Arrays.asList(connect.path("environment").path("CONNECT_PLUGIN_PATH").asText()
        .split(","));
    assertTrue(pluginPath.contains(pluginDir), pluginPath + " lacks " + pluginDir);
    assertEquals(PackagedPlugin.PACKAGES_DIR, ConfigExamples.properties(ConfigExamples.STANDALONE_WORKER)
        .get("plugin.path"));

    String bootstrap = connect.path("environment").path("CONNECT_BOOTSTRAP_SERVERS").asText();
    String advertised = services.path("broker").path("environment").path("KAFKA_ADVERTISED_LISTENERS").asText();
    assertTrue(advertised.contains("//" + bootstrap), bootstrap + " is not one of " + advertised);
  }

  @Test
  void initMountsItsScriptsAndRegistersTheConnectorFromConfigJson() throws IOException {
    Map<String, String> mounts = mounts("init");
    assertEquals(Map.of("./docker/init.sh", "/init.sh", "./docker/fauna-setup", "/fauna-setup",
        "./config/" + ConfigExamples.CONNECTOR_JSON, "/config/" + ConfigExamples.CONNECTOR_JSON), mounts);
    for (String source : mounts.keySet()) {
      assertTrue(Files.exists(PROJECT.resolve(source)), source);
    }
    String script = Files.readString(PROJECT.resolve("docker/init.sh"));
    JsonNode env = services.path("init").path("environment");
    assertEquals("http://fauna:" + publishedPorts("fauna").get(0), env.path("FAUNA_URL").asText());
    assertEquals("http://connect:" + publishedPorts("connect").get(0), env.path("CONNECT_URL").asText());
    assertEquals("secret", env.path("FAUNA_ADMIN_SECRET").asText(), "the fauna/faunadb image's admin secret");
    for (String expected : List.of("/connectors/" + ConfigExamples.CONNECTOR_NAME + "/config",
        "/config/" + ConfigExamples.CONNECTOR_JSON, "/fauna-setup/0[1-4]-*.json", "/fauna-setup/05-key.json")) {
      assertTrue(script.contains(expected), "init.sh lacks " + expected);
    }
    assertEquals(List.of("01-collections.json", "02-indexes.json", "03-documents.json", "04-role.json",
        "05-key.json"), setupFiles().stream().map(f -> f.getFileName().toString()).toList());
  }

  /** Runs the init step's queries on the local Fauna server; the connector then validates with the new key. */
  @Test
  void initQueriesPrepareWhatTheConnectorNeeds() throws IOException {
    try (LocalFauna fauna = LocalFauna.start()) {
      String secret = null;
      for (Path query : setupFiles()) {
        String answer = fauna.query(Files.readString(query));
        secret = new ObjectMapper().readTree(answer).path("resource").path("secret").asText(null);
      }
      assertTrue(secret != null && secret.startsWith("fn"), "05-key.json must answer with the key's secret");

      Map<String, String> config = new HashMap<>(ConfigExamples.connectorJson());
      config.put("name", ConfigExamples.CONNECTOR_NAME);
      config.put("fauna.endpoint", fauna.endpoint());
      config.put("fauna.secret", secret);
      Map<String, List<String>> errors = new TreeMap<>();
      for (ConfigValue value : new FaunaSourceConnector().validate(config).configValues()) {
        if (!value.errorMessages().isEmpty()) {
          errors.put(value.name(), value.errorMessages());
        }
      }
      assertEquals(Map.of(), errors);
    }
  }

  private List<Integer> publishedPorts(String service) {
    List<Integer> ports = new ArrayList<>();
    for (JsonNode mapping : services.path(service).path("ports")) {
      String[] hostAndContainer = mapping.asText().split(":");
      assertEquals(hostAndContainer[0], hostAndContainer[1], "same port outside and inside: " + mapping);
      ports.add(Integer.parseInt(hostAndContainer[0]));
    }
    return ports;
  }

  private Map<String, String> mounts(String service) {
    Map<String, String> mounts = new TreeMap<>();
    for (JsonNode volume : services.path(service).path("volumes")) {
      String[] parts = volume.asText().split(":");
      mounts.put(parts[0], parts[1]);
    }
    return mounts;
  }

  private static int port(URI uri) {
    return uri.getPort();
  }

  private static List<Path> setupFiles() throws IOException {
    try (Stream<Path> files = Files.list(SETUP)) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
  }

  private static Set<String> names(JsonNode object) {
    Set<String> names = new TreeSet<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static Set<String> values(JsonNode array) {
    Set<String> values = new TreeSet<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  private static JsonNode yaml(Path file) {
    try {
      return new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
