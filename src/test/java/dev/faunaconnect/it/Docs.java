package dev.faunaconnect.it;

import static com.faunadb.client.query.Language.Arr;
import static com.faunadb.client.query.Language.Obj;
import static com.faunadb.client.query.Language.Value;

import com.fasterxml.jackson.databind.JsonNode;
import com.faunadb.client.query.Expr;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Document data written as JSON: the same value becomes the Fauna expression and the expected data column. */
final class Docs {
  private Docs() {}

  /** Data of plain JSON types (no nulls: Fauna drops null fields). */
  static JsonNode json(String json) {
    return TopicRecord.parse(json.replace('\'', '"'));
  }

  /** A small varied document: text, integer, number, boolean, nested object and array. */
  static JsonNode sample(String name, int n) {
    return json("{'name': '" + name + "', 'n': " + n + ", 'score': " + (n + 0.5) + ", 'active': " + (n % 2 == 0)
        + ", 'address': {'city': 'City " + n + "', 'zip': '" + (10000 + n) + "'}, 'tags': ['t" + n + "', 'x']}");
  }

  static Expr expr(JsonNode node) {
    if (node.isObject()) {
      Map<String, Expr> fields = new LinkedHashMap<>();
      node.fields().forEachRemaining(e -> fields.put(e.getKey(), expr(e.getValue())));
      return Obj(fields);
    }
    if (node.isArray()) {
      List<Expr> items = new ArrayList<>();
      node.forEach(item -> items.add(expr(item)));
      return Arr(items);
    }
    if (node.isIntegralNumber()) {
      return Value(node.asLong());
    }
    if (node.isNumber()) {
      return Value(node.asDouble());
    }
    if (node.isBoolean()) {
      return Value(node.asBoolean());
    }
    return Value(node.asText());
  }
}
