package dev.faunaconnect.config;

/** What a deleted document turns into (configuration {@code deletes.mode}). */
public enum DeletesMode {
  /** Deletes are not read at all. */
  IGNORE(false, false),
  /** A record whose deletes column ({@code deleted_at}) is set, as the seeds describe. */
  COLUMN(true, false),
  /** A record with the key and a null value, so compacted topics forget the document. */
  TOMBSTONE(false, true),
  /** Both: the {@code deleted_at} record, then the tombstone. */
  COLUMN_AND_TOMBSTONE(true, true);

  private final boolean recordsColumn;
  private final boolean emitsTombstone;

  DeletesMode(boolean recordsColumn, boolean emitsTombstone) {
    this.recordsColumn = recordsColumn;
    this.emitsTombstone = emitsTombstone;
  }

  /** Whether the value schema carries the deletes column and a delete produces a record with it set. */
  public boolean recordsColumn() {
    return recordsColumn;
  }

  public boolean emitsTombstone() {
    return emitsTombstone;
  }

  /** Whether remove events must be read at all. */
  public boolean tracksDeletes() {
    return recordsColumn || emitsTombstone;
  }

  /** The configuration spelling, e.g. {@code column_and_tombstone}. */
  public String configValue() {
    return ConfigEnums.configValue(this);
  }

  public static DeletesMode parse(String text) {
    return ConfigEnums.parse(DeletesMode.class, FaunaSourceConfig.DELETES_MODE_CONFIG, text);
  }
}
