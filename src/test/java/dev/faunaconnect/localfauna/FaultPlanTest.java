package dev.faunaconnect.localfauna;

import static com.faunadb.client.query.Language.Add;
import static com.faunadb.client.query.Language.Collection;
import static com.faunadb.client.query.Language.Create;
import static com.faunadb.client.query.Language.CreateCollection;
import static com.faunadb.client.query.Language.CreateKey;
import static com.faunadb.client.query.Language.Exists;
import static com.faunadb.client.query.Language.Get;
import static com.faunadb.client.query.Language.Obj;
import static com.faunadb.client.query.Language.Ref;
import static com.faunadb.client.query.Language.Value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.faunadb.client.errors.BadRequestException;
import com.faunadb.client.errors.FaunaException;
import com.faunadb.client.errors.InternalException;
import com.faunadb.client.errors.TooManyRequestsException;
import com.faunadb.client.errors.TransactionContentionException;
import com.faunadb.client.errors.UnavailableException;
import com.faunadb.client.query.Expr;
import com.faunadb.client.types.Codec;
import com.faunadb.client.types.Value;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fault plan, set in-process ({@link FaultPlan}) and at runtime ({@code /local/faults}, {@code /local/clock}):
 * each fault surfaces in faunadb-java exactly as the real server's refusal, dropped connection or slowness would.
 */
class FaultPlanTest {
  @RegisterExtension
  static final LocalFaunaExtension FAUNA = new LocalFaunaExtension();

  private static final Expr FAULTY = Collection("faulty");
  private static final Expr ADD = Add(Value(1L), Value(1L));

  @BeforeAll
  static void schema() throws Exception {
    FAUNA.client().query(CreateCollection(Obj("name", Value("faulty")))).get();
  }

  static Stream<Arguments> statusFaults() {
    return Stream.of(
        Arguments.of(429, TooManyRequestsException.class, "too many requests: Too many pending requests"),
        Arguments.of(503, UnavailableException.class, "time out: Read timed out"),
        Arguments.of(500, InternalException.class, "internal server error: java.lang.IllegalStateException: fault "
            + "injected by the local Fauna fault plan Please create a ticket at https://support.fauna.com"),
        Arguments.of(409, TransactionContentionException.class,
            "contended transaction: Transaction was aborted due to detection of concurrent modification."));
  }

  @ParameterizedTest
  @MethodSource("statusFaults")
  void theNextQueriesAnswerTheStatusWithoutRunning(int status, Class<? extends FaunaException> type, String message)
      throws Exception {
    Expr create = Create(Ref(FAULTY, Integer.toString(status)), Obj());
    FAUNA.faults().failNext(2, FaultPlan.Fault.status(status));

    for (int i = 0; i < 2; i++) {
      FaunaException e = DriverProtocolTest.failure(FAUNA.client(), create);
      assertInstanceOf(type, e);
      assertEquals(status, e.status());
      assertEquals(message, e.getMessage());
      assertEquals(List.of(), e.errors().get(0).position());
    }

    assertEquals(Value(false), FAUNA.client().query(Exists(Ref(FAULTY, Integer.toString(status)))).get());
    assertEquals(2, FAUNA.faults().injected());
  }

  @Test
  void faultAnswersCarryTheRealHeadersAndNoPosition() {
    RawHttp http = new RawHttp(FAUNA.endpoint());
    FAUNA.faults().failNext(1, FaultPlan.Fault.status(429)).failNext(1, FaultPlan.Fault.status(500));

    HttpResponse<String> busy = http.post(RawHttp.bearer(FAUNA.secret()), "{\"add\":[1,1]}");
    assertEquals(429, busy.statusCode());
    assertEquals("{\"errors\":[{\"code\":\"too many requests\",\"description\":\"Too many pending requests\"}]}",
        busy.body());
    assertTrue(busy.headers().firstValue("x-txn-time").isPresent());
    assertTrue(busy.headers().firstValue("x-compute-ops").isPresent());

    HttpResponse<String> broken = http.post(RawHttp.bearer(FAUNA.secret()), "{\"add\":[1,1]}");
    assertEquals(500, broken.statusCode());
    assertTrue(broken.headers().firstValue("x-txn-time").isPresent());
    assertEquals(java.util.Optional.empty(), broken.headers().firstValue("x-compute-ops"));
  }

  @Test
  void aFractionOfQueriesFailsAndTheSameSeedFailsTheSameOnes() throws Exception {
    List<Boolean> first = failures(0.25, 7, 40);
    List<Boolean> second = failures(0.25, 7, 40);

    assertEquals(first, second);
    Random dice = new Random(7);
    long expected = Stream.generate(dice::nextDouble).limit(40).filter(d -> d < 0.25).count();
    long failed = first.stream().filter(f -> f).count();
    assertEquals(expected, failed);
    assertTrue(failed > 0 && failed < 40, "failed " + failed);
  }

  private static List<Boolean> failures(double fraction, long seed, int queries) throws Exception {
    FAUNA.faults().failFraction(fraction, FaultPlan.Fault.status(503), seed);
    List<Boolean> failed = new ArrayList<>();
    for (int i = 0; i < queries; i++) {
      try {
        assertEquals(Value(2L), FAUNA.client().query(ADD).get());
        failed.add(false);
      } catch (ExecutionException e) {
        assertInstanceOf(UnavailableException.class, e.getCause());
        failed.add(true);
      }
    }
    FAUNA.faults().clear();
    return failed;
  }

  @Test
  void aDroppedConnectionSurfacesAsAnIOException() throws Exception {
    FAUNA.faults().failNext(1, FaultPlan.Fault.dropConnection());

    ExecutionException e = assertThrows(ExecutionException.class, () -> FAUNA.client().query(ADD).get());

    assertInstanceOf(IOException.class, e.getCause());
    assertEquals(Value(2L), FAUNA.client().query(ADD).get());
  }

