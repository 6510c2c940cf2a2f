package dev.faunaconnect.it;

import static com.faunadb.client.query.Language.Arr;
import static com.faunadb.client.query.Language.Collection;
import static com.faunadb.client.query.Language.Create;
import static com.faunadb.client.query.Language.CreateIndex;
import static com.faunadb.client.query.Language.Epoch;
import static com.faunadb.client.query.Language.Now;
import static com.faunadb.client.query.Language.Obj;
import static com.faunadb.client.query.Language.Ref;
import static com.faunadb.client.query.Language.ToMicros;
import static com.faunadb.client.query.Language.Value;
import static dev.faunaconnect.it.Expected.assertTopic;

import com.fasterxml.jackson.databind.JsonNode;
import com.faunadb.client.query.Language.TimeUnit;
import com.faunadb.client.types.Codec;
import dev.faunaconnect.testing.LocalFaunaOnly;
import dev.faunaconnect.testing.UsesFaunaBackend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On a Connect worker with the packaged plugin: documents that expire by ttl arrive as deletes (the deletes-column
 * record at the ttl, then the tombstone), both while the connector streams and while it is stopped.
 */
@UsesFaunaBackend
class TtlIT {
  private static final long MINUTE_MICROS = 60_000_000L;
  private static ConnectHarness harness;

  @BeforeAll
  static void start() {
    harness = ConnectHarness.start("ttl-it");
  }

  @AfterAll
  static void stop() {
    if (harness != null) {
      harness.close();
    }
  }

  private static Written.Write createWithTtl(String id, JsonNode data, long ttl) {
    long ts = harness.fauna.query(Create(Ref(Collection("leases"), id), Obj("data", Docs.expr(data), "ttl",
        Epoch(Value(ttl), TimeUnit.MICROSECOND)))).at("ts").to(Codec.LONG).get();
    return new Written.Write("create", id, ts, data);
  }

  private static List<Expected> expiry(String id, long ttl) {
    Written.Write expired = new Written.Write("delete", id, ttl, null);
    return List.of(Expected.delete(expired), Expected.tombstone(expired));
  }

  @Test
  @LocalFaunaOnly("moves the server's clock so that documents expire")
  void expiriesWhileStreamingAndWhileStoppedArriveAsDeletes() throws Exception {
    harness.fauna.createCollection("leases", 30L);
    harness.fauna.createTsIndex("leases_by_ts", "leases");
    harness.fauna.query(CreateIndex(Obj("name", Value("leases_by_ttl"), "source", Collection("leases"),
        "terms", Arr(), "values", Arr(Obj("field", Value("ttl")), Obj("field", Value("ref"))))));
    long now = harness.fauna.query(ToMicros(Now())).to(Codec.LONG).get();
    Written leases = new Written(harness.fauna, "leases");
    List<Expected> expected = new ArrayList<>();
    leases.createAll(Map.of("1", Docs.sample("lease 1", 1))).forEach(w -> expected.add(Expected.read(w)));
    expected.add(Expected.read(createWithTtl("2", Docs.sample("lease 2", 2), now + 10 * MINUTE_MICROS)));
    expected.add(Expected.read(createWithTtl("3", Docs.sample("lease 3", 3), now + 25 * MINUTE_MICROS)));
    harness.createTopics("ttl.leases");
    harness.startConnector("ttl", 1, harness.config("collections", "leases", "topic.prefix", "ttl.",
        "deletes.mode", "column_and_tombstone"));
    assertTopic(expected, harness.awaitRecords("ttl.leases", 3), "leases");

    harness.fauna.advanceClock(Duration.ofMinutes(15)); // 2 expires while the connector streams
    expected.addAll(expiry("2", now + 10 * MINUTE_MICROS));
    assertTopic(expected, harness.awaitRecords("ttl.leases", expected.size()), "leases");

    harness.connect.stopConnector("ttl");
    harness.connect.assertions().assertConnectorIsStopped("ttl", "the connector did not stop");
    // 3 expires while it is stopped (the clock moves less than an hour in all: Kafka refuses record timestamps
    // more than message.timestamp.after.max.ms, an hour, ahead of the broker's clock)
    harness.fauna.advanceClock(Duration.ofMinutes(15));
    Written.Write changed = leases.update("1", Docs.json("{'name': 'lease 1, renewed'}"));
    harness.connect.resumeConnector("ttl");
    expected.addAll(expiry("3", now + 25 * MINUTE_MICROS));
    expected.add(Expected.upsert(changed));
    assertTopic(expected, harness.awaitRecords("ttl.leases", expected.size()), "leases");
    Thread.sleep(2_000); // nothing more follows: no expiry twice, no spurious delete
    assertTopic(expected, harness.readAll("ttl.leases"), "leases");
    harness.connect.deleteConnector("ttl");
  }
}
