package dev.faunaconnect.convert;

import static dev.faunaconnect.testing.FaunaWire.docRef;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.faunaconnect.config.FaunaSourceConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class RecordBuilderTest {
  private static final Map<String, ?> PARTITION = Map.of("collection", "orders");
  private static final Map<String, ?> OFFSET = Map.of("v", 1L, "phase", "streaming", "ts", 1714558530123456L);
  private static final String COLUMNS = "[{\"name\":\"customer\",\"type\":\"string\",\"path\":[\"data\",\"customer\","
      + "\"id\"],\"required\":true},{\"name\":\"total\",\"type\":\"number\",\"path\":[\"data\",\"total\"]},"
      + "{\"name\":\"placed_at\",\"type\":\"timestamp\",\"path\":[\"data\",\"placed_at\"]},"
      + "{\"name\":\"coupon\",\"type\":\"string\",\"path\":[\"data\",\"coupon\"]}]";
  private static final String ORDER = ("{\"ref\":" + docRef("201", "orders") + ",\"ts\":1714558530123456,"
      + "\"data\":{\"customer\":" + docRef("101", "customers") + ",\"total\":129.5,"
      + "\"placed_at\":{\"@ts\":\"2024-05-01T10:15:30.123456Z\"},\"receipt\":{\"@bytes\":\"aGk=\"}}}");

  private static final Schema KEY = SchemaBuilder.struct().name("dev.faunaconnect.orders.Key")
      .doc("The id of a document of the Fauna collection 'orders'.")
      .field("ref", SchemaBuilder.string().doc("The document id.").build())
      .build();

  @Test
  void documentRecordHasKeyValueTopicTimestampHeadersAndTheGivenOffsets() {
    RecordBuilder builder = builder(Map.of("collection.orders.columns", COLUMNS));
    SourceRecord record = builder.document(PARTITION, OFFSET, read(Map.of("collection.orders.columns", COLUMNS), ORDER),
        RecordBuilder.OP_UPSERT);

    Schema valueSchema = valueSchema(true, List.of(
        field("customer", Schema.OPTIONAL_STRING_SCHEMA), field("total", Schema.OPTIONAL_FLOAT64_SCHEMA),
        field("placed_at", Timestamp.builder().optional().build()), field("coupon", Schema.OPTIONAL_STRING_SCHEMA)),
        "deleted_at");
    Struct expectedValue = new Struct(valueSchema).put("ref", "201").put("ts", 1714558530123456L)
        .put("data", "{\"customer\":{\"id\":\"101\",\"collection\":\"customers\",\"type\":\"document\"},"
            + "\"total\":129.5,\"placed_at\":\"2024-05-01T10:15:30.123456Z\",\"receipt\":\"aGk=\"}")
        .put("customer", "101").put("total", 129.5)
        .put("placed_at", Date.from(Instant.parse("2024-05-01T10:15:30.123Z")));

    assertEquals(KEY, builder.keySchema());
    assertEquals(valueSchema, builder.valueSchema());
    assertEquals(new SourceRecord(PARTITION, OFFSET, "fauna.orders", null, KEY, new Struct(KEY).put("ref", "201"),
        valueSchema, expectedValue, 1714558530123L), withoutHeaders(record));
    assertEquals(List.of("fauna.collection=orders", "fauna.op=upsert"), headers(record));
  }

  @Test
  void snapshotRecordsSayRead() {
    SourceRecord record = builder(Map.of()).document(PARTITION, OFFSET, read(Map.of(), ORDER), RecordBuilder.OP_READ);
    assertEquals(List.of("fauna.collection=orders", "fauna.op=read"), headers(record));
  }

  @Test
  void withoutDataColumnOrDeletesColumnTheValueHasOnlyRefTsAndColumns() {
    RecordBuilder builder = builder(Map.of("data.column", "false", "deletes.mode", "tombstone",
        "collection.orders.topic", "orders-cdc"));
    Schema valueSchema = valueSchema(false, List.of(), null);
    SourceRecord record = builder.document(PARTITION, OFFSET, read(Map.of("data.column", "false", "deletes.mode",
        "tombstone"), ORDER), RecordBuilder.OP_READ);
    assertEquals(valueSchema, record.valueSchema());
    assertEquals(new Struct(valueSchema).put("ref", "201").put("ts", 1714558530123456L), record.value());
    assertEquals("orders-cdc", record.topic());
  }

  @Test
  void aDocumentWithoutDataHasAnEmptyDataObject() {
    String bare = ("{\"ref\":" + docRef("7", "orders") + ",\"ts\":5}");
    SourceRecord record = builder(Map.of()).document(PARTITION, OFFSET, read(Map.of(), bare), RecordBuilder.OP_UPSERT);
    assertEquals(new Struct(valueSchema(true, List.of(), "deleted_at")).put("ref", "7").put("ts", 5L)
        .put("data", "{}"), record.value());
    assertEquals(0L, record.timestamp());
  }

  @Test
  void aRequiredColumnMissingFromTheDocumentFailsTheRecord() {
    String noCustomer = ("{\"ref\":" + docRef("9", "orders") + ",\"ts\":5,\"data\":{\"total\":1}}");
    DocumentConversionException e = assertThrows(DocumentConversionException.class,
        () -> builder(Map.of("collection.orders.columns", COLUMNS))
            .document(PARTITION, OFFSET, read(Map.of("collection.orders.columns", COLUMNS), noCustomer),
                RecordBuilder.OP_UPSERT));
    assertEquals("The path [\"data\",\"customer\",\"id\"] does not exist in document Ref(9, collection=orders) "
        + "(column 'customer' of collection 'orders' is required; make it \"required\": false or fix the "
        + "document).", e.getMessage());
  }

  @Test
  void deletesInColumnModeSetTheDeletesColumnAndLeaveTheRestNull() {
    RecordBuilder builder = builder(Map.of("collection.orders.columns", COLUMNS));
    List<SourceRecord> records = builder.deleted(PARTITION, OFFSET, "201", 1714558540000001L);
    Struct expected = new Struct(builder.valueSchema()).put("ref", "201").put("ts", 1714558540000001L)
        .put("deleted_at", Date.from(Instant.parse("2024-05-01T10:15:40Z")));
    assertEquals(List.of(new SourceRecord(PARTITION, OFFSET, "fauna.orders", null, KEY,
        new Struct(KEY).put("ref", "201"), builder.valueSchema(), expected, 1714558540000L)),
        records.stream().map(RecordBuilderTest::withoutHeaders).toList());
    assertEquals(List.of("fauna.collection=orders", "fauna.op=delete"), headers(records.get(0)));
  }

  @Test
  void deletesInTombstoneModeAreTheKeyWithANullValue() {
    List<SourceRecord> records = builder(Map.of("deletes.mode", "tombstone"))
        .deleted(PARTITION, OFFSET, "201", 1714558540000001L);
    assertEquals(List.of(new SourceRecord(PARTITION, OFFSET, "fauna.orders", null, KEY,
        new Struct(KEY).put("ref", "201"), null, null, 1714558540000L)),
        records.stream().map(RecordBuilderTest::withoutHeaders).toList());
    assertEquals(List.of("fauna.collection=orders", "fauna.op=delete"), headers(records.get(0)));
  }

  @Test
  void deletesInColumnAndTombstoneModeAreTheColumnRecordThenTheTombstone() {
    RecordBuilder builder = builder(Map.of("deletes.mode", "column_and_tombstone", "deletes.column", "removed_on"));
    List<SourceRecord> records = builder.deleted(PARTITION, OFFSET, "201", 2_000_000L);
    Schema valueSchema = valueSchema(true, List.of(), "removed_on");
    assertEquals(List.of(
        new SourceRecord(PARTITION, OFFSET, "fauna.orders", null, KEY, new Struct(KEY).put("ref", "201"),
            valueSchema, new Struct(valueSchema).put("ref", "201").put("ts", 2_000_000L)
                .put("removed_on", new Date(2_000L)), 2_000L),
        new SourceRecord(PARTITION, OFFSET, "fauna.orders", null, KEY, new Struct(KEY).put("ref", "201"),
            null, null, 2_000L)),
        records.stream().map(RecordBuilderTest::withoutHeaders).toList());
  }

  @Test
  void deletesInIgnoreModeProduceNothingAndTheSchemaHasNoDeletesColumn() {
    RecordBuilder builder = builder(Map.of("deletes.mode", "ignore"));
    assertEquals(List.of(), builder.deleted(PARTITION, OFFSET, "201", 2_000_000L));
    assertEquals(valueSchema(true, List.of(), null), builder.valueSchema());
  }

  @Test
  void schemaNamesAreValidAvroNamesAndStable() {
    RecordBuilder first = builder(Map.of(), "my-orders.v2");
    RecordBuilder second = builder(Map.of(), "my-orders.v2");
    assertEquals("dev.faunaconnect.my_orders_v2.Key", first.keySchema().name());
    assertEquals("dev.faunaconnect.my_orders_v2.Value", first.valueSchema().name());
    assertEquals(first.valueSchema(), second.valueSchema());
    assertEquals("dev.faunaconnect._2024.Value", builder(Map.of(), "2024").valueSchema().name());
    assertEquals("fauna.my-orders.v2", first.topic());
  }

  /** The document as the streaming path reads it for the given settings. */
  private static FaunaDocument read(Map<String, String> extra, String wireJson) {
    return Streamed.document(config(extra), "orders", wireJson);
  }

  private static RecordBuilder builder(Map<String, String> extra) {
    return builder(extra, "orders");
  }

  private static RecordBuilder builder(Map<String, String> extra, String collection) {
    FaunaSourceConfig config = config(extra);
    return new RecordBuilder(config, config.settingsFor(collection));
  }

  private static FaunaSourceConfig config(Map<String, String> extra) {
    Map<String, String> props = new HashMap<>(Map.of("fauna.endpoint", "http://localhost:8443",
        "fauna.secret", "secret"));
    props.putAll(extra);
    return new FaunaSourceConfig(props);
  }

  private record Field(String name, Schema schema) {}

  private static Field field(String name, Schema schema) {
    return new Field(name, schema);
  }

  private static Schema valueSchema(boolean data, List<Field> columns, String deletesColumn) {
    SchemaBuilder schema = SchemaBuilder.struct().name("dev.faunaconnect.orders.Value")
        .doc("A document of the Fauna collection 'orders'.")
        .field("ref", SchemaBuilder.string().doc("The document id.").build())
        .field("ts", SchemaBuilder.int64()
            .doc("When the document was last written (or deleted): microseconds since the Unix epoch.").build());
    if (data) {
      schema.field("data", SchemaBuilder.string().optional()
          .doc("The document's data as JSON text, Fauna types converted as the Fauna source docs list.").build());
    }
    columns.forEach(c -> schema.field(c.name(), c.schema()));
    if (deletesColumn != null) {
      schema.field(deletesColumn, Timestamp.builder().optional()
          .doc("When the document was deleted; null while it exists.").build());
    }
    return schema.build();
  }

  private static SourceRecord withoutHeaders(SourceRecord r) {
    return new SourceRecord(r.sourcePartition(), r.sourceOffset(), r.topic(), r.kafkaPartition(), r.keySchema(),
        r.key(), r.valueSchema(), r.value(), r.timestamp());
  }

  private static List<String> headers(SourceRecord record) {
    List<String> headers = new ArrayList<>();
    for (Header h : record.headers()) {
      assertEquals(Schema.STRING_SCHEMA, h.schema());
      headers.add(h.key() + "=" + h.value());
    }
    return headers;
  }

  @Test
  void missingOptionalColumnsAreNullInTheStruct() {
    SourceRecord record = builder(Map.of("collection.orders.columns", COLUMNS))
        .document(PARTITION, OFFSET, read(Map.of("collection.orders.columns", COLUMNS), ORDER), RecordBuilder.OP_UPSERT);
    assertNull(((Struct) record.value()).get("coupon"));
  }
}