  @Test
  void aDelayedAnswerTimesOutAShorterQueryTimeoutAndOtherwiseArrives() throws Exception {
    FAUNA.faults().failNext(1, FaultPlan.Fault.delay(Duration.ofSeconds(5)));
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> FAUNA.client().query(ADD, Duration.ofMillis(200)).get());
    assertInstanceOf(HttpTimeoutException.class, e.getCause());

    FAUNA.faults().failNext(1, FaultPlan.Fault.delay(Duration.ofMillis(50)));
    assertEquals(Value(2L), FAUNA.client().query(ADD).get());
    assertEquals(2, FAUNA.faults().injected());
  }

  @Test
  void pingIsNeverFaulted() throws Exception {
    FAUNA.faults().failNext(1, FaultPlan.Fault.status(503));

    HttpResponse<String> ping = new RawHttp(FAUNA.endpoint()).get("/ping", null);

    assertEquals(200, ping.statusCode());
    assertEquals(0, FAUNA.faults().injected());
    assertInstanceOf(UnavailableException.class, DriverProtocolTest.failure(FAUNA.client(), ADD));
  }

  @Test
  void faultsCanBeSetAndClearedOverHttpWhileTheServerRuns() throws Exception {
    RawHttp http = new RawHttp(FAUNA.endpoint());
    String admin = RawHttp.bearer(FAUNA.secret());

    HttpResponse<String> set = http.method("POST", "/local/faults", admin,
        "{\"fault\":\"status\",\"status\":429,\"count\":1}");
    assertEquals(200, set.statusCode());
    assertEquals("{\"resource\":{\"injected\":0}}", set.body());
    assertInstanceOf(TooManyRequestsException.class, DriverProtocolTest.failure(FAUNA.client(), ADD));

    http.method("POST", "/local/faults", admin, "{\"fault\":\"drop\",\"fraction\":1.0,\"seed\":3}");
    ExecutionException dropped = assertThrows(ExecutionException.class, () -> FAUNA.client().query(ADD).get());
    assertInstanceOf(IOException.class, dropped.getCause());

    http.method("POST", "/local/faults", admin, "{\"fault\":\"delay\",\"delay_ms\":5000}");
    ExecutionException late = assertThrows(ExecutionException.class,
        () -> FAUNA.client().query(ADD, Duration.ofMillis(200)).get());
    assertInstanceOf(HttpTimeoutException.class, late.getCause());

    assertEquals("{\"resource\":{\"injected\":3}}", http.get("/local/faults", admin).body());

    assertEquals("{\"resource\":{\"injected\":0}}",
        http.method("POST", "/local/faults", admin, "{\"clear\":true}").body());
    assertEquals(Value(2L), FAUNA.client().query(ADD).get());
  }

  @Test
  void theControlEndpointsAreForTheAdminSecretOnly() throws Exception {
    RawHttp http = new RawHttp(FAUNA.endpoint());
    String admin = RawHttp.bearer(FAUNA.secret());
    String key = FAUNA.client().query(CreateKey(Obj("role", Value("server")))).get()
        .at("secret").to(Codec.STRING).get();
    String fault = "{\"fault\":\"status\",\"status\":503}";

    assertEquals(401, http.method("POST", "/local/faults", null, fault).statusCode());
    HttpResponse<String> denied = http.method("POST", "/local/faults", RawHttp.bearer(key), fault);
    assertEquals(403, denied.statusCode());
    assertEquals("{\"errors\":[{\"code\":\"permission denied\","
        + "\"description\":\"Insufficient privileges to perform the action.\"}]}", denied.body());
    HttpResponse<String> teapot = http.method("POST", "/local/faults", admin, "{\"fault\":\"status\",\"status\":418}");
    assertEquals(400, teapot.statusCode());
    assertEquals("{\"errors\":[{\"code\":\"bad request\","
        + "\"description\":\"status faults are 429, 503, 500 or 409, not 418\"}]}", teapot.body());
    assertEquals(400, http.method("POST", "/local/clock", admin, "{not json").statusCode());
    assertEquals(405, http.method("PUT", "/local/clock", admin, "{}").statusCode());
    assertEquals(0, FAUNA.faults().injected());
    assertEquals(Value(2L), FAUNA.client().query(ADD).get());
  }

  @Test
  void theClockEndpointAgesHistoryPastItsRetention() throws Exception {
    FAUNA.client().query(CreateCollection(Obj("name", Value("aging"), "history_days", Value(0L)))).get();
    Expr ref = Ref(Collection("aging"), "1");
    long ts = FAUNA.client().query(Create(ref, Obj())).get().at("ts").to(Codec.LONG).get();
    assertEquals(ref(ref), FAUNA.client().query(Get(ref, Value(Instant.EPOCH.plusNanos(ts * 1000))))
        .get().at("ref"));

    HttpResponse<String> advanced = new RawHttp(FAUNA.endpoint()).method("POST", "/local/clock",
        RawHttp.bearer(FAUNA.secret()), "{\"advance_ms\":" + Duration.ofMinutes(16).toMillis() + "}");
    assertEquals(200, advanced.statusCode());

    FaunaException e = DriverProtocolTest.failure(FAUNA.client(), Get(ref, Value(ts)));
    assertInstanceOf(BadRequestException.class, e);
    String at = Instant.EPOCH.plusNanos(ts * 1000).toString();
    assertTrue(e.getMessage().startsWith("bad request: Requested timestamp " + at
        + " less than minimum allowed timestamp "), e.getMessage());
  }

  private static Value ref(Expr ref) throws Exception {
    return FAUNA.client().query(ref).get();
  }
}
