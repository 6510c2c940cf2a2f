package dev.faunaconnect.localfauna;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faunaconnect.localfauna.Values.BytesValue;
import dev.faunaconnect.localfauna.Values.DateValue;
import dev.faunaconnect.localfauna.Values.PageValue;
import dev.faunaconnect.localfauna.Values.QueryValue;
import dev.faunaconnect.localfauna.Values.RefValue;
import dev.faunaconnect.localfauna.Values.TimeValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tagged JSON escapes of the v4 wire protocol, in both directions.
 *
 * <p>Bytes: the real server writes the standard base64 alphabet, which faunadb-java cannot decode (it uses the
 * URL-safe decoder and fails with an AssertionError on {@code +} or {@code /}). This server writes the URL-safe
 * alphabet with padding by default, so the real driver works; {@code standardBytes} switches to the real server's
 * output for tests that need to see that failure. Both alphabets are accepted on input, as the real server does.
 */
final class WireCodec {
  /** A factory with a codec, so that lambda bodies (JSON trees) can be written as they are. */
  private static final JsonFactory JSON = new com.fasterxml.jackson.databind.ObjectMapper().getFactory();

  /** {@code Timestamp.parse}: a local date-time, then an offset as {@code +HH:MM[:ss]}, {@code Z} or {@code +HHMM}. */
  private static final DateTimeFormatter TIMESTAMP = new java.time.format.DateTimeFormatterBuilder()
      .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
      .optionalStart().appendOffset("+HH:MM:ss", "Z").optionalEnd()
      .optionalStart().appendOffset("+HHMM", "+0000").optionalEnd()
      .toFormatter();

  private final boolean standardBytes;

  WireCodec(boolean standardBytes) {
    this.standardBytes = standardBytes;
  }

  // ---- input: literal escapes -------------------------------------------------------------------------------

  /**
   * The keys that make a one-key object an escape ({@code EscapesParser} / {@code QueryParser} {@code escapes}).
   * Only these exact key sets are escapes: {@code {"object": {"@x": 1}}} is a literal object with the key
   * {@code @x} (rendered {@code {"@obj": {"@x": 1}}}), and {@code {"@x": 1}} as an expression is no form at all.
   */
  private static final java.util.Set<String> ESCAPES = java.util.Set.of("@obj", "@ref", "@set", "@ts", "@date",
      "@query", "@bytes", "@uuid");

  static boolean isEscape(String key) {
    return ESCAPES.contains(key);
  }

  /**
   * Decodes {@code @ts}, {@code @date}, {@code @bytes}, {@code @uuid} and {@code @ref}; {@code @obj}, {@code @set}
   * and {@code @query} need the evaluator.
   */
  static Object decodeScalarEscape(String tag, JsonNode body) {
    return switch (tag) {
      case "@ts" -> new TimeValue(parseEscape(body, WireCodec::timestamp, "Invalid time."));
      case "@date" -> new DateValue(parseEscape(body, LocalDate::parse, "Invalid date."));
      case "@bytes" -> new BytesValue(parseEscape(body, WireCodec::decodeBytes, "Invalid bytes."));
      case "@ref" -> decodeRef(body);
      case "@uuid" -> new Values.UuidValue(parseEscape(body, java.util.UUID::fromString, "Invalid UUID."));
      default -> throw FaunaError.invalidExpression("No form/function found, or invalid argument keys: { " + tag + " }.");
    };
  }

  /** A literal escape's text parsed, or the parse error the server gives that escape. */
  private static <T> T parseEscape(JsonNode body, java.util.function.Function<String, T> parse, String invalid) {
    if (!body.isTextual()) {
      throw FaunaError.invalidExpression(invalid);
    }
    try {
      return parse.apply(body.asText());
    } catch (DateTimeException | IllegalArgumentException e) {
      throw FaunaError.invalidExpression(invalid);
    }
  }

