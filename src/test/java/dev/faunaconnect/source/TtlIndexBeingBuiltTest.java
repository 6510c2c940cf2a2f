package dev.faunaconnect.source;

import static com.faunadb.client.query.Language.Arr;
import static com.faunadb.client.query.Language.Collection;
import static com.faunadb.client.query.Language.Create;
import static com.faunadb.client.query.Language.CreateIndex;
import static com.faunadb.client.query.Language.Epoch;
import static com.faunadb.client.query.Language.Get;
import static com.faunadb.client.query.Language.Index;
import static com.faunadb.client.query.Language.Now;
import static com.faunadb.client.query.Language.Obj;
import static com.faunadb.client.query.Language.Ref;
import static com.faunadb.client.query.Language.Select;
import static com.faunadb.client.query.Language.ToMicros;
import static com.faunadb.client.query.Language.Value;
import static dev.faunaconnect.source.ReaderHarness.data;
import static dev.faunaconnect.source.ReaderHarness.untilCaughtUp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.faunadb.client.query.Language.TimeUnit;
import com.faunadb.client.types.Codec;
import dev.faunaconnect.fixtures.FaunaFixture;
import dev.faunaconnect.testing.LogCapture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A ttl index that is still being built ({@code active: false}) is treated as not yet there: the reader warns and
 * streams the collection, and picks the index up once it is active, from then on turning expiries into deletes.
 */
class TtlIndexBeingBuiltTest {
  /** More document versions than the server indexes at once: the ttl index is then built in the background. */
  private static final int DOCUMENTS = 140;
  private FaunaFixture fixture;

  @BeforeEach
  void start() {
    fixture = FaunaFixture.start();
    fixture.createCollection("items", 30L);
    fixture.createTsIndex("items_by_ts", "items");
    fixture.createAll("items", ReaderHarness.docs(1, DOCUMENTS));
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void aTtlIndexBeingBuiltWarnsAtStartAndIsUsedOnceActive() {
    long expiry = fixture.query(ToMicros(Now())).to(Codec.LONG).get() + 10 * 60_000_000L;
    long expiring = fixture.query(Create(Ref(Collection("items"), "999"), Obj("data", Obj("n", Value(999)),
        "ttl", Epoch(Value(expiry), TimeUnit.MICROSECOND)))).at("ts").to(Codec.LONG).get();
    fixture.fauna().holdIndexBuilds(true);
    fixture.query(CreateIndex(Obj("name", Value("items_by_ttl"), "source", Collection("items"), "terms", Arr(),
        "values", Arr(Obj("field", Value("ttl")), Obj("field", Value("ref"))))));
    assertFalse(fixture.query(Select(Value("active"), Get(Index("items_by_ttl")))).to(Codec.BOOLEAN).get());

    CollectionReader reader = ReaderHarness.ofItems(fixture, "column", "page.size", "100").reader("items", null);
    List<SourceRecord> all = new ArrayList<>();
    try (LogCapture log = LogCapture.open()) {
      all.addAll(untilCaughtUp(reader));
      assertTrue(log.lines().stream().anyMatch(m -> m.contains("items_by_ttl") && m.contains("being built")),
          "a warning names the index being built: " + log.lines());
    }
    assertEquals(DOCUMENTS + 1, all.size(), "every document is read while the ttl index is built");
    assertTrue(data(all).contains("read 999 " + expiring));

    fixture.fauna().holdIndexBuilds(false);
    fixture.advanceClock(Duration.ofMinutes(11));
    List<String> later = data(untilCaughtUp(reader));
    assertEquals(List.of("delete 999 " + expiry), later, "the expiry, once the index is active");
  }
}
