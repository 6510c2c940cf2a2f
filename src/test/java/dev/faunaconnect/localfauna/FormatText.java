package dev.faunaconnect.localfauna;

import dev.faunaconnect.localfauna.Values.DateValue;
import dev.faunaconnect.localfauna.Values.TimeValue;
import java.time.ZoneOffset;
import java.util.IllegalFormatException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ToString} and {@code Format} (StringFunctions.scala FormatFunction): Java {@code Formatter} specifiers,
 * where {@code %s} prints a value through {@code ToString}, so refs, objects, arrays and sets cannot be printed.
 */
final class FormatText {
  private static final Pattern SPECIFIER =
      Pattern.compile("%(\\d+\\$)?(([-#+ 0,(<]*)?(\\d+)?(\\.\\d+)?([tT])?([a-zA-Z%@^])?)");

  private FormatText() {}

  /** {@code ToString(v)}: scalars as text; anything else is {@code Cannot cast <Type> to String.} */
  static String toText(Object v) {
    if (v instanceof String s) {
      return s;
    }
    if (v == null || v instanceof Long || v instanceof Double || v instanceof Boolean) {
      return String.valueOf(v);
    }
    if (v instanceof TimeValue t) {
      return t.instant().toString();
    }
    if (v instanceof DateValue d) {
      return d.date().toString();
    }
    throw FaunaError.invalidArgument("Cannot cast " + Evaluator.typeName(v) + " to String.");
  }

  /** Formats {@code values}; errors are positioned relative to the Format call at {@code at}. */
  static String format(String fmt, List<Object> values, List<Object> at) {
    StringBuilder out = new StringBuilder();
    Matcher m = SPECIFIER.matcher(fmt);
    int next = 0;
    int i = 0;
    while (i < fmt.length()) {
      if (!m.find(i)) {
        out.append(fmt, i, fmt.length());
        break;
      }
      out.append(fmt, i, m.start());
      i = m.end();
      String conversion = m.group(7);
      String spec = "%" + m.group(2);
      if (m.group(6) == null && ("%".equals(conversion) || "n".equals(conversion))) {
        out.append("%".equals(conversion) ? "%" : System.lineSeparator());
        continue;
      }
      if (m.group(6) == null && (conversion == null || "feEgGdxXosSbB".indexOf(conversion.charAt(0)) < 0)) {
        throw FaunaError.invalidArgument("Invalid conversion format '" + m.group() + "'.")
            .at(Evaluator.append(at, "format"));
      }
      int index;
      if (m.group(1) != null) {
        index = Integer.parseInt(m.group(1).substring(0, m.group(1).length() - 1)) - 1;
        if (index >= values.size()) {
          throw FaunaError.invalidArgument("index must be >= 1 and <= arguments size")
              .at(Evaluator.append(at, "format"));
        }
      } else {
        index = next++;
        if (index >= values.size()) {
          throw FaunaError.invalidArgument("format specifiers count must be <= arguments size")
              .at(Evaluator.append(at, "format"));
        }
      }
      List<Object> valueAt = Evaluator.append(Evaluator.append(at, "values"), index);
      try {
        out.append(print(spec, m.group(6) != null, conversion, values.get(index), valueAt));
      } catch (IllegalFormatException e) {
        throw FaunaError.invalidArgument("Invalid conversion format '" + spec + "'.")
            .at(Evaluator.append(at, "format"));
      }
    }
    return out.toString();
  }

  private static String print(String spec, boolean dateTime, String conversion, Object value, List<Object> at) {
    if (dateTime) {
      if (value instanceof TimeValue t) {
        return String.format(spec, t.instant().atOffset(ZoneOffset.UTC));
      }
      if (value instanceof DateValue d) {
        return String.format(spec, d.date());
      }
      throw expected("Date or Time", value, at);
    }
    return switch (conversion) {
      case "d", "x", "X", "o" -> {
        if (!(value instanceof Long l)) {
          throw expected("Integer", value, at);
        }
        yield String.format(spec, l);
      }
      case "f", "e", "E", "g", "G" -> {
        if (!(value instanceof Double d)) {
          throw expected("Number", value, at);
        }
        yield String.format(spec, d);
      }
      case "b", "B" -> String.format(spec, value);
      case "s", "S" -> {
        try {
          yield String.format(spec, toText(value));
        } catch (FaunaError e) {
          throw e.at(at);
        }
      }
      default -> throw FaunaError.invalidArgument("Invalid conversion format '" + spec + "'.").at(at);
    };
  }

  private static FaunaError expected(String type, Object value, List<Object> at) {
    return FaunaError.invalidArgument(type + " expected, " + Evaluator.typeName(value) + " provided.").at(at);
  }
}
