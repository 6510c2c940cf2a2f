package dev.faunaconnect.localfauna;

import dev.faunaconnect.localfauna.Values.DateValue;
import dev.faunaconnect.localfauna.Values.TimeValue;
import java.text.DecimalFormat;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;

/**
 * Time and conversion functions (TimeFunctions.scala, ConversionFunctions.scala). {@code Now()} is the transaction
 * time. Conversions that cannot cast report {@code Cannot cast <Type> to <Type>.} at the call itself.
 */
final class TimeForms {
  /** MidstUnit: the units Epoch and the time arithmetic accept, singular or plural, blanks trimmed. */
  private static final Map<String, ChronoUnit> UNITS = Map.ofEntries(
      Map.entry("day", ChronoUnit.DAYS), Map.entry("days", ChronoUnit.DAYS),
      Map.entry("half day", ChronoUnit.HALF_DAYS), Map.entry("half days", ChronoUnit.HALF_DAYS),
      Map.entry("hour", ChronoUnit.HOURS), Map.entry("hours", ChronoUnit.HOURS),
      Map.entry("minute", ChronoUnit.MINUTES), Map.entry("minutes", ChronoUnit.MINUTES),
      Map.entry("second", ChronoUnit.SECONDS), Map.entry("seconds", ChronoUnit.SECONDS),
      Map.entry("millisecond", ChronoUnit.MILLIS), Map.entry("milliseconds", ChronoUnit.MILLIS),
      Map.entry("microsecond", ChronoUnit.MICROS), Map.entry("microseconds", ChronoUnit.MICROS),
      Map.entry("nanosecond", ChronoUnit.NANOS), Map.entry("nanoseconds", ChronoUnit.NANOS));

  private TimeForms() {}

  static void register(Forms f) {
    f.add("now", c -> now(c))
        .add("time", c -> time(c, c.stringArg("time")))
        .add("date", c -> new DateValue(WireCodec.parseDate(c.stringArg("date"))))
        .add("epoch unit", TimeForms::epoch)
        .add("to_micros", c -> timestamp(c, "to_micros").micros())
        .add("to_millis", c -> timestamp(c, "to_millis").instant().toEpochMilli())
        .add("to_seconds", c -> timestamp(c, "to_seconds").instant().getEpochSecond())
        .add("to_time", TimeForms::toTime)
        .add("to_date", TimeForms::toDate)
        .add("to_string", c -> {
          try {
            return FormatText.toText(c.arg("to_string"));
          } catch (FaunaError e) {
            throw c.fail(e);
          }
        })
        .add("to_number", TimeForms::toNumber);
  }

  private static TimeValue now(Call c) {
    return TimeValue.ofMicros(c.ctx.txn().ts);
  }

  /** {@code Time("now")} is the transaction time; anything else must carry an offset. */
  private static TimeValue time(Call c, String text) {
    return "now".equals(text) ? now(c) : new TimeValue(WireCodec.parseTime(text));
  }

  /** {@code Casts.Timestamp}: a Time, or an Integer of microseconds since the epoch. */
  private static TimeValue timestamp(Call c, String key) {
    Object v = c.arg(key);
    if (v instanceof TimeValue t) {
      return t;
    }
    if (v instanceof Long micros) {
      return TimeValue.ofMicros(micros);
    }
    throw c.failAt(key, FaunaError.invalidArgument("Time expected, " + Evaluator.typeName(v) + " provided."));
  }

  private static Object epoch(Call c) {
    long n = c.longArg("epoch");
    String unit = c.stringArg("unit");
    ChronoUnit chrono = UNITS.get(unit.trim());
    if (chrono == null) {
      throw c.failAt("unit", FaunaError.invalidArgument("Time Unit expected, String provided."));
    }
    try {
      return new TimeValue(Instant.EPOCH.plus(n, chrono));
    } catch (ArithmeticException | DateTimeException e) {
      throw c.fail(FaunaError.invalidArgument("dates and times must be between " + Instant.MIN + " and "
          + Instant.MAX));
    }
  }

  /** ToTime: an Integer is milliseconds since the epoch; a Date is its midnight UTC; a String is read as Time. */
  private static Object toTime(Call c) {
    Object v = c.arg("to_time");
    if (v instanceof Long millis) {
      return new TimeValue(Instant.ofEpochMilli(millis));
    }
    if (v instanceof String s) {
      return time(c, s);
    }
    if (v instanceof TimeValue t) {
      return t;
    }
    if (v instanceof DateValue d) {
      return new TimeValue(d.date().atStartOfDay().toInstant(ZoneOffset.UTC));
    }
    throw c.fail(FaunaError.invalidArgument("Cannot cast " + Evaluator.typeName(v) + " to Time."));
  }

  private static Object toDate(Call c) {
    Object v = c.arg("to_date");
    if (v instanceof String s) {
      return new DateValue(WireCodec.parseDate(s));
    }
    if (v instanceof TimeValue t) {
      return new DateValue(LocalDate.ofInstant(t.instant(), ZoneOffset.UTC));
    }
    if (v instanceof DateValue d) {
      return d;
    }
    throw c.fail(FaunaError.invalidArgument("Cannot cast " + Evaluator.typeName(v) + " to Date."));
  }

  /**
   * ToNumber parses with {@code NumberFormat}: the longest numeric prefix, grouping commas allowed, and an integral
   * result (even {@code "1.0"}) is an Integer.
   */
  private static Object toNumber(Call c) {
    Object v = c.arg("to_number");
    if (v instanceof Long || v instanceof Double) {
      return v;
    }
    if (v instanceof String s) {
      NumberFormat format = DecimalFormat.getInstance(Locale.US);
      ParsePosition at = new ParsePosition(0);
      Number n = format.parse(s.trim(), at);
      if (n != null && at.getIndex() > 0) {
        return n instanceof Long ? n : (Object) n.doubleValue();
      }
    }
    throw c.fail(FaunaError.invalidArgument("Cannot cast " + Evaluator.typeName(v) + " to Number."));
  }
}
