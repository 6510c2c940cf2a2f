package dev.faunaconnect.convert;

import dev.faunaconnect.config.CollectionSettings;
import dev.faunaconnect.config.ColumnSpec;
import dev.faunaconnect.config.DeletesMode;
import dev.faunaconnect.config.FaunaSourceConfig;
import dev.faunaconnect.convert.FaunaDocument.ColumnValue;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Turns the documents and deletes of one collection into records. The key is {@code {ref}}; the value is
 * {@code {ref, ts, data?, <additional columns>, <deletes column>?}} (see {@link RecordSchemas}). The record timestamp
 * is the document's ts in milliseconds, and the headers {@code fauna.collection} and {@code fauna.op} say where the
 * record comes from and why: {@code read} (snapshot), {@code upsert} (change) or {@code delete}.
 */
public final class RecordBuilder {
  public static final String COLLECTION_HEADER = "fauna.collection";
  public static final String OP_HEADER = "fauna.op";
  public static final String OP_READ = "read";
  public static final String OP_UPSERT = "upsert";
  public static final String OP_DELETE = "delete";

  private final CollectionSettings settings;
  private final boolean dataColumn;
  private final DeletesMode deletesMode;
  private final String deletesColumn;
  private final Schema keySchema;
  private final Schema valueSchema;

  public RecordBuilder(FaunaSourceConfig config, CollectionSettings settings) {
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

  /** The record of a document read by a snapshot ({@code op} "read") or a change ({@code op} "upsert"). */
  public SourceRecord document(Map<String, ?> partition, Map<String, ?> offset, FaunaDocument document, String op) {
    Struct value = new Struct(valueSchema).put("ref", document.id()).put("ts", document.ts());
    if (dataColumn) {
      value.put("data", document.data());
    }
    List<ColumnSpec> columns = settings.columns();
    for (int i = 0; i < columns.size(); i++) {
      value.put(columns.get(i).name(), columnValue(columns.get(i), document.columns().get(i), document.id()));
    }
    return record(partition, offset, document.id(), value, valueSchema, document.ts(), op);
  }

  /** A column's value, or null when it found nothing it can hold; a required column then fails the record. */
  private Object columnValue(ColumnSpec column, ColumnValue found, String documentId) {
    if (found.value() != null) {
      return found.value();
    }
    String document = DocumentConversionException.documentName(settings.collection(), documentId);
    String problem = found.missing() ? "The path " + column.pathText() + " does not exist in document " + document
        : "The value at path " + column.pathText() + " in document " + document + " is " + found.found()
            + ", which column '" + column.name() + "' of type " + column.type().configValue() + " cannot hold";
    if (column.required()) {
      throw new DocumentConversionException(problem + " (column '" + column.name() + "' of collection '"
          + settings.collection() + "' is required; make it \"required\": false or fix the document).");
    }
    return null;
  }

  /** The records of a delete, per {@code deletes.mode}: the deletes-column record, a tombstone, both, or none. */
  public List<SourceRecord> deleted(Map<String, ?> partition, Map<String, ?> offset, String refId, long tsMicros) {
    List<SourceRecord> records = new ArrayList<>(2);
    if (deletesMode.recordsColumn()) {
      Struct value = new Struct(valueSchema).put("ref", refId).put("ts", tsMicros)
          .put(deletesColumn, new Date(Math.floorDiv(tsMicros, 1000L)));
      records.add(record(partition, offset, refId, value, valueSchema, tsMicros, OP_DELETE));
    }
    if (deletesMode.emitsTombstone()) {
      records.add(record(partition, offset, refId, null, null, tsMicros, OP_DELETE));
    }
    return records;
  }

  private SourceRecord record(Map<String, ?> partition, Map<String, ?> offset, String id, Struct value,
      Schema schema, long tsMicros, String op) {
    ConnectHeaders headers = new ConnectHeaders();
    headers.addString(COLLECTION_HEADER, settings.collection());
    headers.addString(OP_HEADER, op);
    Struct key = new Struct(keySchema).put("ref", id);
    return new SourceRecord(partition, offset, settings.topic(), null, keySchema, key, schema, value,
        Math.floorDiv(tsMicros, 1000L), headers);
  }
}
