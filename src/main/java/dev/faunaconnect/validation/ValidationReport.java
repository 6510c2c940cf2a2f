package dev.faunaconnect.validation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;

/** The per-field results of validation: Kafka's own, plus errors added by name (per-collection keys included). */
final class ValidationReport {
  private final Map<String, ConfigValue> values;

  ValidationReport(Map<String, ConfigValue> values) {
    this.values = new LinkedHashMap<>(values);
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

  List<String> errors(String name) {
    ConfigValue value = values.get(name);
    return value == null ? List.of() : List.copyOf(value.errorMessages());
  }

  Config toConfig() {
    return new Config(new ArrayList<>(values.values()));
  }
}