  /** The server's timestamp syntax; a missing offset or an out-of-range year is a {@link DateTimeException}. */
  static Instant timestamp(String text) {
    return Instant.from(TIMESTAMP.parse(text));
  }

  /** {@code Time(text)}: surrounding blanks are ignored. */
  static Instant parseTime(String text) {
    try {
      return timestamp(text.trim());
    } catch (DateTimeException e) {
      throw FaunaError.invalidArgument("Cannot cast '" + text + "' to a time.");
    }
  }

  /** {@code Date(text)}: surrounding blanks are ignored. */
  static LocalDate parseDate(String text) {
    try {
      return LocalDate.parse(text.trim());
    } catch (DateTimeException e) {
      throw FaunaError.invalidArgument("Cannot cast '" + text + "' to a date.");
    }
  }

  /** Either base64 alphabet, as the server maps {@code +/} to {@code -_} before decoding. */
  static byte[] decodeBytes(String text) {
    return Base64.getUrlDecoder().decode(text.replace('+', '-').replace('/', '_'));
  }

  /** {@code {"@ref":{"id":..,"collection":{"@ref":..}}}} or the legacy string form {@code "collections/c/1"}. */
  static RefValue decodeRef(JsonNode body) {
    if (body.isTextual()) {
      return decodeLegacyRef(body.asText());
    }
    if (!body.isObject() || !body.path("id").isTextual()) {
      throw FaunaError.invalidExpression("Invalid ref.");
    }
    JsonNode parent = body.get("collection");
    if (parent == null || parent.isNull()) {
      return new RefValue(body.get("id").asText(), null);
    }
    JsonNode parentRef = parent.get("@ref");
    if (parentRef == null) {
      throw FaunaError.invalidExpression("Invalid ref.");
    }
    return new RefValue(body.get("id").asText(), decodeRef(parentRef));
  }

  private static RefValue decodeLegacyRef(String path) {
    String[] parts = path.split("/");
    return switch (parts.length) {
      case 1 -> RefValue.nativeRef(parts[0]);
      case 2 -> new RefValue(parts[1], RefValue.nativeRef(normalizeNative(parts[0])));
      case 3 -> new RefValue(parts[2], RefValue.collection(parts[1]));
      default -> throw FaunaError.invalidExpression("Invalid ref: '" + path + "'.");
    };
  }

  private static String normalizeNative(String name) {
    return "classes".equals(name) ? "collections" : name;
  }

  // ---- output -----------------------------------------------------------------------------------------------

