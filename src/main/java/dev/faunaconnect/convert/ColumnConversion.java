package dev.faunaconnect.convert;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.faunaconnect.config.ColumnSpec;
import dev.faunaconnect.convert.FaunaDocument.ColumnValue;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Date;

/**
 * Converts the value a column's path selected to the column's Connect value. The selected value is what
 * {@link SeedJsonReader} picked out while parsing: a {@code String}, {@code Long}, {@code Double} or {@code Boolean};
 * an {@link Instant} (a {@code @ts}); a {@link LocalDate} (a {@code @date}); a {@link WireRef}; a {@link Tagged}
 * value (bytes, a query or a set, with its text); or a {@link Container} (an object or an array).
 */
final class ColumnConversion {
  private static final JsonFactory JSON = new JsonFactory();

  private ColumnConversion() {}

  /** Bytes, a Query or a SetRef, with the text the seed's table gives it. */
  record Tagged(String kind, String text) {
    static final String BYTES = "bytes";
    static final String QUERY = "a query";
    static final String SET = "a set";
  }

  /** An object or an array, with its seed JSON text when a {@code json} column asked for it (else null). */
  record Container(boolean array, String json) {}

  /** The column's value for what its path selected (null: the path does not exist or leads to null). */
  static ColumnValue convert(ColumnSpec column, Object selected) {
    if (selected == null) {
      return ColumnValue.MISSING;
    }
    Object converted = switch (column.type()) {
      case STRING -> text(selected);
      case INTEGER -> selected instanceof Long ? selected : null;
      case NUMBER -> selected instanceof Long l ? (Object) l.doubleValue() : selected instanceof Double ? selected
          : null;
      case BOOLEAN -> selected instanceof Boolean ? selected : null;
      case TIMESTAMP -> timestamp(selected);
      case DATE -> selected instanceof LocalDate d ? Date.from(d.atStartOfDay(ZoneOffset.UTC).toInstant()) : null;
      case JSON -> json(selected);
    };
    return converted != null ? ColumnValue.of(converted) : ColumnValue.mistyped(describe(selected));
  }

  /** The string the seed's table gives strings, timestamps, dates, bytes, Queries and SetRefs; else null. */
  private static String text(Object selected) {
    if (selected instanceof String s) {
      return s;
    } else if (selected instanceof Instant || selected instanceof LocalDate) {
      return selected.toString();
    }
    return selected instanceof Tagged t ? t.text() : null;
  }

  private static Date timestamp(Object selected) {
    if (selected instanceof Instant instant) {
      return Date.from(instant);
    }
    if (selected instanceof String s) {
      try {
        return Date.from(OffsetDateTime.parse(s).toInstant());
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    return null;
  }

  /** The seed JSON text of any selected value. */
  static String json(Object selected) {
    if (selected instanceof Container c) {
      return c.json();
    }
    StringWriter text = new StringWriter();
    try (JsonGenerator out = JSON.createGenerator(text)) {
      if (selected instanceof WireRef ref) {
        ref.writeSeed(out);
      } else if (selected instanceof Long l) {
        out.writeNumber(l);
      } else if (selected instanceof Double d) {
        out.writeNumber(d);
      } else if (selected instanceof Boolean b) {
        out.writeBoolean(b);
      } else {
        out.writeString(text(selected));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  /** What a selected value is, in the words of error messages. */
  static String describe(Object selected) {
    if (selected instanceof String) {
      return "a string";
    } else if (selected instanceof Long) {
      return "an integer";
    } else if (selected instanceof Double) {
      return "a number";
    } else if (selected instanceof Boolean) {
      return "a boolean";
    } else if (selected instanceof Instant) {
      return "a timestamp";
    } else if (selected instanceof LocalDate) {
      return "a date";
    } else if (selected instanceof WireRef) {
      return "a ref";
    } else if (selected instanceof Tagged t) {
      return t.kind();
    }
    return ((Container) selected).array() ? "an array" : "an object";
  }
}
