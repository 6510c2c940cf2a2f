package dev.faunaconnect.config;

import java.util.List;

/** The type of an additional column, as written in {@code collection.<name>.columns}. */
public enum ColumnType {
  /** Connect STRING: a Fauna string, or any other scalar/ref/object converted by the seed's table to JSON text. */
  STRING,
  /** Connect INT64, from a Fauna integer. */
  INTEGER,
  /** Connect FLOAT64, from a Fauna number (integer or double). */
  NUMBER,
  BOOLEAN,
  /** Connect Timestamp (millisecond precision), from a Fauna {@code @ts} or an ISO-8601 string with an offset. */
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
