package dev.faunaconnect.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.faunadb.client.types.Value;
import java.io.UncheckedIOException;

/** Builds driver values the way the driver does: by reading Fauna's wire JSON with its own deserializer. */
public final class FaunaWire {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final ObjectMapper PLAIN = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);

  private FaunaWire() {}

  /** The driver's Value for wire JSON such as {@code {"@ts":"2024-01-01T00:00:00Z"}}. */
  public static Value value(String wireJson) {
    try {
      return MAPPER.readValue(wireJson, Value.class);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Plain JSON, integers as longs like the converter writes them (single quotes stand for double quotes). */
  public static JsonNode json(String json) {
    try {
      return PLAIN.readTree(json.replace('\'', '"'));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A document ref as the server writes it. */
  public static String docRef(String id, String collection) {
    return "{\"@ref\":{\"id\":\"" + id + "\",\"collection\":" + nativeChild(collection, "collections") + "}}";
  }

  /** A ref to a schema document, e.g. {@code nativeChild("idx", "indexes")}. */
  public static String nativeChild(String id, String nativeCollection) {
    return "{\"@ref\":{\"id\":\"" + id + "\",\"collection\":{\"@ref\":{\"id\":\"" + nativeCollection + "\"}}}}";
  }
}
