package dev.faunaconnect.testing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** The example configurations in {@code config/}, as a worker or the Connect REST API reads them. */
public final class ConfigExamples {
  public static final String CONNECTOR_NAME = "fauna-source";
  public static final String STANDALONE_WORKER = "connect-standalone.properties";
  public static final String CONNECTOR_PROPERTIES = "fauna-source.properties";
  public static final String CONNECTOR_JSON = "fauna-source.json";

  private ConfigExamples() {}

  /** The project's folder: {@code project.basedir} when Maven runs the code, else the working directory. */
  public static Path projectDir() {
    return Path.of(System.getProperty("project.basedir", "."));
  }

  public static Path file(String name) {
    return projectDir().resolve("config").resolve(name);
  }

  /** A {@code .properties} file as Kafka's tools load it, in file order. */
  public static Map<String, String> properties(String name) {
    Properties props = new Properties();
    try (Reader in = Files.newBufferedReader(file(name))) {
      props.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> map = new LinkedHashMap<>();
    props.stringPropertyNames().stream().sorted().forEach(k -> map.put(k, props.getProperty(k)));
    return map;
  }

  /** The body of {@code PUT /connectors/fauna-source/config}: a JSON object of strings. */
  public static Map<String, String> connectorJson() {
    try {
      return new ObjectMapper().readValue(file(CONNECTOR_JSON).toFile(), new TypeReference<LinkedHashMap<String, String>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
