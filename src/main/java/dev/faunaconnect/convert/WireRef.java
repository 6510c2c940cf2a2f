package dev.faunaconnect.convert;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Map;

/**
 * A ref read from Fauna's wire format, {@code {"@ref":{"id", "collection"?, "database"?}}}, the collection and
 * database being refs themselves. A native ref (a schema collection such as {@code collections}) has neither.
 */
public record WireRef(String id, WireRef collection, WireRef database) {
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

  /** Reads {@code {"@ref":{...}}}; the parser stands on its START_OBJECT and is left on its END_OBJECT. */
  public static WireRef read(JsonParser p) throws IOException {
    expect(p, p.currentToken(), JsonToken.START_OBJECT);
    expect(p, p.nextToken(), JsonToken.FIELD_NAME);
    if (!"@ref".equals(p.currentName())) {
      throw new IOException("expected a @ref, found " + p.currentName());
    }
    p.nextToken();
    WireRef ref = readBody(p);
    SeedJsonReader.skipRest(p);
    return ref;
  }

  /** Reads the object inside {@code @ref}; the parser stands on its START_OBJECT and is left on its END_OBJECT. */
  static WireRef readBody(JsonParser p) throws IOException {
    expect(p, p.currentToken(), JsonToken.START_OBJECT);
    String id = null;
    WireRef collection = null;
    WireRef database = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      switch (name) {
        case "id" -> id = p.getText();
        case "collection" -> collection = read(p);
        case "database" -> database = read(p);
        default -> p.skipChildren();
      }
    }
    if (id == null) {
      throw new IOException("a @ref without an id");
    }
    return new WireRef(id, collection, database);
  }

  private static void expect(JsonParser p, JsonToken found, JsonToken wanted) throws IOException {
    if (found != wanted) {
      throw new IOException("expected " + wanted + ", found " + found + " at " + p.currentLocation());
    }
  }

  /** One step of a {@code Select} path into a ref: its id, collection (or class) or database; null otherwise. */
  Object step(Object element) {
    if (!(element instanceof String key)) {
      return null;
    }
    return switch (key) {
      case "id" -> id;
      case "collection", "class" -> collection;
      case "database" -> database;
      default -> null;
    };
  }

  /** The ref as the seed's table shows it: {@code {"id", "collection", "type": "document"}} or {"id", "type"}. */
  public void writeSeed(JsonGenerator out) throws IOException {
    out.writeStartObject();
    out.writeStringField("id", id);
    if (collection == null) {
      out.writeStringField("type", "unknown");
    } else if (collection.collection == null) {
      out.writeStringField("type", NATIVE_TYPES.getOrDefault(collection.id, "unknown"));
    } else if (collection.collection.collection == null && "collections".equals(collection.collection.id)) {
      out.writeStringField("collection", collection.id);
      out.writeStringField("type", "document");
    } else {
      out.writeStringField("type", "unknown");
    }
    out.writeEndObject();
  }
}
