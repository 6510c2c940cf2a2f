package dev.faunaconnect.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.LambdaValidator;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/** The validators and recommenders of {@link FaunaSourceConfigDef} that Kafka does not provide. */
final class Validators {
  private Validators() {}

  static ConfigDef.Validator endpoint() {
    return LambdaValidator.with((name, value) -> {
      if (value == null) {
        return; // reported as missing by ConfigDef
      }
      String text = value.toString().trim();
      String hint = "Write the URL of the Fauna HTTP API with scheme, host and port, e.g. http://localhost:8443 or "
          + "https://fauna.example.com:8443.";
      try {
        URI uri = new URI(text);
        boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
        if (!http || uri.getHost() == null || uri.getQuery() != null || uri.getFragment() != null) {
          throw new ConfigException(name, value, hint);
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
          throw new ConfigException(name, value, "The URL has port " + uri.getPort() + ", which no server can "
              + "listen on: a port is 1 to 65535. " + hint);
        }
      } catch (URISyntaxException e) {
        throw new ConfigException(name, value, hint);
      }
    }, () -> "an http:// or https:// URL");
  }

  /** A secret must be given and sendable ({@link SecretCheck}); the message never contains it. */
  static ConfigDef.Validator secret() {
    return LambdaValidator.with((name, value) -> {
      if (value == null) {
        return; // reported as missing by ConfigDef
      }
      String text = value instanceof Password p ? p.value() : null;
      SecretCheck.problem(text).ifPresent(problem -> {
        throw new ConfigException(problem);
      });
    }, () -> "the secret of a Fauna key: printable ASCII");
  }

  static ConfigDef.Validator collectionNames() {
    return LambdaValidator.with((name, value) -> {
      Set<String> seen = new HashSet<>();
      for (Object item : value instanceof List<?> list ? list : List.of()) {
        String collection = item.toString().trim();
        if (collection.isEmpty()) {
          throw new ConfigException(name, value, "The list contains an empty collection name.");
        }
        if (!seen.add(collection)) {
          throw new ConfigException(name, value, "Collection '" + collection + "' is listed twice.");
        }
      }
    }, () -> "comma-separated collection names, without duplicates");
  }

  static ConfigDef.Validator topicPrefix() {
    return LambdaValidator.with((name, value) -> TopicNames.ensureValid(name, value == null ? "" : value.toString()),
        () -> "characters allowed in topic names: [a-zA-Z0-9._-]");
  }

  static ConfigDef.Validator deletesColumn() {
    return LambdaValidator.with((name, value) -> {
      String column = value == null ? "" : value.toString().trim();
      if (column.isEmpty()) {
        throw new ConfigException(name, value, "The deletes column needs a name, e.g. deleted_at.");
      }
      if (FaunaSourceConfig.RESERVED_COLUMNS.contains(column)) {
        throw new ConfigException(name, value, "'" + column + "' is a built-in column ("
            + String.join(", ", FaunaSourceConfig.RESERVED_COLUMNS) + "); choose another name, e.g. deleted_at.");
      }
    }, () -> "a column name other than " + String.join(", ", FaunaSourceConfig.RESERVED_COLUMNS));
  }

  /** {@code deletes.column} only matters when deletes are recorded as a column. */
  static ConfigDef.Recommender visibleWhenDeletesRecorded() {
    return new ConfigDef.Recommender() {
      @Override
      public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
        return List.of();
      }

      @Override
      public boolean visible(String name, Map<String, Object> parsedConfig) {
        Object mode = parsedConfig.get(FaunaSourceConfig.DELETES_MODE_CONFIG);
        try {
          return mode == null || DeletesMode.parse(mode.toString()).recordsColumn();
        } catch (ConfigException e) {
          return true;
        }
      }
    };
  }
}
