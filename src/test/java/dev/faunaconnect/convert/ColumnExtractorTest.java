package dev.faunaconnect.convert;

import static dev.faunaconnect.testing.FaunaWire.docRef;
import static dev.faunaconnect.testing.FaunaWire.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.faunadb.client.types.Value;
import dev.faunaconnect.config.ColumnSpec;
import dev.faunaconnect.config.ColumnType;
import dev.faunaconnect.config.FaunaSourceConfig;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/**
 * Every column type with present, missing and mistyped values, optional and required: the streaming path
 * ({@link DocumentReader}, through {@link RecordBuilder}) and the driver-decoded oracle ({@link ColumnExtractor}).
 */
class ColumnExtractorTest {
  private static final String DOCUMENT_JSON = ("{\"ref\":" + docRef("201", "orders") + ",\"ts\":1714558530123456,"
      + "\"data\":{\"name\":\"Ada\",\"items\":3,\"total\":129.5,\"paid\":true,\"a.b\":\"dotted\","
      + "\"placed_at\":{\"@ts\":\"2024-05-01T10:15:30.123456Z\"},\"iso\":\"2024-05-01T12:15:30.5+02:00\","
      + "\"not_a_time\":\"yesterday\",\"day\":{\"@date\":\"2024-02-29\"},\"receipt\":{\"@bytes\":\"aGk=\"},"
      + "\"customer\":" + docRef("101", "customers") + ",\"tags\":[\"vip\",{\"deep\":[10,20]}],"
      + "\"address\":{\"city\":\"London\",\"zip\":null}},\"ttl\":null}");
  private static final Value DOCUMENT = value(DOCUMENT_JSON);

  @Test
  void stringColumnsTakeStringsAndTheValuesTheTableTurnsIntoStrings() {
    assertEquals("Ada", extract(ColumnType.STRING, "data", "name"));
    assertEquals("dotted", extract(ColumnType.STRING, "data", "a.b"));
    assertEquals("2024-05-01T10:15:30.123456Z", extract(ColumnType.STRING, "data", "placed_at"));
    assertEquals("2024-02-29", extract(ColumnType.STRING, "data", "day"));
    assertEquals("aGk=", extract(ColumnType.STRING, "data", "receipt"));
    assertEquals("101", extract(ColumnType.STRING, "data", "customer", "id"));
    assertEquals("customers", extract(ColumnType.STRING, "data", "customer", "collection", "id"));
    assertEquals("201", extract(ColumnType.STRING, "ref", "id"));
  }

  @Test
  void stringColumnsTreatNumbersBooleansRefsAndObjectsAsMistyped() {
    assertNull(extract(ColumnType.STRING, "data", "items"));
    assertNull(extract(ColumnType.STRING, "data", "paid"));
    assertNull(extract(ColumnType.STRING, "data", "customer"));
    assertNull(extract(ColumnType.STRING, "data", "address"));
  }

  @Test
  void integerColumnsTakeOnlyIntegers() {
    assertEquals(3L, extract(ColumnType.INTEGER, "data", "items"));
    assertEquals(1714558530123456L, extract(ColumnType.INTEGER, "ts"));
    assertEquals(20L, extract(ColumnType.INTEGER, "data", "tags", 1L, "deep", 1L));
    assertNull(extract(ColumnType.INTEGER, "data", "total"));
    assertNull(extract(ColumnType.INTEGER, "data", "name"));
  }

  @Test
  void numberColumnsTakeIntegersAndDoubles() {
    assertEquals(129.5, extract(ColumnType.NUMBER, "data", "total"));
    assertEquals(3.0, extract(ColumnType.NUMBER, "data", "items"));
    assertNull(extract(ColumnType.NUMBER, "data", "name"));
    assertNull(extract(ColumnType.NUMBER, "data", "paid"));
  }

  @Test
  void booleanColumnsTakeOnlyBooleans() {
    assertEquals(true, extract(ColumnType.BOOLEAN, "data", "paid"));
    assertNull(extract(ColumnType.BOOLEAN, "data", "name"));
    assertNull(extract(ColumnType.BOOLEAN, "data", "items"));
  }

  @Test
  void timestampColumnsTakeFaunaTimestampsAndIsoStringsWithAnOffset() {
    assertEquals(Date.from(Instant.parse("2024-05-01T10:15:30.123Z")), extract(ColumnType.TIMESTAMP, "data", "placed_at"));
    assertEquals(Date.from(Instant.parse("2024-05-01T10:15:30.500Z")), extract(ColumnType.TIMESTAMP, "data", "iso"));
    assertNull(extract(ColumnType.TIMESTAMP, "data", "not_a_time"));
    assertNull(extract(ColumnType.TIMESTAMP, "data", "day"));
    assertNull(extract(ColumnType.TIMESTAMP, "data", "items"));
  }

  @Test
  void dateColumnsTakeFaunaDatesAsMidnightUtc() {
    assertEquals(Date.from(Instant.parse("2024-02-29T00:00:00Z")), extract(ColumnType.DATE, "data", "day"));
    assertNull(extract(ColumnType.DATE, "data", "placed_at"));
    assertNull(extract(ColumnType.DATE, "data", "name"));
  }

  @Test
  void jsonColumnsTakeAnyValueAsJsonText() {
    assertEquals("{\"id\":\"101\",\"collection\":\"customers\",\"type\":\"document\"}",
        extract(ColumnType.JSON, "data", "customer"));
    assertEquals("[\"vip\",{\"deep\":[10,20]}]", extract(ColumnType.JSON, "data", "tags"));
    assertEquals("{\"city\":\"London\",\"zip\":null}", extract(ColumnType.JSON, "data", "address"));
    assertEquals("\"Ada\"", extract(ColumnType.JSON, "data", "name"));
    assertEquals("3", extract(ColumnType.JSON, "data", "items"));
    assertEquals("\"2024-05-01T10:15:30.123456Z\"", extract(ColumnType.JSON, "data", "placed_at"));
  }

