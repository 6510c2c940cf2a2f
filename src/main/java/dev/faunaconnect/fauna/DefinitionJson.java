package dev.faunaconnect.fauna;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.faunadb.client.types.Codec;
import com.faunadb.client.types.Value;
import com.faunadb.client.types.Value.ArrayV;
import com.faunadb.client.types.Value.BooleanV;
import com.faunadb.client.types.Value.DoubleV;
import com.faunadb.client.types.Value.LongV;
import com.faunadb.client.types.Value.NullV;
import com.faunadb.client.types.Value.ObjectV;
import com.faunadb.client.types.Value.RefV;
import com.faunadb.client.types.Value.StringV;
import dev.faunaconnect.convert.WireRef;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * A schema document read by the driver (an index's terms, values or source), as JSON text for messages, in the
 * format of the records' {@code data}: plain objects and arrays, refs as {@code {"id", "type"}}; other special
 * values as the driver writes them.
 */
final class DefinitionJson {
  private static final JsonFactory JSON = new JsonFactory();
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private DefinitionJson() {}

  static String text(Value value) {
    StringWriter text = new StringWriter();
    try (JsonGenerator out = JSON.createGenerator(text)) {
      write(value, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  private static void write(Value value, JsonGenerator out) throws IOException {
    if (value == null || value instanceof NullV) {
      out.writeNull();
    } else if (value instanceof ObjectV) {
      out.writeStartObject();
      for (var field : value.to(Codec.OBJECT).get().entrySet()) {
        out.writeFieldName(field.getKey());
        write(field.getValue(), out);
      }
      out.writeEndObject();
    } else if (value instanceof ArrayV) {
      out.writeStartArray();
      for (Value element : value.to(Codec.ARRAY).get()) {
        write(element, out);
      }
      out.writeEndArray();
    } else if (value instanceof StringV) {
      out.writeString(value.to(Codec.STRING).get());
    } else if (value instanceof LongV) {
      out.writeNumber(value.to(Codec.LONG).get());
    } else if (value instanceof DoubleV) {
      out.writeNumber(value.to(Codec.DOUBLE).get());
    } else if (value instanceof BooleanV) {
      out.writeBoolean(value.to(Codec.BOOLEAN).get());
    } else if (value instanceof RefV ref) {
      wireRef(ref).writeSeed(out);
    } else {
      out.writeString(MAPPER.writeValueAsString(value));
    }
  }

  private static WireRef wireRef(RefV ref) {
    return ref == null ? null : new WireRef(ref.getId(), ref.getCollection().map(DefinitionJson::wireRef)
        .orElse(null), ref.getDatabase().map(DefinitionJson::wireRef).orElse(null));
  }
}
