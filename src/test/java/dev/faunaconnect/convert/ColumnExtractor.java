package dev.faunaconnect.convert;

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
import dev.faunaconnect.config.ColumnSpec;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The test oracle (the driver-decoded path the connector used before it parsed answers itself): reads additional
 * columns out of a document. A path is followed as Fauna's {@code Select} follows it: field names in objects, indexes
 * in arrays, and {@code id}, {@code collection} and {@code database} of a ref. A value that is missing, null or of the
 * wrong type gives null for an optional column and a {@link DocumentConversionException} for a required one.
 */
final class ColumnExtractor {
  private static final Map<Class<? extends Value>, String> KINDS = Map.ofEntries(
      Map.entry(StringV.class, "a string"), Map.entry(LongV.class, "an integer"), Map.entry(DoubleV.class, "a number"),
      Map.entry(BooleanV.class, "a boolean"), Map.entry(TimeV.class, "a timestamp"), Map.entry(DateV.class, "a date"),
      Map.entry(RefV.class, "a ref"), Map.entry(ObjectV.class, "an object"), Map.entry(ArrayV.class, "an array"),
      Map.entry(BytesV.class, "bytes"), Map.entry(QueryV.class, "a query"), Map.entry(SetRefV.class, "a set"));

  private ColumnExtractor() {}

  /** The Connect value of the column in this document, or null. */
  static Object extract(ColumnSpec column, Value document, String collection, String documentId) {
    Optional<Value> found = select(document, column.path());
    if (found.isEmpty()) {
      return orFail(column, collection, documentId, "The path " + column.pathText() + " does not exist in document "
          + DocumentConversionException.documentName(collection, documentId));
    }
    Object converted = convert(column, found.get());
    if (converted == null) {
      return orFail(column, collection, documentId, "The value at path " + column.pathText() + " in document "
          + DocumentConversionException.documentName(collection, documentId) + " is " + describe(found.get())
          + ", which column '" + column.name() + "' of type " + column.type().configValue() + " cannot hold");
    }
    return converted;
  }

  private static Object orFail(ColumnSpec column, String collection, String documentId, String problem) {
    if (column.required()) {
      throw new DocumentConversionException(problem + " (column '" + column.name() + "' of collection '" + collection
          + "' is required; make it \"required\": false or fix the document).");
    }
    return null;
  }

  /** Follows the path like {@code Select}; empty when a step is missing or the value found is null. */
  static Optional<Value> select(Value from, List<Object> path) {
    Value current = from;
    for (Object element : path) {
      current = step(current, element);
      if (current == null) {
        return Optional.empty();
      }
    }
    return current instanceof NullV ? Optional.empty() : Optional.of(current);
  }

  private static Value step(Value current, Object element) {
    if (element instanceof String key && current instanceof ObjectV) {
      Map<String, Value> fields = current.to(Codec.OBJECT).get();
      return fields.get(key);
    }
    if (element instanceof Long index && current instanceof ArrayV) {
      List<Value> items = current.to(Codec.ARRAY).get();
      return index < items.size() ? items.get(index.intValue()) : null;
    }
    if (element instanceof String key && current instanceof RefV ref) {
      return switch (key) {
        case "id" -> new StringV(ref.getId());
        case "collection", "class" -> ref.getCollection().orElse(null);
        case "database" -> ref.getDatabase().orElse(null);
        default -> null;
      };
    }
    return null;
  }

  /** The Connect value, or null when the Fauna value has the wrong type for the column. */
  private static Object convert(ColumnSpec column, Value value) {
    return switch (column.type()) {
      case STRING -> FaunaJson.asText(value).orElse(null);
      case INTEGER -> value instanceof LongV ? value.to(Codec.LONG).get() : null;
      case NUMBER -> number(value);
      case BOOLEAN -> value instanceof BooleanV ? value.to(Codec.BOOLEAN).get() : null;
      case TIMESTAMP -> timestamp(value);
      case DATE -> value instanceof DateV ? date(value.to(Codec.DATE).get()) : null;
      case JSON -> FaunaJson.toJsonText(value);
    };
  }

  private static Double number(Value value) {
    if (value instanceof LongV) {
      return value.to(Codec.LONG).get().doubleValue();
    }
    return value instanceof DoubleV ? value.to(Codec.DOUBLE).get() : null;
  }

  private static Date timestamp(Value value) {
    if (value instanceof TimeV) {
      return Date.from(value.to(Codec.TIME).get());
    }
    if (value instanceof StringV) {
      try {
        Instant instant = OffsetDateTime.parse(value.to(Codec.STRING).get()).toInstant();
        return Date.from(instant);
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    return null;
  }

  private static Date date(LocalDate date) {
    return Date.from(date.atStartOfDay(ZoneOffset.UTC).toInstant());
  }

  private static String describe(Value value) {
    return KINDS.entrySet().stream().filter(kind -> kind.getKey().isInstance(value)).map(Map.Entry::getValue)
        .findFirst().orElse("a " + value.getClass().getSimpleName());
  }

}
