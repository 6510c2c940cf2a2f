package dev.faunaconnect.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Enums in configuration: written in lower case ({@code column_and_tombstone}), parsed case-insensitively. */
final class ConfigEnums {
  private ConfigEnums() {}

  static String configValue(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT);
  }

  static <E extends Enum<E>> List<String> configValues(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(ConfigEnums::configValue).toList();
  }

  static <E extends Enum<E>> E parse(Class<E> type, String configName, String text) {
    String wanted = text == null ? "" : text.trim();
    for (E constant : type.getEnumConstants()) {
      if (configValue(constant).equalsIgnoreCase(wanted)) {
        return constant;
      }
    }
    throw new ConfigException(configName, text, "Must be one of " + String.join(", ", configValues(type)) + ".");
  }

  static <E extends Enum<E>> ConfigDef.Validator validator(Class<E> type) {
    return ConfigDef.LambdaValidator.with((name, value) -> parse(type, name, value == null ? null : value.toString()),
        () -> "one of " + String.join(", ", configValues(type)));
  }

  /** Offers the enum's values to UIs; always visible. */
  static <E extends Enum<E>> ConfigDef.Recommender recommender(Class<E> type) {
    return new ConfigDef.Recommender() {
      @Override
      public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
        return List.copyOf(configValues(type));
      }

      @Override
      public boolean visible(String name, Map<String, Object> parsedConfig) {
        return true;
      }
    };
  }
}
