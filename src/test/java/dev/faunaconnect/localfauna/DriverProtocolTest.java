package dev.faunaconnect.localfauna;

import static com.faunadb.client.query.Language.Abort;
import static com.faunadb.client.query.Language.Arr;
import static com.faunadb.client.query.Language.At;
import static com.faunadb.client.query.Language.Collection;
import static com.faunadb.client.query.Language.Create;
import static com.faunadb.client.query.Language.CreateCollection;
import static com.faunadb.client.query.Language.CreateKey;
import static com.faunadb.client.query.Language.Do;
import static com.faunadb.client.query.Language.Exists;
import static com.faunadb.client.query.Language.Get;
import static com.faunadb.client.query.Language.Now;
import static com.faunadb.client.query.Language.Obj;
import static com.faunadb.client.query.Language.Ref;
import static com.faunadb.client.query.Language.Select;
import static com.faunadb.client.query.Language.ToMicros;
import static com.faunadb.client.query.Language.Value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.faunadb.client.FaunaClient;
import com.faunadb.client.HttpResponses.QueryError;
import com.faunadb.client.errors.BadRequestException;
import com.faunadb.client.errors.FaunaException;
import com.faunadb.client.errors.NotFoundException;
import com.faunadb.client.errors.PermissionDeniedException;
import com.faunadb.client.errors.UnauthorizedException;
import com.faunadb.client.query.Expr;
import com.faunadb.client.types.Codec;
import com.faunadb.client.types.MetricsResponse;
import com.faunadb.client.types.MetricsResponse.Metrics;
import com.faunadb.client.types.Value;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The v4 protocol as faunadb-java sees it: the error envelope and the exception class per status, batches as one
 * transaction, the transaction time the driver tracks, and the metric headers (reference §1.2-§1.4, §4.4, §4.5).
 */
class DriverProtocolTest {
  @RegisterExtension
  static final LocalFaunaExtension FAUNA = new LocalFaunaExtension();

  private static final Expr THINGS = Collection("things");

  @BeforeAll
  static void schema() throws Exception {
    FAUNA.client().query(CreateCollection(Obj("name", Value("things")))).get();
  }

  @Test
  void aMissingDocumentIs404WithTheWholeErrorEnvelope() {
    FaunaException e = failure(FAUNA.client(), Get(Ref(THINGS, "404")));

    assertInstanceOf(NotFoundException.class, e);
    assertEquals(404, e.status());
    assertEquals("instance not found: Document not found.", e.getMessage());
    assertEquals(List.of("[] instance not found: Document not found."), describe(e));
  }

  @Test
  void positionsPointAtTheFailingArgument() {
    assertEquals(List.of("[expr] instance not found: Document not found."),
        describe(failure(FAUNA.client(), At(Now(), Get(Ref(THINGS, "404"))))));
    assertEquals(List.of("[from] value not found: Value not found at path [data,x]."),
        describe(failure(FAUNA.client(), Select(Arr(Value("data"), Value("x")), Obj()))));
  }

  @Test
  void everyStatusHasItsDriverException() throws Exception {
    FaunaException aborted = failure(FAUNA.client(), Abort("boom"));
    assertInstanceOf(BadRequestException.class, aborted);
    assertEquals(List.of("[] transaction aborted: boom"), describe(aborted));

    FaunaException unauthorized = failure(FAUNA.client("not-a-secret"), Now());
    assertInstanceOf(UnauthorizedException.class, unauthorized);
    assertEquals(401, unauthorized.status());
    assertEquals(List.of("[] unauthorized: Unauthorized"), describe(unauthorized));

    String secret = FAUNA.client().query(CreateKey(Obj("role", Value("client")))).get()
        .at("secret").to(Codec.STRING).get();
    FaunaException denied = failure(FAUNA.client(secret), Get(Ref(THINGS, "1")));
    assertInstanceOf(PermissionDeniedException.class, denied);
    assertEquals(List.of("[] permission denied: Insufficient privileges to perform the action."), describe(denied));
  }