  byte[] renderResource(Object value) {
    ByteArrayBuilder out = new ByteArrayBuilder();
    try (JsonGenerator gen = JSON.createGenerator(out)) {
      gen.writeStartObject();
      gen.writeFieldName("resource");
      write(gen, value);
      gen.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static byte[] renderErrors(List<FaunaError> errors) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    try (JsonGenerator gen = JSON.createGenerator(out)) {
      gen.writeStartObject();
      gen.writeArrayFieldStart("errors");
      for (FaunaError e : errors) {
        gen.writeStartObject();
        if (e.position != null) {
          gen.writeArrayFieldStart("position");
          for (Object p : e.position) {
            if (p instanceof Integer i) {
              gen.writeNumber(i);
            } else {
              gen.writeString(String.valueOf(p));
            }
          }
          gen.writeEndArray();
        }
        gen.writeStringField("code", e.code);
        gen.writeStringField("description", e.description);
        if (!e.failures.isEmpty()) {
          gen.writeArrayFieldStart("failures");
          for (Map<String, Object> f : e.failures) {
            gen.writeStartObject();
            gen.writeArrayFieldStart("field");
            for (Object step : (List<?>) f.get("field")) {
              gen.writeString(String.valueOf(step));
            }
            gen.writeEndArray();
            gen.writeStringField("code", (String) f.get("code"));
            gen.writeStringField("description", (String) f.get("description"));
            gen.writeEndObject();
          }
          gen.writeEndArray();
        }
        gen.writeEndObject();
      }
      gen.writeEndArray();
      gen.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Renders a value as the real server's JSON, for error messages and {@code ToString}-like uses. */
  String toJson(Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    try (JsonGenerator gen = JSON.createGenerator(out)) {
      write(gen, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  void write(JsonGenerator gen, Object value) throws IOException {
    if (value == null) {
      gen.writeNull();
    } else if (value instanceof String s) {
      gen.writeString(s);
    } else if (value instanceof Long l) {
      gen.writeNumber(l);
    } else if (value instanceof Double d) {
      writeDouble(gen, d);
    } else if (value instanceof Boolean b) {
      gen.writeBoolean(b);
    } else if (value instanceof DocumentView doc) {
      gen.writeRawValue(doc.document.json(doc.version, this::toJson));
    } else if (value instanceof Map<?, ?> m) {
      writeObject(gen, m);
    } else if (value instanceof List<?> list) {
      gen.writeStartArray();
      for (Object item : list) {
        write(gen, item);
      }
      gen.writeEndArray();
    } else if (value instanceof RefValue ref) {
      writeRef(gen, ref);
    } else if (value instanceof TimeValue t) {
      tagged(gen, "@ts").writeString(t.instant().toString());
      gen.writeEndObject();
    } else if (value instanceof DateValue d) {
      tagged(gen, "@date").writeString(d.date().toString());
      gen.writeEndObject();
    } else if (value instanceof BytesValue b) {
      Base64.Encoder encoder = standardBytes ? Base64.getEncoder() : Base64.getUrlEncoder();
      tagged(gen, "@bytes").writeString(encoder.encodeToString(b.bytes()));
      gen.writeEndObject();
    } else if (value instanceof Values.UuidValue u) {
      tagged(gen, "@uuid").writeString(u.uuid().toString());
      gen.writeEndObject();
    } else if (value instanceof QueryValue q) {
      tagged(gen, "@query");
      writeLambda(gen, q);
      gen.writeEndObject();
    } else if (value instanceof PageValue page) {
      writeObject(gen, page.asObject());
    } else if (value instanceof FaunaSet set) {
      writeSet(gen, set);
    } else {
      throw new IllegalStateException("cannot render " + value.getClass());
    }
  }

  private static void writeDouble(JsonGenerator gen, double d) throws IOException {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      gen.writeString(Double.toString(d));
    } else {
      gen.writeNumber(Double.toString(d));
    }
  }

  private void writeObject(JsonGenerator gen, Map<?, ?> map) throws IOException {
    boolean wrap = false;
    for (Object key : map.keySet()) {
      wrap |= ((String) key).startsWith("@");
    }
    if (wrap) {
      tagged(gen, "@obj");
    }
    gen.writeStartObject();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      gen.writeFieldName((String) e.getKey());
      write(gen, e.getValue());
    }
    gen.writeEndObject();
    if (wrap) {
      gen.writeEndObject();
    }
  }

  private static void writeRef(JsonGenerator gen, RefValue ref) throws IOException {
    tagged(gen, "@ref");
    gen.writeStartObject();
    gen.writeStringField("id", ref.id());
    if (ref.collection() != null) {
      gen.writeFieldName("collection");
      writeRef(gen, ref.collection());
    }
    gen.writeEndObject();
    gen.writeEndObject();
  }

  /**
   * A lambda as the server renders it: its API version first, then its parameters and body; variables it captured
   * from an enclosing {@code Let} are bound around the body ({@code LambdaL.renderableLiteral}).
   */
  private void writeLambda(JsonGenerator gen, QueryValue q) throws IOException {
    gen.writeStartObject();
    gen.writeStringField("api_version", q.apiVersion());
    gen.writeFieldName("lambda");
    gen.writeTree(q.lambda().get("lambda"));
    gen.writeFieldName("expr");
    java.util.Set<String> captured = ParseCheck.freeVariables(q.lambda());
    captured.retainAll(q.scope().keySet());
    if (captured.isEmpty()) {
      gen.writeTree(q.lambda().get("expr"));
    } else {
      gen.writeStartObject();
      gen.writeFieldName("let");
      gen.writeStartObject();
      for (String name : captured) {
        gen.writeFieldName(name);
        write(gen, q.scope().get(name));
      }
      gen.writeEndObject();
      gen.writeFieldName("in");
      gen.writeTree(q.lambda().get("expr"));
      gen.writeEndObject();
    }
    gen.writeEndObject();
  }

  private void writeSet(JsonGenerator gen, FaunaSet set) throws IOException {
    Object described = set.describe();
    if (described instanceof RefValue ref) {
      writeRef(gen, ref);
      return;
    }
    tagged(gen, "@set");
    writeObjectRaw(gen, (Map<?, ?>) described);
    gen.writeEndObject();
  }

  private void writeObjectRaw(JsonGenerator gen, Map<?, ?> map) throws IOException {
    gen.writeStartObject();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      gen.writeFieldName((String) e.getKey());
      write(gen, e.getValue());
    }
    gen.writeEndObject();
  }

  private static JsonGenerator tagged(JsonGenerator gen, String tag) throws IOException {
    gen.writeStartObject();
    gen.writeFieldName(tag);
    return gen;
  }

  /** A literal JSON tree (inside {@code @obj} or {@code @query}) converted to values, escapes decoded. */
  static Object literal(JsonNode node) {
    if (node.isObject()) {
      Iterator<String> names = node.fieldNames();
      if (node.size() == 1) {
        String only = names.next();
        if (only.equals("@obj")) {
          return literalObject(node.get(only));
        }
        if (isEscape(only) && !only.equals("@set") && !only.equals("@query")) {
          return decodeScalarEscape(only, node.get(only));
        }
        if (only.equals("@query")) {
          return queryLiteral(node.get(only));
        }
      }
      return literalObject(node);
    }
    if (node.isArray()) {
      List<Object> out = new ArrayList<>(node.size());
      node.forEach(n -> out.add(literal(n)));
      return out;
    }
    return scalar(node);
  }

  /**
   * A {@code @query} literal: a lambda form, optionally with its {@code api_version} (lambdas stored without one
   * are read at 2.12, the server's {@code LambdaDefaultVersion}); it may not use variables it does not bind.
   */
  static QueryValue queryLiteral(JsonNode body) {
    if (!body.isObject()) {
      throw FaunaError.invalidExpression("Invalid lambda.");
    }
    ObjectNode lambda = ((ObjectNode) body).deepCopy();
    JsonNode version = lambda.remove("api_version");
    java.util.Set<String> keys = new java.util.HashSet<>();
    lambda.fieldNames().forEachRemaining(keys::add);
    if (!keys.equals(java.util.Set.of("lambda", "expr")) || version != null && !version.isTextual()
        || !ParseCheck.freeVariables(lambda).isEmpty()) {
      throw FaunaError.invalidExpression("Invalid lambda.");
    }
    return new QueryValue(lambda, Map.of(), List.of(), version == null ? "2.12" : version.asText());
  }

  private static Map<String, Object> literalObject(JsonNode node) {
    Map<String, Object> out = new LinkedHashMap<>();
    node.fields().forEachRemaining(e -> out.put(e.getKey(), literal(e.getValue())));
    return out;
  }

  static Object scalar(JsonNode node) {
    if (node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isTextual()) {
      return node.asText();
    }
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    if (node.isIntegralNumber()) {
      if (!node.canConvertToLong()) {
        throw FaunaError.invalidExpression("Integer out of range: " + node.asText());
      }
      return node.asLong();
    }
    if (node.isNumber()) {
      return node.asDouble();
    }
    throw new IllegalStateException("not a scalar: " + node);
  }
}
