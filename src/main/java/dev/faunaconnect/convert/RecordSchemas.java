package dev.faunaconnect.convert;

import dev.faunaconnect.config.ColumnSpec;
import java.util.List;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Timestamp;

/**
 * The key and value schemas of a collection. Their names are stable ({@code dev.faunaconnect.<collection>.Key} and
 * {@code .Value}, the collection name made a valid Avro name) and they change only when the configuration does.
 */
final class RecordSchemas {
  static final String NAMESPACE = "dev.faunaconnect.";
  static final Schema REF = SchemaBuilder.string().doc("The document id.").build();
  static final Schema TS = SchemaBuilder.int64()
      .doc("When the document was last written (or deleted): microseconds since the Unix epoch.").build();
  static final Schema DATA = SchemaBuilder.string().optional()
      .doc("The document's data as JSON text, Fauna types converted as the Fauna source docs list.").build();

  private RecordSchemas() {}

  static Schema key(String collection) {
    return SchemaBuilder.struct().name(NAMESPACE + schemaName(collection) + ".Key")
        .doc("The id of a document of the Fauna collection '" + collection + "'.")
        .field("ref", REF)
        .build();
  }

  /** {@code deletesColumn} is null when deletes are not recorded as a column. */
  static Schema value(String collection, boolean dataColumn, List<ColumnSpec> columns, String deletesColumn) {
    SchemaBuilder value = SchemaBuilder.struct().name(NAMESPACE + schemaName(collection) + ".Value")
        .doc("A document of the Fauna collection '" + collection + "'.")
        .field("ref", REF)
        .field("ts", TS);
    if (dataColumn) {
      value.field("data", DATA);
    }
    for (ColumnSpec column : columns) {
      value.field(column.name(), column(column));
    }
    if (deletesColumn != null) {
      value.field(deletesColumn, Timestamp.builder().optional().doc("When the document was deleted; null while it "
          + "exists.").build());
    }
    return value.build();
  }

  /**
   * The Connect schema of a column. Always optional: a delete record carries no document, so even a required column
   * is null there.
   */
  static Schema column(ColumnSpec column) {
    SchemaBuilder builder = switch (column.type()) {
      case STRING, JSON -> SchemaBuilder.string();
      case INTEGER -> SchemaBuilder.int64();
      case NUMBER -> SchemaBuilder.float64();
      case BOOLEAN -> SchemaBuilder.bool();
      case TIMESTAMP -> Timestamp.builder();
      case DATE -> org.apache.kafka.connect.data.Date.builder();
    };
    return builder.optional().build();
  }

  /** The collection name as an Avro name: letters, digits and '_', not starting with a digit. */
  static String schemaName(String collection) {
    String name = collection.replaceAll("[^A-Za-z0-9_]", "_");
    return name.isEmpty() || Character.isDigit(name.charAt(0)) ? "_" + name : name;
  }
}
