package dev.faunaconnect.localfauna.conformance;

import static com.faunadb.client.query.Language.Arr;
import static com.faunadb.client.query.Language.Create;
import static com.faunadb.client.query.Language.Date;
import static com.faunadb.client.query.Language.Epoch;
import static com.faunadb.client.query.Language.Equals;
import static com.faunadb.client.query.Language.Now;
import static com.faunadb.client.query.Language.Obj;
import static com.faunadb.client.query.Language.Select;
import static com.faunadb.client.query.Language.Time;
import static com.faunadb.client.query.Language.ToDate;
import static com.faunadb.client.query.Language.ToMicros;
import static com.faunadb.client.query.Language.ToMillis;
import static com.faunadb.client.query.Language.ToNumber;
import static com.faunadb.client.query.Language.ToSeconds;
import static com.faunadb.client.query.Language.ToString;
import static com.faunadb.client.query.Language.ToTime;
import static com.faunadb.client.query.Language.Value;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.faunadb.client.errors.BadRequestException;
import com.faunadb.client.query.Expr;
import com.faunadb.client.types.Value.BooleanV;
import com.faunadb.client.types.Value.DateV;
import com.faunadb.client.types.Value.DoubleV;
import com.faunadb.client.types.Value.LongV;
import com.faunadb.client.types.Value.StringV;
import com.faunadb.client.types.Value.TimeV;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Time, date and conversion functions, after TimeFunctionsSpec and ConversionFunctions.scala. */
class TimeConformanceTest extends ConformanceTest {

  private static TimeV time(String iso) {
    return new TimeV(Instant.parse(iso));
  }

  /** TimeFunctionsSpec "accepts offset date times" and "...without colon separator". */
  @ParameterizedTest
  @CsvSource({
      "1970-01-01T00:00:00Z, 1970-01-01T00:00:00Z",
      "1970-01-01T00:00:00+00:00, 1970-01-01T00:00:00Z",
      "2019-05-27T05:15:48+0000, 2019-05-27T05:15:48Z",
      "2019-05-27T05:15:48+0100, 2019-05-27T04:15:48Z",
      "2019-05-27T05:15:48+02:00, 2019-05-27T03:15:48Z",
      "2020-01-01T00:00Z, 2020-01-01T00:00:00Z",
      "1970-01-01T00:00:00.000000001+00:00, 1970-01-01T00:00:00.000000001Z"})
  void timeReadsIsoTimesWithAnOffset(String text, String utc) {
    assertEquals(time(utc), query(Time(text)));
    assertEquals(new StringV(utc), query(ToString(Time(text))));
  }

  @Test
  void timeNeedsAnOffset() {
    assertError(Time("2019-05-27T05:15:48"), BadRequestException.class, "invalid argument",
        "Cannot cast '2019-05-27T05:15:48' to a time.");
    assertError(Time(Time("1970-01-01T00:00:00Z")), BadRequestException.class, "invalid argument",
        "String expected, Time provided.", "time");
  }

  /** TimeFunctionsSpec "now is stable": Now() and Time("now") are the one transaction time. */
  @Test
  void nowIsTheTransactionTime() {
    String c = newCollection();

    assertEquals(BooleanV.TRUE, query(Equals(Time("now"), Now(), Time("now"))));
    assertEquals(BooleanV.TRUE, query(Equals(ToMicros(Now()),
        Select(Value("ts"), Create(coll(c), Obj())))));
  }

  /** TimeFunctionsSpec "epoch": every unit, singular and plural. */
  @ParameterizedTest
  @CsvSource({
      "-1, day, 1969-12-31T00:00:00Z", "1, days, 1970-01-02T00:00:00Z",
      "-1, half day, 1969-12-31T12:00:00Z", "1, half days, 1970-01-01T12:00:00Z",
      "1, hour, 1970-01-01T01:00:00Z", "-1, minute, 1969-12-31T23:59:00Z", "1, second, 1970-01-01T00:00:01Z",
      "-1, millisecond, 1969-12-31T23:59:59.999Z", "1, microsecond, 1970-01-01T00:00:00.000001Z",
      "-1, nanosecond, 1969-12-31T23:59:59.999999999Z", "2147483648000000, microseconds, 2038-01-19T03:14:08Z"})
  void epochCountsUnitsFromTheEpoch(long n, String unit, String expected) {
    assertEquals(time(expected), query(Epoch(Value(n), Value(unit))));
  }

  @Test
  void epochRejectsUnknownUnitsAndOverflow() {
    assertError(Epoch(Value(0), Value("picosecond")), BadRequestException.class, "invalid argument",
        "Time Unit expected, String provided.", "unit");
    assertError(Epoch(Value(Long.MAX_VALUE), Value("day")), BadRequestException.class, "invalid argument",
        "dates and times must be between -1000000000-01-01T00:00:00Z and +1000000000-12-31T23:59:59.999999999Z");
  }

