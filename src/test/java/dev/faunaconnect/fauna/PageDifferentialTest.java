package dev.faunaconnect.fauna;

import static com.faunadb.client.query.Language.Collection;
import static com.faunadb.client.query.Language.Create;
import static com.faunadb.client.query.Language.Obj;
import static com.faunadb.client.query.Language.Ref;
import static dev.faunaconnect.convert.StreamingDifferentialTest.config;
import static dev.faunaconnect.convert.StreamingDifferentialTest.oracle;
import static dev.faunaconnect.convert.StreamingDifferentialTest.outcome;
import static dev.faunaconnect.convert.StreamingDifferentialTest.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.faunadb.client.query.Expr;
import com.faunadb.client.types.Codec;
import com.faunadb.client.types.Value;
import com.faunadb.client.types.Value.NullV;
import dev.faunaconnect.config.FaunaSourceConfig;
import dev.faunaconnect.convert.DocumentReader;
import dev.faunaconnect.convert.FaunaDocument;
import dev.faunaconnect.convert.RandomWire;
import dev.faunaconnect.convert.StreamingDifferentialTest;
import dev.faunaconnect.fixtures.FaunaFixture;
import dev.faunaconnect.localfauna.LocalFauna;
import dev.faunaconnect.testing.FaunaWire;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;

/**
 * Random documents of every Fauna type written to the local server and read back as snapshot pages: each page's
 * answer, the same bytes, is read by the streaming path and decoded by the driver (the oracle); the records of every
 * document, with random additional columns, must be equal. The seed is in every failure message.
 */
class PageDifferentialTest {
  private static final int DOCUMENTS = Integer.getInteger("differential.server.documents", 300);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void pagesReadBackFromTheServerGiveTheDriversRecords() throws Exception {
    long seed = Long.getLong("differential.seed", System.nanoTime());
    Random random = new Random(seed + 1);
    RandomWire wire = new RandomWire(new Random(seed), false);
    List<List<Object>> paths = new ArrayList<>();
    int written = 0;
    // The oracle reads through the driver, which decodes only URL-safe @bytes.
    try (FaunaFixture fixture = FaunaFixture.start(LocalFauna.builder().standardBase64Bytes(false))) {
      fixture.createCollection("things", 30L);
      for (int i = 0; i < 3; i++) {
        // RandomWire's sets match Index("idx0".."idx2"): the server refuses a document whose set names no index
        fixture.createTsIndex("idx" + i, "things");
      }
      for (int i = 0; i < DOCUMENTS; i++) {
        String document = wire.document("things");
        Value data = FaunaWire.value(document).at("data");
        Expr fields = data.getOptional().isPresent() && !(data instanceof NullV) ? Obj("data", data) : Obj();
        try {
          fixture.query(Create(Ref(Collection("things"), String.valueOf(i + 1)), fields));
          paths.addAll(wire.paths());
          written++;
        } catch (IllegalStateException refused) {
          // a value the server does not store (a ref to a collection that does not exist, say): not read back
        }
      }
      assertTrue(written > DOCUMENTS / 2, "seed " + seed + ": the server took only " + written + " documents");
      assertEquals(written, compareAllPages(fixture, seed, random, paths), "seed " + seed);
    }
  }

  /** Reads every page; compares each document's records; returns how many documents were read. */
  private static int compareAllPages(FaunaFixture fixture, long seed, Random random, List<List<Object>> paths)
      throws Exception {
    FaunaSession session = FaunaSession.create(fixture.endpoint(), new Password(fixture.fauna().secret()),
        Duration.ofSeconds(30));
    long snapshot = FaunaClients.query(session.client(), FaunaQueries.now().expr()).to(Codec.LONG).get();
    Expr cursor = null;
    int read = 0;
    do {
      String columns = StreamingDifferentialTest.columns(random, paths);
      FaunaSourceConfig config = config(columns, random.nextInt(4) != 0);
      String body = session.send(FaunaQueries.withReadTime(FaunaQueries.snapshotPage("things",
          snapshot, null, cursor, 1 + random.nextInt(60))), Duration.ofSeconds(5));
      PageAnswer<FaunaDocument> streamed = PageAnswer.read(body,
          DocumentReader.of(config, config.settingsFor("things")).session()::read);
      List<Value> decoded = MAPPER.treeToValue(MAPPER.readTree(body).get("resource"), Value.class).at(0)
          .at("data").collect(Value.class).stream().toList();
      assertEquals(decoded.size(), streamed.items().size(), "seed " + seed);
      for (int i = 0; i < decoded.size(); i++) {
        Value document = decoded.get(i);
        FaunaDocument document2 = streamed.items().get(i);
        assertEquals(outcome(() -> oracle(config, document)), outcome(() -> record(config, document2)),
            "seed " + seed + ", columns " + columns + ", page " + body);
      }
      read += decoded.size();
      cursor = streamed.after();
    } while (cursor != null);
    return read;
  }
}
