package dev.faunaconnect.convert;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Random Fauna documents in the wire JSON the server writes ({@code Get} results): every Fauna type (refs of every
 * kind, {@code @ts} to the nanosecond, {@code @date}, {@code @bytes}, {@code @query}, {@code @set}, objects with
 * {@code @} keys wrapped in {@code @obj}), nested objects and arrays, unicode, longs near 2^63, doubles, and large and
 * empty documents. It records the path of every value it writes, so columns can be chosen that select them.
 */
public final class RandomWire {
  private static final JsonFactory JSON = new JsonFactory();
  private static final String[] NATIVES = {"collections", "databases", "indexes", "functions", "roles",
      "access_providers", "keys", "tokens", "credentials", "widgets"};
  private static final String[] KEYS = {"name", "a.b", "@ref", "@ts", "@obj", "@x", "ключ", "名前", "😀", "",
      "ref", "data", "id", "collection", "0", " spaced ", "quote\"d", "back\\slash", "tab\t"};

  private final Random random;
  /** Whether @bytes are written in the standard alphabet (as the real server does) instead of the URL-safe one. */
  private final boolean standardBytes;
  private final List<List<Object>> paths = new ArrayList<>();

  public RandomWire(Random random, boolean standardBytes) {
    this.random = random;
    this.standardBytes = standardBytes;
  }

  /** The paths of the values the last document holds (from its root, e.g. {@code ["data", "tags", 0]}). */
  public List<List<Object>> paths() {
    return paths;
  }

