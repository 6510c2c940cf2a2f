package dev.faunaconnect.validation;

import dev.faunaconnect.config.Redaction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;

/**
 * The per-field results of validation: Kafka's own, plus errors added by name (per-collection keys included).
 * {@link #toConfig} leaves out the internal keys and replaces any trace of the secret in a message or value.
 */
final class ValidationReport {
  /** Kafka's message for a value its ConfigDef refused: the value is the only foreign text in it. */
  private static final Pattern KAFKA_INVALID_VALUE = Pattern.compile("^(Invalid value )(.*?)( for configuration )",
      Pattern.DOTALL);
  private final Map<String, ConfigValue> values;
  private final Redaction redaction;

  /**
   * {@code values} are Kafka's results; {@code secret} is the raw secret (null when none) that must never appear in
   * the result: it is hidden in the values given and in the values Kafka's messages quote.
   */
  ValidationReport(Map<String, ConfigValue> values, String secret) {
    this.redaction = Redaction.of(secret);
    this.values = new LinkedHashMap<>();
    values.forEach((name, value) -> this.values.put(name, withKafkaMessagesRedacted(value)));
  }

  private ConfigValue withKafkaMessagesRedacted(ConfigValue value) {
    ConfigValue copy = new ConfigValue(value.name(), value.value(), value.recommendedValues(),
        value.errorMessages().stream().map(message -> {
          Matcher quoted = KAFKA_INVALID_VALUE.matcher(message);
          return quoted.find() ? quoted.group(1) + redaction.in(quoted.group(2)) + quoted.group(3)
              + message.substring(quoted.end()) : message;
        }).collect(Collectors.toCollection(ArrayList::new)));
    copy.visible(value.visible());
    return copy;
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

  /**
   * The result, without {@code hidden} keys (internal ones), with the secret hidden in the values. The messages are
   * the connector's own words, and foreign text in them was redacted where it entered ({@link #redact}).
   */
  Config toConfig(Set<String> hidden) {
    List<ConfigValue> result = new ArrayList<>();
    for (ConfigValue value : values.values()) {
      if (!hidden.contains(value.name())) {
        result.add(redacted(value));
      }
    }
    return new Config(result);
  }

  /** Foreign text (a library's or Fauna's message) with the secret hidden, before it goes into a message. */
  String redact(String foreign) {
    return redaction.in(foreign);
  }

  Redaction redaction() {
    return redaction;
  }

  private ConfigValue redacted(ConfigValue value) {
    Object shown = value.value() instanceof String s ? redact(s) : value.value();
    ConfigValue copy = new ConfigValue(value.name(), shown, value.recommendedValues(), value.errorMessages());
    copy.visible(value.visible());
    return copy;
  }
}
