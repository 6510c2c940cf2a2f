package dev.faunaconnect.fauna;

import static com.faunadb.client.query.Language.Obj;
import static com.faunadb.client.query.Language.Value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.faunadb.client.query.Expr;
import dev.faunaconnect.config.ColumnSpec;
import dev.faunaconnect.config.ColumnType;
import dev.faunaconnect.convert.DocumentReader;
import dev.faunaconnect.convert.FaunaDocument;
import dev.faunaconnect.fixtures.FaunaFixture;
import dev.faunaconnect.localfauna.FaultPlan.Fault;
import dev.faunaconnect.offset.Position;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gateway's reads and its error classification, against the local Fauna server through the real driver. */
class FaunaGatewayTest {
  private static final RetryPolicy FAST = new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(5), 3);

  private FaunaFixture fixture;
  private FaunaGateway gateway;

  @BeforeEach
  void start() {
    fixture = FaunaFixture.start();
    gateway = gateway(fixture.fauna().secret(), FAST);
    fixture.createCollection("items", 30L);
    fixture.createTsIndex("items_by_ts", "items");
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  private FaunaGateway gateway(String secret, RetryPolicy retry) {
    return gateway(fixture.endpoint(), secret, retry);
  }

  private static FaunaGateway gateway(String endpoint, String secret, RetryPolicy retry) {
    return new FaunaGateway(FaunaSession.create(endpoint, new Password(secret), Duration.ofSeconds(10)), retry,
        Duration.ofSeconds(10), collection -> new DocumentReader(collection, true,
            List.of(new ColumnSpec("n", ColumnType.INTEGER, List.of("data", "n"), false))));
  }

  private static Map<String, Expr> docs(int from, int to) {
    Map<String, Expr> docs = new LinkedHashMap<>();
    for (int i = from; i <= to; i++) {
      docs.put(String.valueOf(i), Obj("n", Value(i)));
    }
    return docs;
  }

  @Test
  void snapshotPagesReadTheCollectionAtItsTimeAndResumeAfterAnyDocument() {
    long ts = fixture.createAll("items", docs(1, 7));
    long snapshot = gateway.now();
    fixture.create("items", "8", Obj("n", Value(8)));
    fixture.update("items", "3", Obj("n", Value(33)));

    List<String> ids = new ArrayList<>();
    List<Long> values = new ArrayList<>();
    String after = null;
    Page<FaunaDocument> page;
    do {
      page = gateway.snapshotAfter("items", snapshot, after, 3);
      for (FaunaDocument doc : page.items()) {
        after = FaunaGateway.positionOf(doc).ref();
        ids.add(after);
        values.add((Long) doc.columns().get(0).value());
        assertEquals("{\"n\":" + values.get(values.size() - 1) + "}", doc.data());
        assertEquals(ts, FaunaGateway.positionOf(doc).ts());
      }
    } while (page.more());
    assertEquals(List.of("1", "2", "3", "4", "5", "6", "7"), ids);
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L), values);
    assertEquals(List.of("6", "7"), idsOf(gateway.snapshotAfter("items", snapshot, "5", 3).items()));
  }

  @Test
  void changesSharingOneTsAcrossPageBoundariesComeOnceEachFromAnyPosition() {
    long first = fixture.create("items", "100", Obj("n", Value(0)));
    long shared = fixture.createAll("items", docs(1, 9));
    long last = fixture.create("items", "200", Obj("n", Value(0)));
    List<Position> expected = new ArrayList<>();
    expected.add(new Position(first, "100"));
    for (int i = 1; i <= 9; i++) {
      expected.add(new Position(shared, String.valueOf(i)));
    }
    expected.add(new Position(last, "200"));

    for (int size = 1; size <= 4; size++) {
      assertEquals(expected, readChanges(Position.endOf(first - 1), size), "page size " + size);
      for (int i = 0; i < expected.size(); i++) {
        assertEquals(expected.subList(i + 1, expected.size()), readChanges(expected.get(i), size),
            "page size " + size + " after " + expected.get(i));
      }
    }
    assertEquals(expected.subList(1, expected.size()), readChanges(Position.endOf(first), 2));
    assertEquals(List.of(new Position(last, "200")), readChanges(Position.endOf(shared), 2));
  }

  @Test
  void anUpdatedDocumentMovesToItsNewPosition() {
    long created = fixture.createAll("items", docs(1, 3));
    long updated = fixture.update("items", "1", Obj("n", Value(11)));
    assertEquals(List.of(new Position(created, "2"), new Position(created, "3"), new Position(updated, "1")),
        readChanges(Position.endOf(created - 1), 2));
  }

  @Test
  void removesComeInOrderAfterAnyPosition() {
    fixture.createAll("items", docs(1, 6));
    long d2 = fixture.delete("items", "2");
    long d5 = fixture.delete("items", "5");
    fixture.create("items", "7", Obj("n", Value(7)));
    long d1 = fixture.delete("items", "1");
    List<Position> expected = List.of(new Position(d2, "2"), new Position(d5, "5"), new Position(d1, "1"));

    for (int size = 1; size <= 3; size++) {
      assertEquals(expected, readRemoves(Position.endOf(0), size), "page size " + size);
      assertEquals(expected.subList(1, 3), readRemoves(expected.get(0), size));
      assertEquals(expected.subList(2, 3), readRemoves(expected.get(1), size));
      assertEquals(List.of(), readRemoves(expected.get(2), size));
      assertEquals(expected.subList(1, 3), readRemoves(Position.endOf(d2), size));
    }
  }

  @Test
  void listsCollectionsAndHistoryDays() {
    fixture.createCollection("forever", null);
    fixture.createCollection("short", 0L);
    assertEquals(List.of("items", "forever", "short"), gateway.collections());
    assertEquals(OptionalLong.of(30), gateway.historyDays("items"));
    assertEquals(OptionalLong.of(0), gateway.historyDays("short"));
    assertEquals(OptionalLong.empty(), gateway.historyDays("forever"));
  }

  @Test
  void retriesTransientFailuresThenSucceeds() {
    fixture.fauna().faults().failNext(1, Fault.status(503)).failNext(1, Fault.status(429))
        .failNext(1, Fault.dropConnection());
    assertTrue(gateway.now() > 0);
    assertEquals(3, fixture.fauna().faults().injected());
  }

  @Test
  void givesUpAfterTheLastRetry() {
    fixture.fauna().faults().failNext(4, Fault.status(409));
    FaunaQueryException e = assertThrows(FaunaQueryException.class, gateway::now);
    assertEquals(FaunaQueryException.Kind.RETRIES_EXHAUSTED, e.kind());
    assertEquals(4, fixture.fauna().faults().injected());
    assertTrue(e.getMessage().contains("Gave up after 4 attempts"), e.getMessage());
  }

  @Test
  void refusedConnectionsAreRetriedThenReported() throws Exception {
    FaunaGateway nowhere = gateway("http://127.0.0.1:1", "secret", FAST);
    FaunaQueryException e = assertThrows(FaunaQueryException.class, nowhere::now);
    assertEquals(FaunaQueryException.Kind.RETRIES_EXHAUSTED, e.kind());
    assertTrue(e.getMessage().contains("ConnectException"), e.getMessage());
    FaunaQueryException page = assertThrows(FaunaQueryException.class,
        () -> nowhere.snapshotAfter("items", 1, null, 10));
    assertEquals(FaunaQueryException.Kind.RETRIES_EXHAUSTED, page.kind());
    assertTrue(page.getMessage().contains("ConnectException"), page.getMessage());
  }

  @Test
  void pageReadsRetryTransientFailuresThenSucceed() {
    long created = fixture.createAll("items", docs(1, 3));
    long snapshot = gateway.now();
    fixture.fauna().faults().failNext(1, Fault.status(503)).failNext(1, Fault.status(429))
        .failNext(1, Fault.dropConnection());
    assertEquals(List.of("1", "2", "3"), idsOf(gateway.snapshotAfter("items", snapshot, null, 10).items()));
    fixture.fauna().faults().failNext(1, Fault.status(500)).failNext(1, Fault.status(409));
    assertEquals(List.of("2", "3"), idsOf(gateway.changesAfter("items_by_ts", "items",
        new Position(created, "1"), 10).items()));
    assertEquals(5, fixture.fauna().faults().injected());
  }

  @Test
  void pageReadsAreClassifiedWithTheSameKindsAndMessagesAsDriverReads() {
    RetryPolicy once = new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(1), 0);
    FaunaGateway noRetries = gateway(fixture.fauna().secret(), once);
    for (int status : new int[] {409, 429, 500, 503}) {
      fixture.fauna().faults().failNext(1, Fault.status(status));
      FaunaQueryException driver = assertThrows(FaunaQueryException.class, noRetries::collections);
      fixture.fauna().faults().failNext(1, Fault.status(status));
      FaunaQueryException streamed = assertThrows(FaunaQueryException.class,
          () -> noRetries.snapshotAfter("items", 1, null, 10));
      assertEquals(driver.kind(), streamed.kind(), "status " + status);
      assertEquals(withoutElapsed(driver.getMessage().replace("Paginate(Collections(), {size: 1000})", "<query>")),
          withoutElapsed(streamed.getMessage().replace("At(1, Map(Paginate(Documents(Collection(\"items\")), "
              + "{size: 10}), Lambda(\"x\", Get(Var(\"x\")))))", "<query>")), "status " + status);
      assertEquals(driver.getCause().getClass(), streamed.getCause().getClass(), "status " + status);
    }
    FaunaQueryException wrongSecret = assertThrows(FaunaQueryException.class,
        () -> gateway("wrong", FAST).snapshotAfter("items", 1, null, 10));
    assertEquals(FaunaQueryException.Kind.UNAUTHORIZED, wrongSecret.kind());
    assertTrue(wrongSecret.getMessage().startsWith("Fauna rejected the secret in fauna.secret (401 Unauthorized) "
        + "while running At(1, Map(Paginate(Documents(Collection(\"items\"))"), wrongSecret.getMessage());
  }

  @Test
  void aPageThatTakesLongerThanTheQueryTimeoutIsRetried() {
    fixture.createAll("items", docs(1, 2));
    FaunaGateway impatient = new FaunaGateway(FaunaSession.create(fixture.endpoint(),
        new Password(fixture.fauna().secret()), Duration.ofMillis(500)), FAST, Duration.ofMillis(500),
        collection -> new DocumentReader(collection, true, List.of()));
    long snapshot = impatient.now();
    fixture.fauna().faults().failNext(1, Fault.delay(Duration.ofSeconds(8)));
    assertEquals(List.of("1", "2"), idsOf(impatient.snapshotAfter("items", snapshot, null, 10).items()));
    assertEquals(1, fixture.fauna().faults().injected());
  }

  @Test
  void classifiesFatalFailuresWithWhatToFix() {
    FaunaQueryException bad = assertThrows(FaunaQueryException.class, () -> gateway("wrong", FAST).now());
    assertEquals(FaunaQueryException.Kind.UNAUTHORIZED, bad.kind());

    FaunaQueryException missing = assertThrows(FaunaQueryException.class,
        () -> gateway.snapshotAfter("nope", gateway.now(), null, 10));
    assertEquals(FaunaQueryException.Kind.UNKNOWN_COLLECTION, missing.kind());
    assertTrue(missing.getMessage().contains("CreateCollection({name: \"nope\"})"), missing.getMessage());

    FaunaQueryException noIndex = assertThrows(FaunaQueryException.class,
        () -> gateway.changesAfter("nope_by_ts", "items", Position.endOf(0), 10));
    assertEquals(FaunaQueryException.Kind.UNKNOWN_INDEX, noIndex.kind());
    assertTrue(noIndex.getMessage().contains("CreateIndex({name: \"nope_by_ts\", source: Collection(\"items\"), "
        + "terms: [], values: [{field: \"ts\"}, {field: \"ref\"}]})"), noIndex.getMessage());
  }

  @Test
  void aKeyWithoutPrivilegesIsToldWhichToAdd() {
    fixture.query(com.faunadb.client.query.Language.CreateRole(Obj("name", Value("nothing"), "privileges",
        com.faunadb.client.query.Language.Arr(Obj("resource", com.faunadb.client.query.Language.Collections(),
            "actions", Obj("read", Value(true)))))));
    FaunaGateway limited = gateway(fixture.createKey("nothing"), FAST);
    FaunaQueryException e = assertThrows(FaunaQueryException.class,
        () -> limited.changesAfter("items_by_ts", "items", Position.endOf(0), 10));
    assertEquals(FaunaQueryException.Kind.PERMISSION_DENIED, e.kind());
    assertTrue(e.getMessage().contains(SetupFql.grantRead(List.of("Index(\"items_by_ts\")", "Collection(\"items\")"))),
        e.getMessage());
    assertFalse(limited.collections().isEmpty());
  }

  @Test
  void aSnapshotOlderThanTheHistoryKeptExpires() {
    fixture.createCollection("brief", 0L);
    fixture.create("brief", "1", Obj("n", Value(1)));
    long snapshot = gateway.now();
    fixture.fauna().advanceClock(Duration.ofMinutes(16));
    fixture.create("brief", "2", Obj("n", Value(2)));
    FaunaQueryException e = assertThrows(FaunaQueryException.class,
        () -> gateway.snapshotAfter("brief", snapshot, null, 10));
    assertEquals(FaunaQueryException.Kind.SNAPSHOT_EXPIRED, e.kind());
  }

  private List<Position> readChanges(Position from, int size) {
    List<Position> read = new ArrayList<>();
    Position after = from;
    Page<FaunaDocument> page;
    do {
      page = gateway.changesAfter("items_by_ts", "items", after, size);
      page.items().forEach(doc -> read.add(FaunaGateway.positionOf(doc)));
      after = page.through();
    } while (page.more());
    return read;
  }

  private List<Position> readRemoves(Position from, int size) {
    List<Position> read = new ArrayList<>();
    Position after = from;
    Page<Position> page;
    do {
      page = gateway.removesAfter("items", after, size);
      read.addAll(page.items());
      after = page.through();
    } while (page.more());
    return read;
  }

  private static List<String> idsOf(List<FaunaDocument> docs) {
    return docs.stream().map(d -> FaunaGateway.positionOf(d).ref()).toList();
  }

  /** The message without the time the retries took ("Gave up after 1 attempts in 6 ms"), which differs per run. */
  private static String withoutElapsed(String message) {
    return message.replaceFirst(" in [0-9]+ (ms|s)\\. ", " in <elapsed>. ");
  }
}
