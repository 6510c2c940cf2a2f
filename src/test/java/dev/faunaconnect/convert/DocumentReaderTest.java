package dev.faunaconnect.convert;

import static dev.faunaconnect.testing.FaunaWire.docRef;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.faunaconnect.config.ColumnSpec;
import dev.faunaconnect.config.ColumnType;
import dev.faunaconnect.convert.FaunaDocument.ColumnValue;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The streaming reader on the values the driver cannot read: {@code @bytes} in the real server's alphabet. */
class DocumentReaderTest {
  private static final List<ColumnSpec> COLUMNS = List.of(
      new ColumnSpec("raw", ColumnType.STRING, List.of("data", "raw"), false),
      new ColumnSpec("raw_json", ColumnType.JSON, List.of("data", "raw"), false),
      new ColumnSpec("list", ColumnType.JSON, List.of("data", "list"), false));

  /** 0xfb 0xff: "+/8=" in the standard alphabet, "-_8=" in the URL-safe one, with or without padding. */
  @ParameterizedTest
  @ValueSource(strings = {"+/8=", "-_8=", "+/8", "-_8"})
  void bytesInEitherAlphabetBecomeUrlSafeBase64WithPadding(String base64) {
    FaunaDocument document = Streamed.document("things", true, COLUMNS, "{\"ref\":" + docRef("1", "things")
        + ",\"ts\":7,\"data\":{\"raw\":{\"@bytes\":\"" + base64 + "\"},\"list\":[{\"@bytes\":\"" + base64 + "\"}],"
        + "\"set\":{\"@set\":{\"match\":{\"@ref\":{\"id\":\"i\",\"collection\":{\"@ref\":{\"id\":\"indexes\"}}}},"
        + "\"terms\":{\"@bytes\":\"" + base64 + "\"}}}}}");
    assertEquals(new FaunaDocument("1", 7, "{\"raw\":\"-_8=\",\"list\":[\"-_8=\"],\"set\":\"{\\\"@set\\\":{\\\"match\\\":"
        + "{\\\"@ref\\\":{\\\"id\\\":\\\"i\\\",\\\"collection\\\":{\\\"@ref\\\":{\\\"id\\\":\\\"indexes\\\"}}}},"
        + "\\\"terms\\\":{\\\"@bytes\\\":\\\"-_8=\\\"}}}\"}",
        List.of(ColumnValue.of("-_8="), ColumnValue.of("\"-_8=\""), ColumnValue.of("[\"-_8=\"]"))), document);
  }

  @ParameterizedTest
  @ValueSource(strings = {"+A==", "-A==", "+A", "-A"})
  void oneByteInEitherAlphabet(String base64) {
    FaunaDocument document = Streamed.document("things", true, List.of(), "{\"ref\":" + docRef("1", "things")
        + ",\"ts\":7,\"data\":{\"raw\":{\"@bytes\":\"" + base64 + "\"}}}");
    assertEquals("{\"raw\":\"-A==\"}", document.data());
  }

  @ParameterizedTest
  @ValueSource(strings = {"+-A=", "a*b=", "-_8=="})
  void bytesInNeitherAlphabetAreRefused(String base64) {
    assertThrows(IllegalArgumentException.class, () -> Streamed.document("things", true, List.of(),
        "{\"ref\":" + docRef("1", "things") + ",\"ts\":7,\"data\":{\"raw\":{\"@bytes\":\"" + base64 + "\"}}}"));
  }
}
