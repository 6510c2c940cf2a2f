package dev.faunaconnect.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The connector as users install it: the exploded Confluent Hub package that {@code mvn package} builds under
 * {@code target/components/packages/}. Integration tests and the quickstart point a Connect worker's
 * {@code plugin.path} at it, so the connector runs in its own plugin class loader with the jars of the package's
 * {@code lib/}, exactly as on a real worker.
 */
public final class PackagedPlugin {
  /** The connector class, by name: integration tests must not load it from their own classpath. */
  public static final String CONNECTOR_CLASS = "dev.faunaconnect.FaunaSourceConnector";
  /** Set by failsafe and by exec:java@quickstart from the pom; see {@code connector.plugin.path} there. */
  static final String PLUGIN_PATH_PROPERTY = "connector.plugin.path";
  /** Where {@code mvn package} puts the zip and the plugin folder, relative to the project folder. */
  public static final String PACKAGES_DIR = "target/components/packages";

  private PackagedPlugin() {}

  /**
   * The directory to put on {@code plugin.path}: it holds one plugin folder with {@code lib/}, {@code etc/},
   * {@code doc/} and {@code manifest.json}. Fails with what to run when the package has not been built.
   */
  public static Path pluginPath() {
    Path path = configuredPluginPath();
    if (!Files.isDirectory(path) || !Files.isDirectory(onlyChild(path).resolve("lib"))) {
      throw new IllegalStateException("The packaged plugin is missing at " + path.toAbsolutePath()
          + ". Build it first: mvn -DskipTests package");
    }
    return path;
  }

  /** The plugin folder inside {@link #pluginPath()}: the one with {@code lib/} and {@code manifest.json}. */
  public static Path pluginFolder() {
    return onlyChild(pluginPath());
  }

  /** The jars of the package's {@code lib/}, sorted by file name. */
  public static List<Path> libJars() {
    try (Stream<Path> files = Files.list(pluginFolder().resolve("lib"))) {
      return files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Worker settings that load the connector from the package: {@code plugin.path}, and {@code service_load}
   * discovery (the fastest; it relies on the connector's {@code META-INF/services} entry, as real workers may).
   */
  public static Map<String, String> workerProps() {
    return Map.of(
        "plugin.path", pluginPath().toAbsolutePath().toString(),
        "plugin.discovery", "service_load");
  }

  /**
   * Fails when the connector class can be loaded from the caller's classpath: then a worker might run that copy
   * instead of the package's, and the test would not prove that the package works. Failsafe and the quickstart keep
   * the project's own classes off the classpath for this reason (see the pom).
   */
  public static void assertConnectorNotOnClasspath() {
    try {
      Class.forName(CONNECTOR_CLASS, false, PackagedPlugin.class.getClassLoader());
    } catch (ClassNotFoundException expected) {
      return;
    }
    throw new IllegalStateException(CONNECTOR_CLASS + " is on the test classpath, so a worker could load it from "
        + "there instead of from the package. Run integration tests with failsafe (mvn verify), whose classpath "
        + "leaves out target/classes.");
  }

  private static Path configuredPluginPath() {
    String configured = System.getProperty(PLUGIN_PATH_PROPERTY);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    Path packages = Path.of(PACKAGES_DIR);
    if (!Files.isDirectory(packages)) {
      return packages;
    }
    try (Stream<Path> children = Files.list(packages)) {
      List<Path> dirs = children.filter(Files::isDirectory).toList();
      return dirs.size() == 1 ? dirs.get(0) : packages;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path onlyChild(Path dir) {
    if (!Files.isDirectory(dir)) {
      return dir.resolve("missing");
    }
    try (Stream<Path> children = Files.list(dir)) {
      List<Path> dirs = children.filter(Files::isDirectory).toList();
      if (dirs.size() != 1) {
        throw new IllegalStateException("Expected exactly one plugin folder in " + dir + ", found " + dirs);
      }
      return dirs.get(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
