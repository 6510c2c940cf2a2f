package dev.faunaconnect.localfauna.conformance;

import static com.faunadb.client.query.Language.Collection;
import static com.faunadb.client.query.Language.CreateCollection;
import static com.faunadb.client.query.Language.Create;
import static com.faunadb.client.query.Language.Get;
import static com.faunadb.client.query.Language.Obj;
import static com.faunadb.client.query.Language.Select;
import static com.faunadb.client.query.Language.Value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.faunadb.client.FaunaClient;
import com.faunadb.client.types.Value;
import com.faunadb.client.types.Value.BytesV;
import dev.faunaconnect.localfauna.LocalFauna;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code @bytes}. The real server writes the standard base64 alphabet with padding (fauna/faunadb
 * {@code ext/model/.../Renderable.scala} {@code writeBytes}: {@code Base64.encodeStandardAscii}; the table below is
 * {@code util/RenderableSpec} "render BytesL") and reads either alphabet ({@code ext/codex/.../util/Base64.scala}
 * {@code decode} maps {@code +/} to {@code -_}; {@code Parser.scala} {@code @bytes}). faunadb-java decodes only the
 * URL-safe alphabet, so the local server writes that unless asked for the real server's output; both choices are
 * pinned here, so flipping the default ({@code LocalFauna.STANDARD_BASE64_BYTES_BY_DEFAULT}) changes no test here.
 */
class BytesConformanceTest {
  private static final byte[] BYTES = {(byte) 0xf8, 0x01, (byte) 0xfe, (byte) 0xff};

  private static LocalFauna standard;
  private static LocalFauna urlSafe;

  @BeforeAll
  static void startServers() {
    standard = LocalFauna.builder().standardBase64Bytes(true).start();
    urlSafe = LocalFauna.builder().standardBase64Bytes(false).start();
  }

  @AfterAll
  static void stopServers() {
    standard.close();
    urlSafe.close();
  }

  private static String bytes(LocalFauna fauna, String base64) {
    return fauna.query("{\"@bytes\":\"" + base64 + "\"}");
  }

  @Test
  void theRealServersOutputIsTheStandardAlphabetWithPadding() {
    String[][] rendered = {{"-A==", "+A=="}, {"-Q==", "+Q=="}, {"-g==", "+g=="}, {"-w==", "+w=="},
        {"_A==", "/A=="}, {"_Q==", "/Q=="}, {"_g==", "/g=="}};
    for (String[] row : rendered) {
      assertEquals("{\"resource\":{\"@bytes\":\"" + row[1] + "\"}}", bytes(standard, row[0]));
      assertEquals("{\"resource\":{\"@bytes\":\"" + row[1] + "\"}}", bytes(standard, row[1]));
    }
  }

  @Test
  void storedBytesComeBackInTheStandardAlphabet() {
    standard.query("{\"create_collection\":{\"object\":{\"name\":\"blobs\"}}}");
    String created = standard.query("{\"select\":[\"ref\",\"id\"],\"from\":{\"create\":{\"collection\":\"blobs\"},"
        + "\"params\":{\"object\":{\"data\":{\"object\":{\"b\":{\"@bytes\":\"-AH-_w==\"}}}}}}}");
    String id = created.replaceAll(".*\"resource\":\"(\\d+)\".*", "$1");
    assertEquals("{\"resource\":{\"@bytes\":\"+AH+/w==\"}}", standard.query("{\"select\":[\"data\",\"b\"],\"from\":"
        + "{\"get\":{\"ref\":{\"collection\":\"blobs\"},\"id\":\"" + id + "\"}}}"));
  }

  /** Reference TOP-8: the driver fails on the real server's bytes with an AssertionError. */
  @Test
  void theDriverCannotReadTheStandardAlphabet() throws Exception {
    FaunaClient client = FaunaDriver.clientFor(standard, standard.secret());
    ExecutionException e = assertThrows(ExecutionException.class, () -> client.query(Value(BYTES)).get());
    assertInstanceOf(AssertionError.class, e.getCause());
    assertInstanceOf(IllegalArgumentException.class, e.getCause().getCause());
  }

  @Test
  void theUrlSafeChoiceIsReadByTheDriver() throws Exception {
    FaunaClient client = FaunaDriver.clientFor(urlSafe, urlSafe.secret());
    assertEquals(new BytesV(BYTES), client.query(Value(BYTES)).get());
    assertEquals("{\"resource\":{\"@bytes\":\"-AH-_w==\"}}", bytes(urlSafe, "+AH+/w=="));
    client.query(CreateCollection(Obj("name", Value("blobs")))).get();
    Value created = client.query(Create(Collection("blobs"), Obj("data", Obj("b", Value(BYTES))))).get();
    assertEquals(new BytesV(BYTES), client.query(Select(Value("data"), Get(created.at("ref")))).get().at("b"));
  }
}