  @Test
  void pathsFollowSelect() {
    assertEquals("vip", extract(ColumnType.STRING, "data", "tags", 0L));
    assertEquals("London", extract(ColumnType.STRING, "data", "address", "city"));
    assertNull(extract(ColumnType.STRING, "data", "tags", 5L), "index past the end");
    assertNull(extract(ColumnType.STRING, "data", "tags", "0"), "a field name on an array");
    assertNull(extract(ColumnType.STRING, "data", 0L), "an index on an object");
    assertNull(extract(ColumnType.STRING, "data", "name", "first"), "a path into a string");
    assertNull(extract(ColumnType.STRING, "data", "customer", "data"), "a ref has no data");
    assertNull(extract(ColumnType.STRING, "data", "a", "b"), "dots are not path separators");
  }

  @Test
  void missingAndNullValuesAreNullForEveryTypeOfOptionalColumn() {
    for (ColumnType type : ColumnType.values()) {
      assertNull(extract(type, "data", "nope"), type + " missing");
      assertNull(extract(type, "data", "address", "zip"), type + " null");
      assertNull(extract(type, "ttl"), type + " top-level null");
    }
  }

  @Test
  void aRequiredColumnWithAMissingPathFailsNamingCollectionDocumentAndPath() {
    ColumnSpec column = new ColumnSpec("city", ColumnType.STRING, List.of("data", "address", "town"), true);
    DocumentConversionException e = assertThrows(DocumentConversionException.class,
        () -> ColumnExtractor.extract(column, DOCUMENT, "orders", "201"));
    assertEquals(e.getMessage(), assertThrows(DocumentConversionException.class, () -> streamed(column)).getMessage());
    assertEquals("The path [\"data\",\"address\",\"town\"] does not exist in document Ref(201, collection=orders) "
        + "(column 'city' of collection 'orders' is required; make it \"required\": false or fix the document).",
        e.getMessage());
  }

  @Test
  void aRequiredColumnWithAMistypedValueFailsTheSameWay() {
    ColumnSpec column = new ColumnSpec("items", ColumnType.BOOLEAN, List.of("data", "items"), true);
    DocumentConversionException e = assertThrows(DocumentConversionException.class,
        () -> ColumnExtractor.extract(column, DOCUMENT, "orders", "201"));
    assertEquals(e.getMessage(), assertThrows(DocumentConversionException.class, () -> streamed(column)).getMessage());
    assertEquals("The value at path [\"data\",\"items\"] in document Ref(201, collection=orders) is an integer, "
        + "which column 'items' of type boolean cannot hold (column 'items' of collection 'orders' is required; "
        + "make it \"required\": false or fix the document).", e.getMessage());
  }

  @Test
  void requiredColumnsWithValuesAreExtracted() {
    ColumnSpec column = new ColumnSpec("total", ColumnType.NUMBER, List.of("data", "total"), true);
    assertEquals(129.5, ColumnExtractor.extract(column, DOCUMENT, "orders", "201"));
    assertEquals(129.5, streamed(column));
  }

  @Test
  void schemasAreOptionalAndTyped() {
    assertEquals(Schema.OPTIONAL_STRING_SCHEMA, schema(ColumnType.STRING));
    assertEquals(Schema.OPTIONAL_STRING_SCHEMA, schema(ColumnType.JSON));
    assertEquals(Schema.OPTIONAL_INT64_SCHEMA, schema(ColumnType.INTEGER));
    assertEquals(Schema.OPTIONAL_FLOAT64_SCHEMA, schema(ColumnType.NUMBER));
    assertEquals(Schema.OPTIONAL_BOOLEAN_SCHEMA, schema(ColumnType.BOOLEAN));
    assertEquals(Timestamp.builder().optional().build(), schema(ColumnType.TIMESTAMP));
    assertEquals(org.apache.kafka.connect.data.Date.builder().optional().build(), schema(ColumnType.DATE));
    assertEquals(SchemaBuilder.int64().optional().build(),
        RecordSchemas.column(new ColumnSpec("r", ColumnType.INTEGER, List.of("x"), true)));
  }

  private static Schema schema(ColumnType type) {
    return RecordSchemas.column(new ColumnSpec("c", type, List.of("x"), false));
  }

  /** The column's value as the streaming path reads it, checked against the oracle's. */
  private static Object extract(ColumnType type, Object... path) {
    ColumnSpec column = new ColumnSpec("c", type, List.of(path), false);
    Object streamed = streamed(column);
    assertEquals(ColumnExtractor.extract(column, DOCUMENT, "orders", "201"), streamed, "oracle and stream differ");
    return streamed;
  }

  private static Object streamed(ColumnSpec column) {
    FaunaSourceConfig config = new FaunaSourceConfig(Map.of("fauna.endpoint", "http://localhost:8443",
        "fauna.secret", "s", "collection.orders.columns", "[" + columnJson(column) + "]"));
    RecordBuilder records = new RecordBuilder(config, config.settingsFor("orders"));
    SourceRecord record = records.document(Map.of(), Map.of(), Streamed.document(config, "orders", DOCUMENT_JSON),
        RecordBuilder.OP_READ);
    return ((Struct) record.value()).get(column.name());
  }

  private static String columnJson(ColumnSpec column) {
    return "{\"name\":\"" + column.name() + "\",\"type\":\"" + column.type().configValue() + "\",\"path\":"
        + column.pathText() + ",\"required\":" + column.required() + "}";
  }
}
