package dev.faunaconnect;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The connector's version, written into {@code version.properties} by the build. */
final class ConnectorVersion {
  static final String VALUE = load();

  private ConnectorVersion() {}

  private static String load() {
    try (InputStream in = ConnectorVersion.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        throw new IllegalStateException("dev/faunaconnect/version.properties is missing from the connector's jar");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
