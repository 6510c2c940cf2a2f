package dev.faunaconnect.convert;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The wire JSON text the seed's table gives a {@code @query} or a {@code @set}: the value as the driver writes it
 * back, compact. Inside a set, values are normalized as the driver's types write them: {@code @ts} as
 * {@link Instant#toString}, {@code @bytes} as URL-safe base64 with padding (read in either alphabet), refs as
 * {@code {"@ref":{"id","collection"?,"database"?}}}, objects plain unless a key starts with {@code @} (then wrapped
 * in {@code @obj}). A query is kept as plain JSON, as the driver keeps it. Both are rare in documents, so they are
 * read as small trees.
 */
final class WireText {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private WireText() {}

  /** The text of {@code {"@query": <the value the parser stands on>}}; the parser is left on its last token. */
  static String query(JsonParser p) throws IOException {
    Map<String, Object> query = new LinkedHashMap<>();
    query.put("@query", MAPPER.readValue(p, Object.class));
    return MAPPER.writeValueAsString(query);
  }

  /** The text of {@code {"@set": <the object the parser stands on>}}; the parser is left on its last token. */
  static String set(JsonParser p) throws IOException {
    JsonNode parameters = MAPPER.readTree(p);
    ObjectNode normalized = NODES.objectNode();
    parameters.fields().forEachRemaining(e -> normalized.set(e.getKey(), normalize(e.getValue())));
    return MAPPER.writeValueAsString(NODES.objectNode().set("@set", normalized));
  }

  private static JsonNode normalize(JsonNode wire) {
    if (wire.isArray()) {
      ArrayNode array = NODES.arrayNode();
      wire.forEach(element -> array.add(normalize(element)));
      return array;
    }
    if (wire.isIntegralNumber()) {
      return NODES.numberNode(wire.longValue());
    }
    if (!wire.isObject() || wire.isEmpty()) {
      return wire;
    }
    String tag = wire.fieldNames().next();
    JsonNode inner = wire.get(tag);
    return switch (tag) {
      case "@ref" -> NODES.objectNode().set("@ref", ref(inner));
      case "@ts" -> NODES.objectNode().put("@ts",
          Instant.from(DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(inner.asText())).toString());
      case "@date" -> NODES.objectNode().put("@date", LocalDate.parse(inner.asText()).toString());
      case "@bytes" -> NODES.objectNode().put("@bytes",
          Base64.getUrlEncoder().encodeToString(SeedJsonReader.bytes(inner.asText())));
      case "@query" -> NODES.objectNode().set("@query", MAPPER.valueToTree(MAPPER.convertValue(inner, Object.class)));
      case "@set" -> {
        ObjectNode parameters = NODES.objectNode();
        inner.fields().forEachRemaining(e -> parameters.set(e.getKey(), normalize(e.getValue())));
        yield NODES.objectNode().set("@set", parameters);
      }
      case "@obj" -> object(inner);
      default -> object(wire);
    };
  }

  private static JsonNode object(JsonNode fields) {
    ObjectNode object = NODES.objectNode();
    boolean tagged = false;
    for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      object.set(e.getKey(), normalize(e.getValue()));
      tagged |= e.getKey().startsWith("@");
    }
    return tagged ? NODES.objectNode().set("@obj", object) : object;
  }

  private static ObjectNode ref(JsonNode body) {
    ObjectNode ref = NODES.objectNode().put("id", body.get("id").asText());
    for (String parent : new String[] {"collection", "database"}) {
      JsonNode node = body.get(parent);
      if (node != null && !node.isNull()) {
        ref.set(parent, NODES.objectNode().set("@ref", ref(node.get("@ref"))));
      }
    }
    return ref;
  }
}
