package dev.faunaconnect.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class ColumnSpecParserTest {
  private static final String KEY = "collection.orders.columns";
  private static final Set<String> RESERVED = FaunaSourceConfig.reservedColumnNames(DeletesMode.COLUMN, "deleted_at");
  private static final String EXAMPLE = "[{\"name\": \"city\", \"type\": \"string\", \"path\": [\"data\", "
      + "\"address\", \"city\"], \"required\": false}]";
  private static final String PATH_HINT = " A path lists field names and array indexes, e.g. [\"data\", \"address\", "
      + "\"city\"] or [\"data\", \"tags\", 0].";

  @Test
  void parsesEveryTypeInOrderWithPathsAndRequired() {
    String json = """
        [{"name": "s", "type": "string", "path": ["data", "a.b"], "required": true},
         {"name": "i", "type": "integer", "path": ["data", "tags", 0]},
         {"name": "n", "type": "Number", "path": ["ts"], "required": false},
         {"name": "b", "type": "boolean", "path": ["data", "flag"], "required": null},
         {"name": "t", "type": "timestamp", "path": ["data", "at"]},
         {"name": "d", "type": "date", "path": ["data", "day"]},
         {"name": "j", "type": " JSON ", "path": ["data"]}]""";
    assertEquals(List.of(
        new ColumnSpec("s", ColumnType.STRING, List.of("data", "a.b"), true),
        new ColumnSpec("i", ColumnType.INTEGER, List.of("data", "tags", 0L), false),
        new ColumnSpec("n", ColumnType.NUMBER, List.of("ts"), false),
        new ColumnSpec("b", ColumnType.BOOLEAN, List.of("data", "flag"), false),
        new ColumnSpec("t", ColumnType.TIMESTAMP, List.of("data", "at"), false),
        new ColumnSpec("d", ColumnType.DATE, List.of("data", "day"), false),
        new ColumnSpec("j", ColumnType.JSON, List.of("data"), false)),
        ColumnSpecParser.parse(KEY, json, RESERVED));
  }

  @Test
  void emptyMeansNoColumns() {
    assertEquals(List.of(), ColumnSpecParser.parse(KEY, null, RESERVED));
    assertEquals(List.of(), ColumnSpecParser.parse(KEY, "  ", RESERVED));
    assertEquals(List.of(), ColumnSpecParser.parse(KEY, "[]", RESERVED));
  }

  @Test
  void pathTextIsJson() {
    assertEquals("[\"data\",\"say \\\"hi\\\"\",3]",
        new ColumnSpec("c", ColumnType.JSON, List.of("data", "say \"hi\"", 3L), false).pathText());
  }

  @Test
  void badJson() {
    assertError("[{\"name\": ", "Not valid JSON (Unexpected end-of-input within/between Object entries at line 1, "
        + "column 11). Expected e.g. " + EXAMPLE + ".");
  }

  @Test
  void badShapes() {
    assertError("{\"name\":\"a\"}", "Expected a JSON array of columns, e.g. " + EXAMPLE + ".");
    assertError("[\"a\"]", "Column 1 must be a JSON object with name, type and path, e.g. " + EXAMPLE + ".");
    assertError("[{\"name\":\"a\",\"type\":\"string\",\"path\":[\"x\"],\"format\":\"date-time\"}]",
        "Column 1 has an unknown key 'format'; a column has only name, type, path and required.");
    assertError("[{\"type\":\"string\",\"path\":[\"x\"]}]", "Column 1 needs a \"name\": a non-empty string.");
    assertError("[{\"name\":\" \",\"type\":\"string\",\"path\":[\"x\"]}]",
        "Column 1 needs a \"name\": a non-empty string.");
    assertError("[{\"name\":\"a\",\"type\":\"string\",\"path\":[\"x\"]},{\"name\":7,\"type\":\"string\"}]",
        "Column 2 needs a \"name\": a non-empty string.");
  }

  @Test
  void badTypes() {
    assertError("[{\"name\":\"a\",\"path\":[\"x\"]}]",
        "Column 'a' needs a \"type\": one of string, integer, number, boolean, timestamp, date, json.");
    assertError("[{\"name\":\"a\",\"type\":\"money\",\"path\":[\"x\"]}]",
        "Column 'a' has type 'money'; use one of string, integer, number, boolean, timestamp, date, json.");
    assertError("[{\"name\":\"a\",\"type\":[\"string\"],\"path\":[\"x\"]}]",
        "Column 'a' needs a \"type\": one of string, integer, number, boolean, timestamp, date, json.");
  }

  @Test
  void badPaths() {
    assertError("[{\"name\":\"a\",\"type\":\"string\"}]", "Column 'a' needs a \"path\": a non-empty JSON array."
        + PATH_HINT);
    assertError("[{\"name\":\"a\",\"type\":\"string\",\"path\":[]}]",
        "Column 'a' needs a \"path\": a non-empty JSON array." + PATH_HINT);
    assertError("[{\"name\":\"a\",\"type\":\"string\",\"path\":\"data.x\"}]",
        "Column 'a' needs a \"path\": a non-empty JSON array." + PATH_HINT);
    assertError("[{\"name\":\"a\",\"type\":\"string\",\"path\":[\"data\",-1]}]", "Column 'a' has the path element "
        + "-1, which is neither a field name (string) nor an array index (integer >= 0)." + PATH_HINT);
    assertError("[{\"name\":\"a\",\"type\":\"string\",\"path\":[\"data\",1.5]}]", "Column 'a' has the path element "
        + "1.5, which is neither a field name (string) nor an array index (integer >= 0)." + PATH_HINT);
    assertError("[{\"name\":\"a\",\"type\":\"string\",\"path\":[{\"k\":1}]}]", "Column 'a' has the path element "
        + "{\"k\":1}, which is neither a field name (string) nor an array index (integer >= 0)." + PATH_HINT);
  }

  @Test
  void badRequired() {
    assertError("[{\"name\":\"a\",\"type\":\"string\",\"path\":[\"x\"],\"required\":\"yes\"}]",
        "Column 'a' has \"required\": \"yes\"; use true or false.");
  }

  @Test
  void reservedAndDuplicateNames() {
    for (String reserved : List.of("ref", "ts", "data", "deleted_at")) {
      assertError("[{\"name\":\"" + reserved + "\",\"type\":\"string\",\"path\":[\"x\"]}]",
          "Additional column cannot have reserved name '" + reserved + "': ref, ts, data, deleted_at are built-in "
              + "columns. Rename the column.");
    }
    assertError("[{\"name\":\"a\",\"type\":\"string\",\"path\":[\"x\"]},{\"name\":\"a\",\"type\":\"json\","
        + "\"path\":[\"y\"]}]", "Additional column cannot have duplicate name 'a'. Give every column its own name.");
  }

  private static void assertError(String json, String problem) {
    ConfigException e = assertThrows(ConfigException.class, () -> ColumnSpecParser.parse(KEY, json, RESERVED));
    assertEquals(KEY + ": " + problem, e.getMessage());
  }
}
