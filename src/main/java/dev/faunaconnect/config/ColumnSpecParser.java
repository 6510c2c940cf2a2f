package dev.faunaconnect.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigException;

/**
 * Parses {@code collection.<name>.columns}: a JSON array of {@code {"name", "type", "path", "required"}} objects.
 * Every mistake is a {@link ConfigException} that names the setting, the column and what to write instead.
 */
final class ColumnSpecParser {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SOURCE = Pattern.compile("\\[Source: [^\\]]*?line: (\\d+), column: (\\d+)]");
  private static final Set<String> KEYS = Set.of("name", "type", "path", "required");
  private static final String EXAMPLE =
      "[{\"name\": \"city\", \"type\": \"string\", \"path\": [\"data\", \"address\", \"city\"], \"required\": false}]";

  private ColumnSpecParser() {}

  /** The columns in order; {@code reserved} are the names of the built-in columns (ref, ts, data, deletes column). */
  static List<ColumnSpec> parse(String key, String text, Set<String> reserved) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    JsonNode root = readJson(key, text);
    if (!root.isArray()) {
      throw invalid(key, "Expected a JSON array of columns, e.g. " + EXAMPLE + ".");
    }
    List<ColumnSpec> columns = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < root.size(); i++) {
      ColumnSpec column = column(key, i + 1, root.get(i));
      if (reserved.contains(column.name())) {
        throw invalid(key, "Additional column cannot have reserved name '" + column.name() + "': " + String.join(", ",
            reserved) + " are built-in columns. Rename the column.");
      }
      if (!names.add(column.name())) {
        throw invalid(key, "Additional column cannot have duplicate name '" + column.name()
            + "'. Give every column its own name.");
      }
      columns.add(column);
    }
    return columns;
  }

  private static JsonNode readJson(String key, String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw invalid(key, "Not valid JSON (" + withoutSource(e.getOriginalMessage()) + " at line "
          + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + "). Expected e.g. " + EXAMPLE
          + ".");
    }
  }

  /** Jackson's message without its source description ({@code [Source: REDACTED (...); line: 1, column: 2]}). */
  static String withoutSource(String message) {
    return SOURCE.matcher(message).replaceAll("line $1, column $2");
  }

  private static ColumnSpec column(String key, int number, JsonNode node) {
    String where = "Column " + number;
    if (!node.isObject()) {
      throw invalid(key, where + " must be a JSON object with name, type and path, e.g. " + EXAMPLE + ".");
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!KEYS.contains(field)) {
        throw invalid(key, where + " has an unknown key '" + field + "'; a column has only name, type, path and "
            + "required.");
      }
    }
    JsonNode name = node.get("name");
    if (name == null || !name.isTextual() || name.asText().isBlank()) {
      throw invalid(key, where + " needs a \"name\": a non-empty string.");
    }
    where = "Column '" + name.asText() + "'";
    return new ColumnSpec(name.asText(), type(key, where, node.get("type")), path(key, where, node.get("path")),
        required(key, where, node.get("required")));
  }

  private static ColumnType type(String key, String where, JsonNode type) {
    String allowed = String.join(", ", ColumnType.configValues());
    if (type == null || !type.isTextual()) {
      throw invalid(key, where + " needs a \"type\": one of " + allowed + ".");
    }
    for (ColumnType t : ColumnType.values()) {
      if (t.configValue().equals(type.asText().trim().toLowerCase(Locale.ROOT))) {
        return t;
      }
    }
    throw invalid(key, where + " has type '" + type.asText() + "'; use one of " + allowed + ".");
  }

  private static List<Object> path(String key, String where, JsonNode path) {
    String hint = " A path lists field names and array indexes, e.g. [\"data\", \"address\", \"city\"] or "
        + "[\"data\", \"tags\", 0].";
    if (path == null || !path.isArray() || path.isEmpty()) {
      throw invalid(key, where + " needs a \"path\": a non-empty JSON array." + hint);
    }
    List<Object> elements = new ArrayList<>();
    for (JsonNode element : path) {
      if (element.isTextual()) {
        elements.add(element.asText());
      } else if (element.isIntegralNumber() && element.canConvertToLong() && element.asLong() >= 0) {
        elements.add(element.asLong());
      } else {
        throw invalid(key, where + " has the path element " + element + ", which is neither a field name (string) "
            + "nor an array index (integer >= 0)." + hint);
      }
    }
    return elements;
  }

  private static boolean required(String key, String where, JsonNode required) {
    if (required == null || required.isNull()) {
      return false;
    }
    if (!required.isBoolean()) {
      throw invalid(key, where + " has \"required\": " + required + "; use true or false.");
    }
    return required.asBoolean();
  }

  private static ConfigException invalid(String key, String problem) {
    return new ConfigException(key + ": " + problem);
  }
}
