package dev.faunaconnect.metrics;

import static com.faunadb.client.query.Language.Obj;
import static com.faunadb.client.query.Language.Value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.faunadb.client.query.Expr;
import dev.faunaconnect.convert.DocumentReader;
import dev.faunaconnect.convert.FaunaDocument;
import dev.faunaconnect.fauna.FaunaGateway;
import dev.faunaconnect.fauna.FaunaQueryException;
import dev.faunaconnect.fauna.FaunaSession;
import dev.faunaconnect.fauna.Page;
import dev.faunaconnect.fauna.RetryPolicy;
import dev.faunaconnect.fixtures.FaunaFixture;
import dev.faunaconnect.localfauna.FaultPlan.Fault;
import dev.faunaconnect.offset.Position;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the real gateway reports to its listener while it reads the local Fauna server through the driver. */
class GatewayReportsTest {
  private final List<String> events = new ArrayList<>();
  private final FaunaReadListener recorder = new FaunaReadListener() {
    @Override
    public void pageRead(String collection, Stream stream, boolean more, long throughTs) {
      events.add("page " + collection + " " + stream + (more ? " more" : " end") + " " + throughTs);
    }

    @Override
    public void retrying(String collection, String error) {
      events.add("retrying " + collection + " " + error.substring(0, "Transient failure".length()));
    }

    @Override
    public void failed(String collection, String error) {
      events.add("failed " + collection + " " + error.substring(0, error.indexOf(' ', 12)));
    }
  };

  private FaunaFixture fixture;
  private FaunaGateway gateway;

  @BeforeEach
  void start() {
    fixture = FaunaFixture.start();
    gateway = new FaunaGateway(FaunaSession.create(fixture.endpoint(), new Password(fixture.fauna().secret()),
        Duration.ofSeconds(10)), new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(5), 2), Duration.ofSeconds(10),
        collection -> new DocumentReader(collection, true, List.of())).observedBy(recorder);
    fixture.createCollection("items", 30L);
    fixture.createTsIndex("items_by_ts", "items");
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void everyPageIsReportedWithItsStreamWhetherMoreFollowAndHowFarItReads() {
    Map<String, Expr> docs = new LinkedHashMap<>();
    for (int i = 1; i <= 5; i++) {
      docs.put(String.valueOf(i), Obj("n", Value(i)));
    }
    long written = fixture.createAll("items", docs);
    long snapshot = gateway.now();
    Page<FaunaDocument> first = gateway.snapshotAfter("items", snapshot, null, 3);
    Page<FaunaDocument> last = gateway.snapshotAfter("items", snapshot, "3", 3);
    long deleted = fixture.delete("items", "2");
    Page<FaunaDocument> changes = gateway.changesAfter("items_by_ts", "items", Position.endOf(snapshot), 10);
    Page<Position> removes = gateway.removesAfter("items", new Position(written, "5"), 10);

    assertEquals(new Position(snapshot, "3"), first.through());
    assertTrue(last.through().ts() >= snapshot && changes.through().ts() >= deleted
        && removes.through().ts() >= deleted, "the last pages read through their read time");
    assertEquals(List.of(new Position(deleted, "2")), removes.items());
    assertEquals(List.of(
        "page items SNAPSHOT more " + snapshot,
        "page items SNAPSHOT end " + last.through().ts(),
        "page items CHANGES end " + changes.through().ts(),
        "page items REMOVES end " + removes.through().ts()), events);
  }

  @Test
  void retriesAreReportedEachAndAQueryGivenUpOnOnce() {
    fixture.fauna().faults().failNext(2, Fault.status(503));
    gateway.changesAfter("items_by_ts", "items", Position.endOf(0), 10);
    assertEquals(List.of("retrying items Transient failure", "retrying items Transient failure", "page items CHANGES end"),
        events.stream().map(e -> e.replaceAll(" [0-9]+$", "")).toList());

    events.clear();
    fixture.fauna().faults().failNext(3, Fault.status(409));
    assertThrows(FaunaQueryException.class, () -> gateway.removesAfter("items", Position.endOf(0), 10));
    assertEquals(List.of("retrying items Transient failure", "retrying items Transient failure", "failed items Gave up after"), events);

    events.clear();
    assertThrows(FaunaQueryException.class, () -> gateway.snapshotAfter("missing", gateway.now(), null, 10));
    assertEquals(1, events.size());
    assertTrue(events.get(0).startsWith("failed missing "), events.get(0));
  }
}
