package dev.faunaconnect.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Objects;

/**
 * One additional column: its name in the record, its type, and the path to its value in the document (as Fauna's
 * {@code Select} takes it). Path elements are {@code String} (a field name, which may contain dots) or {@code Long}
 * (an array index).
 */
public record ColumnSpec(String name, ColumnType type, List<Object> path, boolean required) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public ColumnSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    path = List.copyOf(path);
    for (Object element : path) {
      if (!(element instanceof String) && !(element instanceof Long)) {
        throw new IllegalArgumentException("Path elements are String or Long, not " + element);
      }
    }
  }

  /** The path as JSON, as the user wrote it, e.g. {@code ["data","tags",0]}. */
  public String pathText() {
    try {
      return JSON.writeValueAsString(path);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
