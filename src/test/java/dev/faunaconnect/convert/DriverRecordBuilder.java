package dev.faunaconnect.convert;

import com.faunadb.client.types.Codec;
import com.faunadb.client.types.Value;
import com.faunadb.client.types.Value.LongV;
import com.faunadb.client.types.Value.RefV;
import dev.faunaconnect.config.CollectionSettings;
import dev.faunaconnect.config.ColumnSpec;
import dev.faunaconnect.config.DeletesMode;
import dev.faunaconnect.config.FaunaSourceConfig;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * The test oracle: the connector's record building before it parsed Fauna's answers itself, from the driver's decoded
 * {@link Value}s. Turns the documents and deletes of one collection into records. The key is {@code {ref}}; the value
 * is {@code {ref, ts, data?, <additional columns>, <deletes column>?}} (see {@link RecordSchemas}). The record
 * timestamp is the document's ts in milliseconds, and the headers {@code fauna.collection} and {@code fauna.op} say
 * where the record comes from and why: {@code read} (snapshot), {@code upsert} (change) or {@code delete}.
 */
final class DriverRecordBuilder {

  private final CollectionSettings settings;
  private final boolean dataColumn;
  private final DeletesMode deletesMode;
  private final String deletesColumn;
  private final Schema keySchema;
  private final Schema valueSchema;

  DriverRecordBuilder(FaunaSourceConfig config, CollectionSettings settings) {
    this.settings = settings;
    this.dataColumn = config.dataColumn();
    this.deletesMode = config.deletesMode();
    this.deletesColumn = config.deletesColumn();
    this.keySchema = RecordSchemas.key(settings.collection());
    this.valueSchema = RecordSchemas.value(settings.collection(), dataColumn, settings.columns(),
        deletesMode.recordsColumn() ? deletesColumn : null);
  }

  public Schema keySchema() {
    return keySchema;
  }

  public Schema valueSchema() {
    return valueSchema;
  }

  public String topic() {
    return settings.topic();
  }

  /**
   * The record of a document read by a snapshot ({@code op} "read") or a change ({@code op} "upsert").
   *
   * @param document the result of {@code Get(ref)}: an object with {@code ref}, {@code ts} and usually {@code data}
   */
  public SourceRecord document(Map<String, ?> partition, Map<String, ?> offset, Value document, String op) {
    String id = documentId(document);
    long ts = documentTs(document, id);
    Struct value = new Struct(valueSchema).put("ref", id).put("ts", ts);
    if (dataColumn) {
      Value data = document.at("data");
      value.put("data", data.getOptional().isPresent() ? FaunaJson.toJsonText(data) : "{}");
    }
    for (ColumnSpec column : settings.columns()) {
      value.put(column.name(), ColumnExtractor.extract(column, document, settings.collection(), id));
    }
    return record(partition, offset, id, value, valueSchema, ts, op);
  }

  /** The records of a delete, per {@code deletes.mode}: the deletes-column record, a tombstone, both, or none. */
  public List<SourceRecord> deleted(Map<String, ?> partition, Map<String, ?> offset, String refId, long tsMicros) {
    List<SourceRecord> records = new ArrayList<>(2);
    if (deletesMode.recordsColumn()) {
      Struct value = new Struct(valueSchema).put("ref", refId).put("ts", tsMicros)
          .put(deletesColumn, new Date(Math.floorDiv(tsMicros, 1000L)));
      records.add(record(partition, offset, refId, value, valueSchema, tsMicros, RecordBuilder.OP_DELETE));
    }
    if (deletesMode.emitsTombstone()) {
      records.add(record(partition, offset, refId, null, null, tsMicros, RecordBuilder.OP_DELETE));
    }
    return records;
  }

  private SourceRecord record(Map<String, ?> partition, Map<String, ?> offset, String id, Struct value,
      Schema schema, long tsMicros, String op) {
    ConnectHeaders headers = new ConnectHeaders();
    headers.addString(RecordBuilder.COLLECTION_HEADER, settings.collection());
    headers.addString(RecordBuilder.OP_HEADER, op);
    Struct key = new Struct(keySchema).put("ref", id);
    return new SourceRecord(partition, offset, settings.topic(), null, keySchema, key, schema, value,
        Math.floorDiv(tsMicros, 1000L), headers);
  }

  private String documentId(Value document) {
    Value ref = document.at("ref");
    if (!(ref instanceof RefV)) {
      throw new DocumentConversionException("A document of collection '" + settings.collection()
          + "' has no ref: " + FaunaJson.toJsonText(document));
    }
    return ref.to(Codec.REF).get().getId();
  }

  private long documentTs(Value document, String id) {
    Value ts = document.at("ts");
    if (!(ts instanceof LongV)) {
      throw new DocumentConversionException("Document " + DocumentConversionException.documentName(
          settings.collection(), id) + " has no ts");
    }
    return ts.to(Codec.LONG).get();
  }
}
