package dev.faunaconnect.convert;

import java.util.List;

/**
 * A document as a record needs it, read from Fauna's answer in one streaming pass (see {@link DocumentReader}): its
 * id, its ts, its {@code data} as JSON text in the seed's format ({@code "{}"} when it has none; null when the
 * {@code data} column is off), and the value of each additional column, in the configured order.
 */
public record FaunaDocument(String id, long ts, String data, List<ColumnValue> columns) {
  public FaunaDocument {
    columns = List.copyOf(columns);
  }

  /**
   * What one additional column found: its Connect {@code value}; or, when the value is null, {@code found} says
   * what the path led to that the column cannot hold ("an object", "a string", ...), or is null when the path does
   * not exist (or leads to null).
   */
  public record ColumnValue(Object value, String found) {
    static final ColumnValue MISSING = new ColumnValue(null, null);

    static ColumnValue of(Object value) {
      return new ColumnValue(value, null);
    }

    static ColumnValue mistyped(String found) {
      return new ColumnValue(null, found);
    }

    boolean missing() {
      return value == null && found == null;
    }
  }
}