  @Test
  void aBatchIsOneTransactionAnsweredInOrder() throws Exception {
    List<Value> created = FAUNA.client().query(List.of(
        Create(Ref(THINGS, "10"), Obj("data", Obj("n", Value(1L)))),
        Create(Ref(THINGS, "11"), Obj("data", Obj("n", Value(2L)))))).get();

    assertEquals(List.of("10", "11"), created.stream().map(v -> v.at("ref").to(Codec.REF).get().getId())
        .collect(Collectors.toList()));
    long ts = created.get(0).at("ts").to(Codec.LONG).get();
    assertEquals(ts, created.get(1).at("ts").to(Codec.LONG).get());
    assertEquals(ts, FAUNA.client().getLastTxnTime());
  }

  @Test
  void aFailingBatchWritesNothingAndPointsAtTheFailingQuery() throws Exception {
    FaunaException e = failure(FAUNA.client(), List.of(Create(Ref(THINGS, "20"), Obj()), Abort("stop")));

    assertInstanceOf(BadRequestException.class, e);
    assertEquals(List.of("[1] transaction aborted: stop"), describe(e));
    assertEquals(Value(false), FAUNA.client().query(Exists(Ref(THINGS, "20"))).get());
  }

  @Test
  void theDriverSendsTheLastTransactionItSawAndReadsNoEarlier() throws Exception {
    long written = FAUNA.client().query(Create(THINGS, Obj())).get().at("ts").to(Codec.LONG).get();
    assertEquals(written, FAUNA.client().getLastTxnTime());

    long now = FAUNA.client().query(ToMicros(Now())).get().to(Codec.LONG).get();
    assertTrue(now > written, now + " <= " + written);
    assertEquals(now, FAUNA.client().getLastTxnTime());
  }

  @Test
  void metricHeadersReportReadsWritesAndTheTransactionTime() throws Exception {
    MetricsResponse writes = FAUNA.client().queryWithMetrics(
        Do(Create(Ref(THINGS, "30"), Obj()), Create(Ref(THINGS, "31"), Obj())), Optional.empty()).get();
    assertEquals(Optional.of("2"), writes.getMetric(Metrics.WRITE_OPS));
    assertEquals(Optional.of("2"), writes.getMetric(Metrics.BYTE_WRITE_OPS));
    assertEquals(Optional.of(Long.toString(writes.getValue().at("ts").to(Codec.LONG).get())),
        writes.getMetric(Metrics.TXN_TIME));

    MetricsResponse read = FAUNA.client().queryWithMetrics(
        Do(Get(Ref(THINGS, "30")), Get(Ref(THINGS, "31")), Get(Ref(THINGS, "30"))), Optional.empty()).get();
    assertEquals(Optional.of("3"), read.getMetric(Metrics.READ_OPS));
    assertEquals(Optional.of("3"), read.getMetric(Metrics.BYTE_READ_OPS));
    assertEquals(Optional.of("0"), read.getMetric(Metrics.WRITE_OPS));
    assertEquals(Optional.of(Long.toString(FAUNA.client().getLastTxnTime())), read.getMetric(Metrics.TXN_TIME));
    for (Metrics metric : Metrics.values()) {
      assertTrue(read.getMetric(metric).isPresent(), metric.getMetric());
    }
  }

  @Test
  void aQueryThatIsNotRunLeavesNoTrace() throws Exception {
    failure(FAUNA.client(), Do(Create(Ref(THINGS, "40"), Obj()), Abort("no")));

    assertFalse(FAUNA.client().query(Exists(Ref(THINGS, "40"))).get().to(Codec.BOOLEAN).get());
  }

  /** Each error as {@code "[position] code: description"}. */
  static List<String> describe(FaunaException e) {
    return e.errors().stream().map(DriverProtocolTest::describe).collect(Collectors.toList());
  }

  private static String describe(QueryError error) {
    return "[" + String.join(",", error.position()) + "] " + error.code() + ": " + error.description();
  }

  static FaunaException failure(FaunaClient client, Expr query) {
    ExecutionException e = assertThrows(ExecutionException.class, () -> client.query(query).get());
    return assertInstanceOf(FaunaException.class, e.getCause());
  }

  static FaunaException failure(FaunaClient client, List<Expr> batch) {
    ExecutionException e = assertThrows(ExecutionException.class, () -> client.query(batch).get());
    return assertInstanceOf(FaunaException.class, e.getCause());
  }
}
