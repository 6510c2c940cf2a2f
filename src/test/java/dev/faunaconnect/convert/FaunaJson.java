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
import com.faunadb.client.types.Value.BooleanV;
import com.faunadb.client.types.Value.BytesV;
import com.faunadb.client.types.Value.DateV;
import com.faunadb.client.types.Value.DoubleV;
import com.faunadb.client.types.Value.LongV;
import com.faunadb.client.types.Value.NullV;
import com.faunadb.client.types.Value.ObjectV;
import com.faunadb.client.types.Value.QueryV;
import com.faunadb.client.types.Value.RefV;
import com.faunadb.client.types.Value.SetRefV;
import com.faunadb.client.types.Value.StringV;
import com.faunadb.client.types.Value.TimeV;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The test oracle (the driver-decoded path, kept to check the streaming one against): Converts a Fauna value to plain
 * JSON by the seed's exhaustive table:
 * <ul>
 *   <li>a document ref becomes {@code {"id", "collection", "type": "document"}};</li>
 *   <li>any other ref becomes {@code {"id", "type"}}, the type being collection, database, index, function, role,
 *       access_provider, key, token or credential, or "unknown" (no collection, e.g. {@code Collections()}, an
 *       unknown native collection, or a deeper nesting);</li>
 *   <li>bytes become URL-safe base64 with padding; timestamps ISO-8601 strings ({@link java.time.Instant#toString});
 *       dates {@code YYYY-MM-DD};</li>
 *   <li>a Query or a SetRef becomes a string holding its wire JSON;</li>
 *   <li>objects (keys starting with {@code @} included) and arrays are converted element by element; strings,
 *       numbers, booleans and null stay as they are.</li>
 * </ul>
 */
public final class FaunaJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Map<String, String> NATIVE_TYPES = Map.of(
      "collections", "collection",
      "databases", "database",
      "indexes", "index",
      "functions", "function",
      "roles", "role",
      "access_providers", "access_provider",
      "keys", "key",
      "tokens", "token",
      "credentials", "credential");

  private FaunaJson() {}

  public static JsonNode toJson(Value value) {
    if (value == null || value instanceof NullV) {
      return NODES.nullNode();
    } else if (value instanceof ObjectV) {
      ObjectNode object = NODES.objectNode();
      value.to(Codec.OBJECT).get().forEach((key, element) -> object.set(key, toJson(element)));
      return object;
    } else if (value instanceof ArrayV) {
      ArrayNode array = NODES.arrayNode();
      value.to(Codec.ARRAY).get().forEach(element -> array.add(toJson(element)));
      return array;
    } else if (value instanceof StringV) {
      return NODES.textNode(value.to(Codec.STRING).get());
    } else if (value instanceof LongV) {
      return NODES.numberNode(value.to(Codec.LONG).get());
    } else if (value instanceof DoubleV) {
      return NODES.numberNode(value.to(Codec.DOUBLE).get());
    } else if (value instanceof BooleanV) {
      return NODES.booleanNode(value.to(Codec.BOOLEAN).get());
    } else if (value instanceof RefV ref) {
      return ref(ref);
    }
    return NODES.textNode(text(value));
  }

  /** The JSON text of {@link #toJson}, compact, keys in the document's order. */
  public static String toJsonText(Value value) {
    try {
      return MAPPER.writeValueAsString(toJson(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write JSON", e);
    }
  }

  /**
   * The string the table gives a value that becomes a JSON string (string, timestamp, date, bytes, Query, SetRef);
   * empty for the others (numbers, booleans, null, refs, objects, arrays).
   */
  public static Optional<String> asText(Value value) {
    if (value instanceof StringV || value instanceof TimeV || value instanceof DateV || value instanceof BytesV
        || value instanceof QueryV || value instanceof SetRefV) {
      return Optional.of(text(value));
    }
    return Optional.empty();
  }

  private static String text(Value value) {
    if (value instanceof StringV) {
      return value.to(Codec.STRING).get();
    } else if (value instanceof TimeV) {
      return value.to(Codec.TIME).get().toString();
    } else if (value instanceof DateV) {
      return value.to(Codec.DATE).get().toString();
    } else if (value instanceof BytesV) {
      return Base64.getUrlEncoder().encodeToString(value.to(Codec.BYTES).get());
    } else if (value instanceof QueryV || value instanceof SetRefV) {
      return WireJson.text(value);
    }
    throw new IllegalArgumentException("Unsupported Fauna value: " + value.getClass().getName());
  }

  /** A ref as the table shows it. */
  public static ObjectNode ref(RefV ref) {
    ObjectNode node = NODES.objectNode().put("id", ref.getId());
    Optional<RefV> parent = ref.getCollection();
    if (parent.isEmpty()) {
      return node.put("type", "unknown");
    }
    Optional<RefV> grandparent = parent.get().getCollection();
    if (grandparent.isEmpty()) {
      return node.put("type", NATIVE_TYPES.getOrDefault(parent.get().getId(), "unknown"));
    }
    if (isCollectionsRoot(grandparent.get())) {
      return node.put("collection", parent.get().getId()).put("type", "document");
    }
    return node.put("type", "unknown");
  }

  private static boolean isCollectionsRoot(RefV ref) {
    return ref.getCollection().isEmpty() && "collections".equals(ref.getId());
  }
}