  /** TimeFunctionsSpec "to_micros/to_millis/to_seconds": a Time, or an Integer of microseconds. */
  @Test
  void toMicrosMillisAndSecondsTruncate() {
    Expr t = Time("2038-01-19T03:14:08.123456789Z");

    assertEquals(new LongV(2147483648123456L), query(ToMicros(t)));
    assertEquals(new LongV(2147483648123L), query(ToMillis(t)));
    assertEquals(new LongV(2147483648L), query(ToSeconds(t)));
    assertEquals(new LongV(2147483648000000L), query(ToMicros(Value(2147483648000000L))));
    assertEquals(new LongV(2147483648000L), query(ToMillis(Value(2147483648000000L))));
    assertEquals(new LongV(2147483648L), query(ToSeconds(Value(2147483648000000L))));
    assertEquals(new LongV(-1), query(ToSeconds(Time("1969-12-31T23:59:59.5Z"))));
    assertError(ToMicros(Value("one")), BadRequestException.class, "invalid argument",
        "Time expected, String provided.", "to_micros");
    assertError(ToMillis(Date("2020-01-01")), BadRequestException.class, "invalid argument",
        "Time expected, Date provided.", "to_millis");
  }

  /** ToTime: an Integer is milliseconds since the epoch (ConversionFunctions.scala). */
  @Test
  void toTimeReadsMillisDatesAndStrings() {
    assertEquals(time("2020-01-01T00:00:00.123Z"), query(ToTime(Value(1577836800123L))));
    assertEquals(time("2020-01-01T00:00:00Z"), query(ToTime(Date("2020-01-01"))));
    assertEquals(time("2020-01-01T00:00:00Z"), query(ToTime(Value("2020-01-01T00:00:00Z"))));
    assertError(ToTime(Value(true)), BadRequestException.class, "invalid argument", "Cannot cast Boolean to Time.");
    assertError(ToTime(Value("tomorrow")), BadRequestException.class, "invalid argument",
        "Cannot cast 'tomorrow' to a time.");
  }

  @Test
  void dateAndToDate() {
    assertEquals(new DateV(LocalDate.of(1970, 1, 1)), query(Date("1970-01-01")));
    assertEquals(new DateV(LocalDate.of(2020, 1, 1)), query(ToDate(Time("2020-01-01T23:59:59Z"))));
    assertEquals(new DateV(LocalDate.of(2020, 1, 1)), query(ToDate(Value("2020-01-01"))));
    assertError(Date("19700101"), BadRequestException.class, "invalid argument",
        "Cannot cast '19700101' to a date.");
    assertError(Date(Date("1970-01-01")), BadRequestException.class, "invalid argument",
        "String expected, Date provided.", "date");
    assertError(ToDate(Value(1)), BadRequestException.class, "invalid argument", "Cannot cast Integer to Date.");
  }

  @Test
  void toStringPrintsScalarsOnly() {
    assertEquals(new StringV("123"), query(ToString(Value(123))));
    assertEquals(new StringV("1.5"), query(ToString(Value(1.5))));
    assertEquals(new StringV("1.0E20"), query(ToString(Value(1e20))));
    assertEquals(new StringV("true"), query(ToString(Value(true))));
    assertEquals(new StringV("null"), query(ToString(com.faunadb.client.query.Language.Null())));
    assertEquals(new StringV("2012-02-01"), query(ToString(Date("2012-02-01"))));
    assertError(ToString(Arr(Value(1))), BadRequestException.class, "invalid argument",
        "Cannot cast Array to String.");
    assertError(ToString(com.faunadb.client.query.Language.Collection("c")), BadRequestException.class,
        "invalid argument", "Cannot cast Collection Ref to String.");
  }

  /** ToNumber parses with NumberFormat: a numeric prefix, and integral values are Integers. */
  @Test
  void toNumberParsesLikeNumberFormat() {
    assertEquals(new LongV(42), query(ToNumber(Value(" 42 "))));
    assertEquals(new DoubleV(1.5), query(ToNumber(Value("1.5"))));
    assertEquals(new LongV(1), query(ToNumber(Value("1.0"))));
    assertEquals(new LongV(12), query(ToNumber(Value("12abc"))));
    assertEquals(new LongV(1000), query(ToNumber(Value("1,000"))));
    assertEquals(new DoubleV(2.5), query(ToNumber(Value(2.5))));
    assertError(ToNumber(Value("abc")), BadRequestException.class, "invalid argument",
        "Cannot cast String to Number.");
    assertError(ToNumber(Value(true)), BadRequestException.class, "invalid argument",
        "Cannot cast Boolean to Number.");
  }
}
