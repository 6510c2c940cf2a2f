package dev.faunaconnect.convert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.faunadb.client.types.Codec;
import com.faunadb.client.types.Value;
import com.faunadb.client.types.Value.ArrayV;
import com.faunadb.client.types.Value.ObjectV;
import com.faunadb.client.types.Value.SetRefV;

/**
 * The test oracle (the driver-decoded path, kept to check the streaming one against): A value in Fauna's wire format,
 * as the server writes it in responses: tagged {@code @ref}, {@code @ts}, {@code @date}, {@code @bytes}, {@code @set}
 * and {@code @query}, and objects plain unless a key starts with {@code @}, which wraps them in {@code @obj}. The
 * driver's own serialization of scalars is used; only objects are written here, because the driver writes them in the
 * request form {@code {"object": ...}}.
 */
final class WireJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private WireJson() {}

  static String text(Value value) {
    try {
      return MAPPER.writeValueAsString(toWire(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write wire JSON", e);
    }
  }

  static JsonNode toWire(Value value) {
    if (value instanceof ObjectV) {
      ObjectNode object = NODES.objectNode();
      value.to(Codec.OBJECT).get().forEach((key, element) -> object.set(key, toWire(element)));
      boolean tagged = value.to(Codec.OBJECT).get().keySet().stream().anyMatch(key -> key.startsWith("@"));
      return tagged ? NODES.objectNode().set("@obj", object) : object;
    } else if (value instanceof ArrayV) {
      ArrayNode array = NODES.arrayNode();
      value.to(Codec.ARRAY).get().forEach(element -> array.add(toWire(element)));
      return array;
    } else if (value instanceof SetRefV set) {
      ObjectNode parameters = NODES.objectNode();
      set.parameters().forEach((key, element) -> parameters.set(key, toWire(element)));
      return NODES.objectNode().set("@set", parameters);
    }
    return MAPPER.valueToTree(value);
  }
}
