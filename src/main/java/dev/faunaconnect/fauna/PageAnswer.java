package dev.faunaconnect.fauna;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.faunadb.client.types.Value;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer to a page query run with its read time ({@link FaunaQueries#withReadTime}),
 * {@code {"resource":[{"before"?, "after"?, "data":[...]}, <micros>]}}, read once with a streaming parser: the
 * elements (each read by an {@link ElementReader}), the {@code after} cursor (the driver's value, small, to send
 * back as it is; null at the end of the set) and the read time.
 */
record PageAnswer<T>(List<T> items, Value after, long readTime) {
  /** The parser of the answers, whose codec also reads cursors as the driver's values. */
  static final ObjectMapper MAPPER = new ObjectMapper();

  /** Reads one element of {@code data}: the parser stands on its first token and is left on its last. */
  interface ElementReader<T> {
    T read(JsonParser p) throws IOException;
  }

  static <T> PageAnswer<T> read(String body, ElementReader<T> elements) throws IOException {
    try (JsonParser p = MAPPER.createParser(body)) {
      expect(p, p.nextToken(), JsonToken.START_OBJECT);
      PageAnswer<T> answer = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        if ("resource".equals(p.currentName())) {
          p.nextToken();
          answer = resource(p, elements);
        } else {
          p.nextToken();
          p.skipChildren();
        }
      }
      if (answer == null) {
        throw new IOException("the answer has no resource");
      }
      return answer;
    }
  }

  private static <T> PageAnswer<T> resource(JsonParser p, ElementReader<T> elements) throws IOException {
    expect(p, p.currentToken(), JsonToken.START_ARRAY);
    expect(p, p.nextToken(), JsonToken.START_OBJECT);
    List<T> items = new ArrayList<>();
    Value after = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      if ("after".equals(name)) {
        after = p.currentToken() == JsonToken.VALUE_NULL ? null : MAPPER.readValue(p, Value.class);
      } else if ("data".equals(name)) {
        expect(p, p.currentToken(), JsonToken.START_ARRAY);
        while (p.nextToken() != JsonToken.END_ARRAY) {
          items.add(elements.read(p));
        }
      } else {
        p.skipChildren();
      }
    }
    expect(p, p.nextToken(), JsonToken.VALUE_NUMBER_INT);
    long readTime = p.getLongValue();
    expect(p, p.nextToken(), JsonToken.END_ARRAY);
    return new PageAnswer<>(items, after, readTime);
  }

  private static void expect(JsonParser p, JsonToken found, JsonToken wanted) throws IOException {
    if (found != wanted) {
      throw new IOException("expected " + wanted + ", found " + found + " at " + p.currentLocation());
    }
  }
}
