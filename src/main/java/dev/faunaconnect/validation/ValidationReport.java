package dev.faunaconnect.validation;

import dev.faunaconnect.config.SecretCheck;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;

/**
 * The per-field results of validation: Kafka's own, plus errors added by name (per-collection keys included).
 * {@link #toConfig} leaves out the internal keys and replaces any trace of the secret in a message or value.
 */
final class ValidationReport {
  private static final String HIDDEN = "[hidden]";
  private final Map<String, ConfigValue> values;
  private final String secret;

  /** {@code secret} is the raw secret (null when none) that must never appear in the result. */
  ValidationReport(Map<String, ConfigValue> values, String secret) {
    this.values = new LinkedHashMap<>(values);
    this.secret = secret == null || secret.isBlank() || SecretCheck.isPlaceholder(secret) ? null : secret;
  }

  void error(String name, String message) {
    values.computeIfAbsent(name, ConfigValue::new).addErrorMessage(message);
  }

  /** Sets the value of a field that Kafka's ConfigDef does not know (a per-collection key). */
  void value(String name, String value) {
    values.computeIfAbsent(name, ConfigValue::new).value(value);
  }

  boolean hasErrors(String name) {
    ConfigValue value = values.get(name);
    return value != null && !value.errorMessages().isEmpty();
  }

  Object parsed(String name) {
    ConfigValue value = values.get(name);
    return value == null ? null : value.value();
  }

  /** The parsed value of every field without errors. */
  Map<String, Object> parsedValid() {
    Map<String, Object> parsed = new LinkedHashMap<>();
    values.forEach((name, value) -> {
      if (value.errorMessages().isEmpty() && value.value() != null) {
        parsed.put(name, value.value());
      }
    });
    return parsed;
  }

  List<String> errors(String name) {
    ConfigValue value = values.get(name);
    return value == null ? List.of() : List.copyOf(value.errorMessages());
  }

  /** The result, without {@code hidden} keys (internal ones), and with the secret replaced wherever it appears. */
  Config toConfig(Set<String> hidden) {
    List<ConfigValue> result = new ArrayList<>();
    for (ConfigValue value : values.values()) {
      if (!hidden.contains(value.name())) {
        result.add(redacted(value));
      }
    }
    return new Config(result);
  }

  /** Text with the secret replaced; used for anything written to a log too. */
  String redact(String text) {
    return secret == null || text == null ? text : text.replace(secret, HIDDEN);
  }

  private ConfigValue redacted(ConfigValue value) {
    if (secret == null) {
      return value;
    }
    Object shown = value.value() instanceof String s ? redact(s) : value.value();
    ConfigValue copy = new ConfigValue(value.name(), shown, value.recommendedValues(),
        value.errorMessages().stream().map(this::redact).toList());
    copy.visible(value.visible());
    return copy;
  }
}
