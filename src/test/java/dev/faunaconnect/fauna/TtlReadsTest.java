package dev.faunaconnect.fauna;

import static com.faunadb.client.query.Language.Arr;
import static com.faunadb.client.query.Language.Collection;
import static com.faunadb.client.query.Language.Create;
import static com.faunadb.client.query.Language.CreateIndex;
import static com.faunadb.client.query.Language.Obj;
import static com.faunadb.client.query.Language.Ref;
import static com.faunadb.client.query.Language.Time;
import static com.faunadb.client.query.Language.Value;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.faunaconnect.convert.DocumentReader;
import dev.faunaconnect.fixtures.FaunaFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The window read of a ttl index, against the local server. */
class TtlReadsTest {
  private FaunaFixture fixture;
  private TtlReads reads;

  @BeforeEach
  void start() {
    fixture = FaunaFixture.start();
    fixture.createCollection("items", 30L);
    fixture.query(CreateIndex(Obj("name", Value("items_by_ttl"), "source", Collection("items"), "terms", Arr(),
        "values", Arr(Obj("field", Value("ttl")), Obj("field", Value("ref"))))));
    reads = new TtlReads(new FaunaGateway(FaunaSession.create(fixture.endpoint(),
        new Password(fixture.fauna().secret()), Duration.ofSeconds(10)),
        new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(5), 3), Duration.ofSeconds(10),
        collection -> new DocumentReader(collection, true, List.of())));
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  /**
   * A ttl between two microseconds belongs to the window that holds the microsecond it is rounded up to (the first
   * transaction time it is gone at): the window after {@code w} holds a ttl of {@code w} + 0.5 µs, the one up to
   * {@code w} does not. (Two windows meeting at {@code w} would otherwise both leave it out, and its expiry be lost.)
   */
  @Test
  void aTtlBetweenTwoMicrosecondsIsInTheWindowOfTheMicrosecondItIsRoundedUpTo() {
    Instant w = Instant.parse("2099-01-01T00:00:00Z");
    long micros = TtlReads.micros(w);
    fixture.query(Create(Ref(Collection("items"), "1"), Obj("data", Obj("n", Value(1)), "ttl",
        Time(Value("2099-01-01T00:00:00.000000500Z")))));
    fixture.query(Create(Ref(Collection("items"), "2"), Obj("data", Obj("n", Value(2)), "ttl",
        Time(Value("2099-01-01T00:00:00Z")))));
    assertEquals(List.of(new TtlReads.Entry(micros, "2")),
        reads.window("items_by_ttl", "items", micros - 10, micros, 10).entries());
    assertEquals(List.of(new TtlReads.Entry(micros + 1, "1")),
        reads.window("items_by_ttl", "items", micros, micros + 10, 10).entries());
  }
}
