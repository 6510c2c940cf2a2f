package dev.faunaconnect.config;

import java.util.List;

/** The type of an additional column, as written in {@code collection.<name>.columns}. */
public enum ColumnType {
  /**
   * Connect STRING: a Fauna string as it is; any other value as the seed's table writes it: a timestamp, date,
   * bytes, query or set ref as its text, a number or boolean as its JSON literal ({@code 42}, {@code 1.5},
   * {@code true}), a ref, object or array as its JSON text.
   */
  STRING,
  /** Connect INT64, from a Fauna integer. */
  INTEGER,
  /** Connect FLOAT64, from a Fauna number (integer or double). */
  NUMBER,
  BOOLEAN,
  /**
   * Connect Timestamp (millisecond precision), from a Fauna {@code @ts} or an ISO-8601 date-time string: with an
   * offset ({@code 2024-05-01T10:15:30+02:00}, {@code ...Z}) or without one, read as UTC ({@code 2024-05-01T10:15:30}).
   */
  TIMESTAMP,
  /** Connect Date, from a Fauna {@code @date}. */
  DATE,
  /** Connect STRING holding any Fauna value as JSON text (seed's table). */
  JSON;

  public String configValue() {
    return ConfigEnums.configValue(this);
  }

  public static List<String> configValues() {
    return ConfigEnums.configValues(ColumnType.class);
  }
}