  /** A document of {@code collection}: {@code {"ref", "ts", "data"?, "ttl"?}}. */
  public String document(String collection) {
    paths.clear();
    StringWriter text = new StringWriter();
    try (JsonGenerator out = JSON.createGenerator(text)) {
      out.writeStartObject();
      out.writeFieldName("ref");
      paths.add(List.of("ref"));
      ref(out, new ArrayList<>(List.of("ref")), String.valueOf(random.nextInt(1_000_000)), collection);
      out.writeNumberField("ts", Math.abs(random.nextLong() >> 10));
      paths.add(List.of("ts"));
      int shape = random.nextInt(20);
      if (shape != 0) {
        out.writeFieldName("data");
        List<Object> path = new ArrayList<>(List.of("data"));
        if (shape == 1) {
          out.writeNull();
        } else if (shape == 2) {
          out.writeStartObject();
          out.writeEndObject();
        } else {
          object(out, path, shape == 3 ? 150 : 1 + random.nextInt(8), 0);
        }
      }
      if (random.nextInt(5) == 0) {
        out.writeFieldName("ttl");
        timestamp(out);
        paths.add(List.of("ttl"));
      }
      out.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  private void value(JsonGenerator out, List<Object> path, int depth) throws IOException {
    paths.add(List.copyOf(path));
    int kind = random.nextInt(depth > 3 ? 11 : 14);
    switch (kind) {
      case 0 -> out.writeString(string());
      case 1 -> out.writeNumber(longValue());
      case 2 -> out.writeNumber(doubleValue());
      case 3 -> out.writeBoolean(random.nextBoolean());
      case 4 -> out.writeNull();
      case 5 -> timestamp(out);
      case 6 -> tagged(out, "@date", LocalDate.ofEpochDay(random.nextInt(3_000_000) - 719_000).toString());
      case 7 -> tagged(out, "@bytes", bytes());
      case 8 -> ref(out, path, String.valueOf(random.nextLong()), null);
      case 9 -> query(out);
      case 10 -> set(out);
      case 11, 12 -> object(out, path, random.nextInt(6), depth + 1);
      default -> array(out, path, depth + 1);
    }
  }

  private void object(JsonGenerator out, List<Object> path, int size, int depth) throws IOException {
    Set<String> keys = new LinkedHashSet<>();
    while (keys.size() < size) {
      keys.add(random.nextInt(3) == 0 ? KEYS[random.nextInt(KEYS.length)] : string());
    }
    boolean wrapped = keys.stream().anyMatch(k -> k.startsWith("@"));
    if (wrapped) {
      out.writeStartObject();
      out.writeFieldName("@obj");
    }
    out.writeStartObject();
    for (String key : keys) {
      out.writeFieldName(key);
      path.add(key);
      value(out, path, depth);
      path.remove(path.size() - 1);
    }
    out.writeEndObject();
    if (wrapped) {
      out.writeEndObject();
    }
  }

  private void array(JsonGenerator out, List<Object> path, int depth) throws IOException {
    out.writeStartArray();
    int size = random.nextInt(6);
    for (long i = 0; i < size; i++) {
      path.add(i);
      value(out, path, depth);
      path.remove(path.size() - 1);
    }
    out.writeEndArray();
  }

  /** A ref of any kind: a document ref, a schema ref, a native root, refs in child databases, odd nestings. */
  private void ref(JsonGenerator out, List<Object> path, String id, String documentOf) throws IOException {
    out.writeStartObject();
    out.writeFieldName("@ref");
    out.writeStartObject();
    out.writeStringField("id", documentOf == null && random.nextInt(4) == 0 ? NATIVES[random.nextInt(NATIVES.length)]
        : id);
    paths.add(append(path, "id"));
    if (documentOf != null) {
      out.writeFieldName("collection");
      nativeChild(out, documentOf, "collections");
      paths.add(append(path, "collection"));
    } else {
      int shape = random.nextInt(5);
      if (shape > 0) {
        out.writeFieldName("collection");
        if (shape == 1) {
          nativeRoot(out, NATIVES[random.nextInt(NATIVES.length)]);
        } else if (shape == 2) {
          nativeChild(out, "c" + random.nextInt(5), "collections");
        } else {
          ref(out, append(path, "collection"), "n" + random.nextInt(9), null);
        }
        paths.add(append(path, "collection"));
      }
      if (random.nextInt(4) == 0) {
        out.writeFieldName("database");
        nativeChild(out, "db" + random.nextInt(3), "databases");
        paths.add(append(path, "database"));
        paths.add(append(append(path, "database"), "id"));
      }
    }
    out.writeEndObject();
    out.writeEndObject();
  }

  private static void nativeRoot(JsonGenerator out, String id) throws IOException {
    out.writeStartObject();
    out.writeFieldName("@ref");
    out.writeStartObject();
    out.writeStringField("id", id);
    out.writeEndObject();
    out.writeEndObject();
  }

  private static void nativeChild(JsonGenerator out, String id, String root) throws IOException {
    out.writeStartObject();
    out.writeFieldName("@ref");
    out.writeStartObject();
    out.writeStringField("id", id);
    out.writeFieldName("collection");
    nativeRoot(out, root);
    out.writeEndObject();
    out.writeEndObject();
  }

  private void timestamp(JsonGenerator out) throws IOException {
    long seconds = random.nextLong() % 100_000_000_000L;
    int nanos = switch (random.nextInt(4)) {
      case 0 -> 0;
      case 1 -> random.nextInt(1000) * 1_000_000;
      case 2 -> random.nextInt(1_000_000) * 1000;
      default -> random.nextInt(1_000_000_000);
    };
    tagged(out, "@ts", Instant.ofEpochSecond(seconds, nanos).toString());
  }

  private static void tagged(JsonGenerator out, String tag, String text) throws IOException {
    out.writeStartObject();
    out.writeStringField(tag, text);
    out.writeEndObject();
  }

  private String bytes() {
    byte[] bytes = new byte[random.nextInt(40)];
    random.nextBytes(bytes);
    return (standardBytes ? Base64.getEncoder() : Base64.getUrlEncoder()).encodeToString(bytes);
  }

  /** A {@code @query} as the server writes it: a lambda whose body is in the request form. */
  private void query(JsonGenerator out) throws IOException {
    out.writeStartObject();
    out.writeFieldName("@query");
    out.writeStartObject();
    out.writeStringField("api_version", "4");
    out.writeStringField("lambda", "x");
    out.writeFieldName("expr");
    out.writeStartObject();
    out.writeFieldName("add");
    out.writeStartArray();
    out.writeStartObject();
    out.writeStringField("var", "x");
    out.writeEndObject();
    out.writeNumber(longValue());
    out.writeNumber(doubleValue());
    out.writeString(string());
    out.writeStartObject();
    out.writeFieldName("object");
    out.writeStartObject();
    out.writeFieldName(string());
    tagged(out, "@ts", "2024-01-01T00:00:00.000Z");
    out.writeEndObject();
    out.writeEndObject();
    out.writeEndArray();
    out.writeEndObject();
    out.writeEndObject();
    out.writeEndObject();
  }

  /** A {@code @set}: a match on an index, with terms of any type. */
  private void set(JsonGenerator out) throws IOException {
    out.writeStartObject();
    out.writeFieldName("@set");
    out.writeStartObject();
    out.writeFieldName("match");
    nativeChild(out, "idx" + random.nextInt(3), "indexes");
    out.writeFieldName("terms");
    List<List<Object>> outer = new ArrayList<>(paths);
    value(out, new ArrayList<>(List.of("terms")), 3);
    paths.clear();
    paths.addAll(outer);
    out.writeEndObject();
    out.writeEndObject();
  }

  private String string() {
    int length = random.nextInt(20) == 0 ? random.nextInt(1000) : random.nextInt(12);
    StringBuilder s = new StringBuilder();
    while (s.length() < length) {
      int kind = random.nextInt(10);
      if (kind < 5) {
        s.append((char) ('a' + random.nextInt(26)));
      } else if (kind == 5) {
        s.append((char) random.nextInt(0x20));
      } else if (kind == 6) {
        s.append("\"\\/");
      } else if (kind == 7) {
        s.appendCodePoint(0x1F600 + random.nextInt(80));
      } else {
        s.append((char) (0xA0 + random.nextInt(0xD000)));
      }
    }
    return s.toString();
  }

  private long longValue() {
    return switch (random.nextInt(5)) {
      case 0 -> Long.MAX_VALUE - random.nextInt(3);
      case 1 -> Long.MIN_VALUE + random.nextInt(3);
      case 2 -> random.nextLong();
      default -> random.nextInt(2000) - 1000;
    };
  }

  private double doubleValue() {
    return switch (random.nextInt(5)) {
      case 0 -> random.nextInt(100);
      case 1 -> Double.longBitsToDouble(random.nextLong() & 0x7FEFFFFFFFFFFFFFL) * (random.nextBoolean() ? 1 : -1);
      case 2 -> random.nextDouble() * 1e-300;
      default -> (random.nextDouble() - 0.5) * 1e6;
    };
  }

  private static List<Object> append(List<Object> path, Object element) {
    List<Object> longer = new ArrayList<>(path);
    longer.add(element);
    return List.copyOf(longer);
  }
}
