package dev.faunaconnect.localfauna;

import static com.faunadb.client.query.Language.Value;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.faunadb.client.types.Codec;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@code @bytes} alphabet (reference TOP-8): both alphabets are read; the server writes URL-safe base64 on
 * request, which faunadb-java decodes, or the real server's standard alphabet, which the driver cannot. The default
 * is {@link LocalFauna#STANDARD_BASE64_BYTES_BY_DEFAULT}; both servers here choose explicitly.
 */
class BytesAlphabetTest {
  @RegisterExtension
  static final LocalFaunaExtension URL_SAFE = new LocalFaunaExtension(b -> b.standardBase64Bytes(false));

  @RegisterExtension
  static final LocalFaunaExtension STANDARD = new LocalFaunaExtension(b -> b.standardBase64Bytes(true));

  private static final byte[] BYTES = {(byte) 0xf8, (byte) 0xff, (byte) 0xfe};

  @Test
  void bothAlphabetsAreReadAndTheUrlSafeChoiceIsWrittenUrlSafe() {
    RawHttp http = new RawHttp(URL_SAFE.endpoint());
    String admin = RawHttp.bearer(URL_SAFE.secret());

    assertEquals("{\"resource\":{\"@bytes\":\"-P_-\"}}", http.post(admin, "{\"@bytes\":\"+P/+\"}").body());
    assertEquals("{\"resource\":{\"@bytes\":\"-P_-\"}}", http.post(admin, "{\"@bytes\":\"-P_-\"}").body());
  }

  @Test
  void theDriverDecodesTheUrlSafeOutput() throws Exception {
    assertArrayEquals(BYTES, URL_SAFE.client().query(Value(BYTES)).get().to(Codec.BYTES).get());
  }

  @Test
  void standardBase64BytesWritesWhatTheRealServerWritesAndTheDriverCannotRead() {
    RawHttp http = new RawHttp(STANDARD.endpoint());

    assertEquals("{\"resource\":{\"@bytes\":\"+P/+\"}}",
        http.post(RawHttp.bearer(STANDARD.secret()), "{\"@bytes\":\"-P_-\"}").body());
    ExecutionException e = assertThrows(ExecutionException.class, () -> STANDARD.client().query(Value(BYTES)).get());
    AssertionError decoding = assertInstanceOf(AssertionError.class, e.getCause());
    assertInstanceOf(IllegalArgumentException.class, decoding.getCause());
  }
}
