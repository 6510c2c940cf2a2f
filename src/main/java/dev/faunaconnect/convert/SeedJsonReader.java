package dev.faunaconnect.convert;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.faunaconnect.convert.ColumnConversion.Tagged;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;

/**
 * Walks one value of Fauna's wire JSON with a streaming parser and, in the same pass, writes it in the seed's format
 * to the generators pushed (none: it is only read) and picks out the values the columns' paths select
 * ({@link ColumnSelection}). The seed's
 * table: refs as {@link WireRef#writeSeed}; {@code @ts} as {@link Instant#toString}; {@code @date} as
 * {@code YYYY-MM-DD}; {@code @bytes} in either base64 alphabet as URL-safe base64 with padding; {@code @query} and
 * {@code @set} as strings holding their wire JSON ({@link WireText}); {@code @obj} unwrapped; the rest as it is.
 * Like the driver, it tells a tagged value by the first key of an object.
 */
final class SeedJsonReader {
  private static final JsonFactory JSON = new JsonFactory();

  private final ColumnSelection columns;
  private JsonGenerator[] outs = new JsonGenerator[4];
  private int outCount;

  SeedJsonReader(ColumnSelection columns) {
    this.columns = columns;
  }

  /** Writes what is read to {@code out} too, until {@link #pop}. */
  void push(JsonGenerator out) {
    if (outCount == outs.length) {
      outs = Arrays.copyOf(outs, outCount * 2);
    }
    outs[outCount++] = out;
  }

  void pop() {
    outs[--outCount] = null;
  }

  /**
   * Reads the value the parser stands on (left on its last token). {@code live} are the columns whose path led here,
   * {@code depth} the number of path elements followed.
   */
  void value(JsonParser p, int[] live, int depth) throws IOException {
    if (outCount == 0 && live.length == 0) {
      p.skipChildren();
      return;
    }
    switch (p.currentToken()) {
      case START_OBJECT -> object(p, live, depth);
      case START_ARRAY -> array(p, live, depth);
      case VALUE_STRING -> string(p, live, depth);
      case VALUE_NUMBER_INT -> {
        long n = p.getLongValue();
        for (int i = 0; i < outCount; i++) {
          outs[i].writeNumber(n);
        }
        columns.select(live, depth, columns.ends(live, depth) ? n : null);
      }
      case VALUE_NUMBER_FLOAT -> {
        double d = p.getDoubleValue();
        for (int i = 0; i < outCount; i++) {
          outs[i].writeNumber(d);
        }
        columns.select(live, depth, columns.ends(live, depth) ? d : null);
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        boolean b = p.currentToken() == JsonToken.VALUE_TRUE;
        for (int i = 0; i < outCount; i++) {
          outs[i].writeBoolean(b);
        }
        columns.select(live, depth, b);
      }
      case VALUE_NULL -> {
        for (int i = 0; i < outCount; i++) {
          outs[i].writeNull();
        }
      }
      default -> throw new IOException("unexpected " + p.currentToken() + " at " + p.currentLocation());
    }
  }

