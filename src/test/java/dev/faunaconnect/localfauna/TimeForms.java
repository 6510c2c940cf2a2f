package dev.faunaconnect.localfauna;

import dev.faunaconnect.localfauna.Values.DateValue;
import dev.faunaconnect.localfauna.Values.TimeValue;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Time and conversion functions. {@code Now()} is the transaction time. */
final class TimeForms {
  private TimeForms() {}

  static void register(Forms f) {
    f.add("now", c -> TimeValue.ofMicros(c.ctx.txn().ts))
        .add("time", c -> {
          String text = c.stringArg("time");
          return "now".equals(text) ? TimeValue.ofMicros(c.ctx.txn().ts) : new TimeValue(WireCodec.parseTime(text));
        })
        .add("date", c -> new DateValue(WireCodec.parseDate(c.stringArg("date"))))
        .add("epoch unit", TimeForms::epoch)
        .add("to_micros", c -> micros(c, "to_micros"))
        .add("to_millis", c -> Math.floorDiv(micros(c, "to_millis"), 1_000L))
        .add("to_seconds", c -> Math.floorDiv(micros(c, "to_seconds"), 1_000_000L))
        .add("to_time", TimeForms::toTime)
        .add("to_date", TimeForms::toDate)
        .add("to_string", TimeForms::toStringForm)
        .add("to_number", TimeForms::toNumber);
  }

  private static long micros(Call c, String key) {
    Object v = c.arg(key);
    if (v instanceof TimeValue t) {
      return t.micros();
    }
    if (v instanceof DateValue d) {
      return d.date().toEpochDay() * Store.DAY_MICROS;
    }
    throw c.failAt(key, FaunaError.invalidArgument("Time or Date expected, " + Evaluator.typeName(v) + " provided."));
  }

  private static Object epoch(Call c) {
    long n = c.longArg("epoch");
    String unit = c.stringArg("unit");
    Instant base = Instant.EPOCH;
    Instant at = switch (unit) {
      case "day", "days" -> base.plusSeconds(n * 86_400);
      case "half day", "half days" -> base.plusSeconds(n * 43_200);
      case "hour", "hours" -> base.plusSeconds(n * 3_600);
      case "minute", "minutes" -> base.plusSeconds(n * 60);
      case "second", "seconds" -> base.plusSeconds(n);
      case "millisecond", "milliseconds" -> base.plusMillis(n);
      case "microsecond", "microseconds" -> base.plusNanos(n * 1_000L);
      case "nanosecond", "nanoseconds" -> base.plusNanos(n);
      default -> throw c.failAt("unit", FaunaError.invalidArgument("Valid time unit expected, '" + unit + "' provided."));
    };
    return new TimeValue(at);
  }

  private static Object toTime(Call c) {
    Object v = c.arg("to_time");
    if (v instanceof String s) {
      return "now".equals(s) ? TimeValue.ofMicros(c.ctx.txn().ts) : new TimeValue(WireCodec.parseTime(s));
    }
    if (v instanceof TimeValue t) {
      return t;
    }
    if (v instanceof DateValue d) {
      return new TimeValue(d.date().atStartOfDay().toInstant(ZoneOffset.UTC));
    }
    throw c.failAt("to_time", FaunaError.invalidArgument("Cannot cast " + Evaluator.typeName(v) + " to Time."));
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
    throw c.failAt("to_date", FaunaError.invalidArgument("Cannot cast " + Evaluator.typeName(v) + " to Date."));
  }

  private static Object toStringForm(Call c) {
    Object v = c.arg("to_string");
    if (v instanceof String || v instanceof Long || v instanceof Double || v instanceof Boolean) {
      return String.valueOf(v);
    }
    if (v instanceof TimeValue t) {
      return t.instant().toString();
    }
    if (v instanceof DateValue d) {
      return d.date().toString();
    }
    if (v == null) {
      return "null";
    }
    throw c.failAt("to_string", FaunaError.invalidArgument("Cannot cast " + Evaluator.typeName(v) + " to String."));
  }

  private static Object toNumber(Call c) {
    Object v = c.arg("to_number");
    if (v instanceof Long || v instanceof Double) {
      return v;
    }
    if (v instanceof String s) {
      try {
        return Long.parseLong(s);
      } catch (NumberFormatException e) {
        try {
          return Double.parseDouble(s);
        } catch (NumberFormatException e2) {
          throw c.failAt("to_number", FaunaError.invalidArgument("Cannot cast String to Number."));
        }
      }
    }
    throw c.failAt("to_number", FaunaError.invalidArgument("Cannot cast " + Evaluator.typeName(v) + " to Number."));
  }
}
