package dev.faunaconnect.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faunaconnect.testing.PackagedPlugin;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * The Confluent Hub package that {@code mvn package} builds: its manifest equals the top-level manifest.json, its
 * lib/ holds exactly the runtime jars (none that a Connect worker provides), and the exploded plugin folder equals
 * the zip.
 */
class PackageIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Jars a Connect worker provides to every plugin: shipping them would shadow or clash with the worker's. */
  private static final Pattern WORKER_PROVIDED = Pattern.compile(
      "(connect-(api|runtime|json|transforms|file|mirror).*|kafka-clients.*|kafka_.*|kafka-server.*|slf4j-.*"
          + "|log4j.*|logback-.*|reload4j.*)\\.jar");
  private static final String SERVICES = "META-INF/services/org.apache.kafka.connect.source.SourceConnector";

  private final Path basedir = Path.of(System.getProperty("project.basedir", "."));
  private final String version = System.getProperty("project.version");
  private final Path zip = Path.of(System.getProperty("connector.plugin.zip"));
  private final String folder = PackagedPlugin.pluginFolder().getFileName().toString();

  @Test
  void topLevelManifestIsTheOneInTheZip() throws IOException {
    JsonNode packaged = JSON.readTree(zipEntry(folder + "/manifest.json"));
    JsonNode committed = JSON.readTree(basedir.resolve("manifest.json").toFile());
    assertEquals(packaged, committed, "manifest.json differs from the package's. If the change is intended "
        + "(pom.xml: version, kafka-connect-maven-plugin settings), copy it: cp target/manifest.json manifest.json");
  }

  @Test
  void manifestDescribesTheConnectorForConfluentHub() throws IOException {
    JsonNode m = JSON.readTree(zipEntry(folder + "/manifest.json"));
    assertEquals("kafka-connect-fauna", m.path("name").asText());
    assertEquals(version, m.path("version").asText());
    assertEquals("[\"source\"]", m.path("component_types").toString());
    assertEquals(folder, m.path("owner").path("username").asText() + "-kafka-connect-fauna-" + version);
    for (String field : List.of("title", "description", "documentation_url", "release_date")) {
      assertFalse(m.path(field).asText().isBlank(), field);
    }
    assertFalse(m.path("owner").path("name").asText().isBlank(), "owner.name");
    assertFalse(m.path("support").path("summary").asText().isBlank(), "support.summary");
    assertEquals("Apache License 2.0", m.path("license").path(0).path("name").asText());
    assertTrue(texts(m.path("tags")).containsAll(Set.of("fauna", "cdc")), m.path("tags").toString());
    assertEquals(3, m.path("requirements").size(), m.path("requirements").toString());
  }

  @Test
  void libHoldsTheRuntimeJarsAndNoneTheWorkerProvides() throws IOException {
    Set<String> expected = new TreeSet<>();
    for (String entry : Files.readString(Path.of(System.getProperty("connector.runtime.classpath"))).trim()
        .split(java.io.File.pathSeparator)) {
      expected.add(Path.of(entry).getFileName().toString());
    }
    expected.add("kafka-connect-fauna-" + version + ".jar");
    Set<String> lib = zipFiles().stream().filter(f -> f.startsWith(folder + "/lib/"))
        .map(f -> f.substring((folder + "/lib/").length())).collect(Collectors.toCollection(TreeSet::new));

    assertEquals(expected, lib);
    assertEquals(List.of(), lib.stream().filter(j -> WORKER_PROVIDED.matcher(j).matches()).toList());
    assertTrue(lib.stream().anyMatch(j -> j.startsWith("faunadb-java-")), lib.toString());
  }

  @Test
  void connectorJarRegistersTheConnectorForServiceLoading() throws IOException {
    Path jar = PackagedPlugin.pluginFolder().resolve("lib/kafka-connect-fauna-" + version + ".jar");
    try (ZipFile z = new ZipFile(jar.toFile())) {
      ZipEntry services = z.getEntry(SERVICES);
      assertTrue(services != null, "the connector jar has no " + SERVICES);
      List<String> classes = Arrays.stream(new String(z.getInputStream(services).readAllBytes(),
          StandardCharsets.UTF_8).split("\n")).map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#"))
          .toList();
      assertEquals(List.of(PackagedPlugin.CONNECTOR_CLASS), classes);
      assertTrue(z.getEntry(PackagedPlugin.CONNECTOR_CLASS.replace('.', '/') + ".class") != null);
    }
  }

  @Test
  void explodedPluginFolderEqualsTheZipNestedOnce() throws IOException {
    Path root = PackagedPlugin.pluginPath();
    assertEquals(root.resolve(folder), PackagedPlugin.pluginFolder(), "plugin.path holds the plugin folder");
    assertTrue(Files.isDirectory(root.resolve(folder).resolve("lib")), "lib/ right inside " + folder);
    assertFalse(Files.exists(root.resolve(folder).resolve(folder)), folder + " nested in itself");
    List<String> exploded = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root.resolve(folder))) {
      files.filter(Files::isRegularFile).forEach(f -> exploded.add(root.relativize(f).toString().replace('\\', '/')));
    }
    assertEquals(new TreeSet<>(zipFiles()), new TreeSet<>(exploded));
  }

  @Test
  void zipCarriesConfigExamplesAndDocs() throws IOException {
    Set<String> files = new TreeSet<>(zipFiles());
    for (String name : List.of("etc/connect-standalone.properties", "etc/fauna-source.properties",
        "etc/fauna-source.json", "doc/README.md", "doc/LICENSE", "doc/THIRD-PARTY-NOTICES.md",
        "doc/licenses/MPL-2.0.txt", "doc/licenses/Apache-2.0.txt")) {
      assertTrue(files.contains(folder + "/" + name), name + " missing from " + files);
    }
  }

  /**
   * doc/THIRD-PARTY-NOTICES.md has a row for every bundled jar naming the licence its POM declares, and the
   * manifest lists the licences of what the zip holds.
   */
  @Test
  void everyBundledJarHasItsLicenceInTheNoticesAndTheManifest() throws IOException {
    String notices = zipEntry(folder + "/doc/THIRD-PARTY-NOTICES.md");
    Path repository = Path.of(System.getProperty("maven.repo.local"));
    Set<String> licences = new TreeSet<>();
    for (String entry : runtimeClasspath()) {
      Path jar = Path.of(entry);
      String declared = DeclaredLicence.of(jar, repository);
      String family = declared.contains("Mozilla") ? "Mozilla Public License 2.0" : declared.contains("Apache")
          ? "Apache License 2.0" : declared;
      licences.add(family);
      String row = notices.lines().filter(l -> l.startsWith("| `" + jar.getFileName() + "`")).findFirst()
          .orElseThrow(() -> new AssertionError(jar.getFileName() + " has no row in THIRD-PARTY-NOTICES.md"));
      assertTrue(row.contains(family), jar.getFileName() + " is " + declared + " by its POM: " + row);
    }
    assertEquals(Set.of("Apache License 2.0", "Mozilla Public License 2.0"), licences);
    JsonNode manifest = JSON.readTree(zipEntry(folder + "/manifest.json"));
    for (String licence : licences) {
      assertTrue(texts(manifest.path("license").findValues("name")).stream().anyMatch(n -> n.startsWith(licence)),
          licence + " missing from the manifest's license: " + manifest.path("license"));
    }
  }

  /** The README names every jar of lib/ and says what the package holds. */
  @Test
  void readmeSaysWhatLibHolds() throws IOException {
    String readme = Files.readString(basedir.resolve("README.md"));
    for (String entry : runtimeClasspath()) {
      String artifact = Path.of(entry).getFileName().toString().replaceFirst("-\\d.*", "");
      assertTrue(readme.contains("`" + artifact + "`"), "README.md does not name " + artifact + " of lib/");
    }
    assertTrue(readme.contains("doc/THIRD-PARTY-NOTICES.md"), "README.md points to the notices");
  }

  private static List<String> runtimeClasspath() throws IOException {
    return Arrays.asList(Files.readString(Path.of(System.getProperty("connector.runtime.classpath"))).trim()
        .split(java.io.File.pathSeparator));
  }

  private List<String> zipFiles() throws IOException {
    List<String> names = new ArrayList<>();
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        if (!e.isDirectory()) {
          names.add(e.getName());
        }
      }
    }
    return names;
  }

  private String zipEntry(String name) throws IOException {
    try (ZipFile z = new ZipFile(zip.toFile())) {
      ZipEntry entry = z.getEntry(name);
      assertTrue(entry != null, name + " missing from " + zip);
      try (InputStream in = z.getInputStream(entry)) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
  }

  private static Set<String> texts(Iterable<JsonNode> array) {
    Set<String> out = new TreeSet<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
