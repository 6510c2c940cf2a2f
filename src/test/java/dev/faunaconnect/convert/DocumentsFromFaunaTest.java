package dev.faunaconnect.convert;

import static com.faunadb.client.query.Language.Arr;
import static com.faunadb.client.query.Language.Collection;
import static com.faunadb.client.query.Language.Create;
import static com.faunadb.client.query.Language.Get;
import static com.faunadb.client.query.Language.Index;
import static com.faunadb.client.query.Language.Lambda;
import static com.faunadb.client.query.Language.Obj;
import static com.faunadb.client.query.Language.Query;
import static com.faunadb.client.query.Language.Ref;
import static com.faunadb.client.query.Language.Role;
import static com.faunadb.client.query.Language.Value;
import static com.faunadb.client.query.Language.Var;
import static dev.faunaconnect.testing.FaunaWire.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.faunadb.client.types.Codec;
import com.faunadb.client.types.Value;
import dev.faunaconnect.config.FaunaSourceConfig;
import dev.faunaconnect.fauna.FaunaGateway;
import dev.faunaconnect.localfauna.LocalFauna;
import dev.faunaconnect.localfauna.SampleData;
import dev.faunaconnect.testing.FaunaAdmin;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Documents written to the local Fauna server through the real driver and read back by the connector's streaming path
 * (and by the driver, for the oracle), converted end to end.
 */
class DocumentsFromFaunaTest {
  private static LocalFauna fauna;
  private static FaunaAdmin admin;

  @BeforeAll
  static void start() {
    fauna = LocalFauna.start();
    SampleData.load(fauna);
    admin = new FaunaAdmin(fauna);
  }

  @AfterAll
  static void stop() {
    fauna.close();
  }

  @Test
  void aSampleOrderBecomesTheExpectedRecord() {
    Value order = admin.query(Get(Ref(Collection("orders"), "201")));
    FaunaSourceConfig config = new FaunaSourceConfig(Map.of("fauna.endpoint", fauna.endpoint(),
        "fauna.secret", fauna.secret(), "collection.orders.columns", "["
            + "{\"name\":\"customer\",\"type\":\"string\",\"path\":[\"data\",\"customer\",\"id\"],\"required\":true},"
            + "{\"name\":\"placed_at\",\"type\":\"timestamp\",\"path\":[\"data\",\"placed_at\"]},"
            + "{\"name\":\"city\",\"type\":\"string\",\"path\":[\"data\",\"shipping\",\"address\",\"city\"]},"
            + "{\"name\":\"items\",\"type\":\"integer\",\"path\":[\"data\",\"items\"]},"
            + "{\"name\":\"receipt\",\"type\":\"json\",\"path\":[\"data\",\"receipt\"]}]"));
    RecordBuilder builder = new RecordBuilder(config, config.settingsFor("orders"));
    SourceRecord record = builder.document(Map.of("collection", "orders"), Map.of("ts", 1L),
        streamed(config, "orders", "201"), RecordBuilder.OP_READ);
    long ts = order.at("ts").to(Codec.LONG).get();
    Struct expected = new Struct(builder.valueSchema()).put("ref", "201").put("ts", ts)
        .put("data", "{\"customer\":{\"id\":\"101\",\"collection\":\"customers\",\"type\":\"document\"},"
            + "\"total\":129.5,\"items\":3,\"placed_at\":\"2024-05-01T10:15:30.123456Z\","
            + "\"receipt\":\"aGVsbG8gd29ybGQ=\",\"shipping\":{\"method\":\"express\",\"address\":{\"city\":\"London\"}}}")
        .put("customer", "101").put("placed_at", Date.from(Instant.parse("2024-05-01T10:15:30.123Z")))
        .put("city", "London").put("items", 3L).put("receipt", "\"aGVsbG8gd29ybGQ=\"");
    assertEquals(expected, record.value());
    assertEquals(ts / 1000, record.timestamp());
  }

  @Test
  void everyStorableFaunaTypeSurvivesTheRoundTrip() {
    admin.createCollection("kinds");
    Value created = admin.query(Create(Collection("kinds"), Obj("data", Obj(Map.of(
        "doc", Ref(Collection("customers"), "102"),
        "coll", Collection("customers"),
        "idx", Index("customers_by_ts"),
        "role", Role("kafka-connect-readonly"),
        "when", Value(Instant.parse("2024-06-11T08:00:00.000001Z")),
        "day", Value(LocalDate.parse("2024-02-29")),
        "bytes", Value(new byte[] {(byte) 0xfb, (byte) 0xff}),
        "fn", Query(Lambda("x", Var("x"))),
        "list", Arr(Value(1), Value(2.5), Value("s"), Value(true), Arr(Collection("orders"))))))));
    Value document = admin.query(Get(created.at("ref")));
    assertEquals(json("{'doc':{'id':'102','collection':'customers','type':'document'},"
            + "'coll':{'id':'customers','type':'collection'},"
            + "'idx':{'id':'customers_by_ts','type':'index'},"
            + "'role':{'id':'kafka-connect-readonly','type':'role'},"
            + "'when':'2024-06-11T08:00:00.000001Z','day':'2024-02-29','bytes':'-_8=',"
            + "'fn':'{\\'@query\\':{\\'api_version\\':\\'4\\',\\'lambda\\':\\'x\\',\\'expr\\':{\\'var\\':\\'x\\'}}}',"
            + "'list':[1,2.5,'s',true,[{'id':'orders','type':'collection'}]]}"),
        FaunaJson.toJson(document.at("data")));
    FaunaSourceConfig config = new FaunaSourceConfig(Map.of("fauna.endpoint", fauna.endpoint(),
        "fauna.secret", fauna.secret()));
    String id = created.at("ref").to(Codec.REF).get().getId();
    assertEquals(FaunaJson.toJson(document.at("data")), json(streamed(config, "kinds", id).data()));
  }

  /** The document as the connector reads it: a snapshot page, parsed by the streaming path. */
  private static FaunaDocument streamed(FaunaSourceConfig config, String collection, String id) {
    FaunaGateway gateway = FaunaGateway.create(config);
    return gateway.snapshotAfter(collection, gateway.now(), null, 1000).items().stream()
        .filter(d -> d.id().equals(id)).findFirst().orElseThrow();
  }
}