  private void string(JsonParser p, int[] live, int depth) throws IOException {
    if (columns.ends(live, depth)) {
      String s = p.getText();
      writeString(s);
      columns.select(live, depth, s);
    } else {
      for (int i = 0; i < outCount; i++) {
        outs[i].writeString(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
      }
    }
  }

  private void writeString(String s) throws IOException {
    for (int i = 0; i < outCount; i++) {
      outs[i].writeString(s);
    }
  }

  private void object(JsonParser p, int[] live, int depth) throws IOException {
    JsonToken first = p.nextToken();
    if (first == JsonToken.FIELD_NAME && p.currentName().startsWith("@")) {
      String tag = p.currentName();
      if (!"@obj".equals(tag) && tagged(p, tag, live, depth)) {
        return;
      }
      if ("@obj".equals(tag)) {
        p.nextToken();
        expect(p, JsonToken.START_OBJECT);
        p.nextToken();
        fields(p, live, depth);
        skipRest(p);
        return;
      }
    }
    fields(p, live, depth);
  }

  /** A tagged value other than {@code @obj}; false when the tag is none of Fauna's (a plain object, then). */
  private boolean tagged(JsonParser p, String tag, int[] live, int depth) throws IOException {
    Object value;
    switch (tag) {
      case "@ref" -> {
        p.nextToken();
        WireRef ref = WireRef.readBody(p);
        skipRest(p);
        for (int i = 0; i < outCount; i++) {
          ref.writeSeed(outs[i]);
        }
        columns.selectInRef(live, depth, ref);
        return true;
      }
      case "@ts" -> value = Instant.from(DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(nextText(p)));
      case "@date" -> value = LocalDate.parse(nextText(p));
      case "@bytes" -> value = new Tagged(Tagged.BYTES, Base64.getUrlEncoder().encodeToString(bytes(nextText(p))));
      case "@query" -> {
        p.nextToken();
        value = new Tagged(Tagged.QUERY, WireText.query(p));
      }
      case "@set" -> {
        p.nextToken();
        value = new Tagged(Tagged.SET, WireText.set(p));
      }
      default -> {
        return false;
      }
    }
    skipRest(p);
    writeString(value instanceof Tagged t ? t.text() : value.toString());
    columns.select(live, depth, value);
    return true;
  }

  /** Bytes in either base64 alphabet: the real server writes the standard one, the driver the URL-safe one. */
  static byte[] bytes(String base64) {
    boolean standard = base64.indexOf('+') >= 0 || base64.indexOf('/') >= 0;
    return (standard ? Base64.getDecoder() : Base64.getUrlDecoder()).decode(base64);
  }

  private static String nextText(JsonParser p) throws IOException {
    expect(p.nextToken() == JsonToken.VALUE_STRING, p, "a string");
    return p.getText();
  }

  /** The fields of a plain object, from the parser's current token (a FIELD_NAME or the END_OBJECT). */
  private void fields(JsonParser p, int[] live, int depth) throws IOException {
    StringWriter[] texts = pushJsonTargets(live, depth);
    for (int i = 0; i < outCount; i++) {
      outs[i].writeStartObject();
    }
    while (p.currentToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      for (int i = 0; i < outCount; i++) {
        outs[i].writeFieldName(name);
      }
      p.nextToken();
      value(p, live.length == 0 ? ColumnSelection.NONE : columns.next(live, depth, name), depth + 1);
      p.nextToken();
    }
    expect(p, JsonToken.END_OBJECT);
    for (int i = 0; i < outCount; i++) {
      outs[i].writeEndObject();
    }
    popJsonTargets(live, depth, texts, false);
  }

  private void array(JsonParser p, int[] live, int depth) throws IOException {
    StringWriter[] texts = pushJsonTargets(live, depth);
    for (int i = 0; i < outCount; i++) {
      outs[i].writeStartArray();
    }
    long index = 0;
    while (p.nextToken() != JsonToken.END_ARRAY) {
      value(p, live.length == 0 ? ColumnSelection.NONE : columns.next(live, depth, index), depth + 1);
      index++;
    }
    for (int i = 0; i < outCount; i++) {
      outs[i].writeEndArray();
    }
    popJsonTargets(live, depth, texts, true);
  }

  /** A generator for each {@code json} column whose path ends at this container, which it writes too. */
  private StringWriter[] pushJsonTargets(int[] live, int depth) throws IOException {
    StringWriter[] texts = null;
    for (int n = 0; n < live.length; n++) {
      if (columns.wantsJson(live[n], depth)) {
        if (texts == null) {
          texts = new StringWriter[live.length];
        }
        texts[n] = new StringWriter();
        push(JSON.createGenerator(texts[n]));
      }
    }
    return texts;
  }

  private void popJsonTargets(int[] live, int depth, StringWriter[] texts, boolean array) throws IOException {
    for (int n = live.length - 1; n >= 0; n--) {
      if (texts != null && texts[n] != null) {
        JsonGenerator out = outs[outCount - 1];
        pop();
        out.close();
      }
    }
    columns.selectContainer(live, depth, array, texts);
  }

  /** Skips what is left of the object the parser is in, up to its END_OBJECT. */
  static void skipRest(JsonParser p) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      p.nextToken();
      p.skipChildren();
    }
    expect(p, JsonToken.END_OBJECT);
  }

  private static void expect(JsonParser p, JsonToken token) throws IOException {
    expect(p.currentToken() == token, p, token.toString());
  }

  private static void expect(boolean ok, JsonParser p, String what) throws IOException {
    if (!ok) {
      throw new IOException("expected " + what + ", found " + p.currentToken() + " at " + p.currentLocation());
    }
  }
}
