package dev.faunaconnect.source;

import dev.faunaconnect.fauna.HistoryRetention;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Deletes, and with {@code changes.mode=every_version} the versions, are read from a collection's history, which
 * Fauna keeps as {@link HistoryRetention} says. Says so loudly when that is too short to trust (in its words), or
 * already shorter than the time since the history was last read.
 */
final class RetentionCheck {
  /** What a reader reads from the history: its deletes, its versions, or both. */
  record Needs(boolean deletes, boolean versions) {
    static final Needs DELETES = new Needs(true, false);

    boolean any() {
      return deletes || versions;
    }

    String what() {
      return deletes && versions ? "deletes and versions" : deletes ? "deletes" : "versions";
    }

    String optOut() {
      String ignore = "deletes.mode=ignore";
      String latest = "changes.mode=latest";
      return deletes && versions ? ignore + " and " + latest : deletes ? ignore : latest;
    }
  }

  private RetentionCheck() {}

  /**
   * @param historyDays the collection's {@code history_days}; empty when null ({@link HistoryRetention}): then how
   *     far back the history reaches depends on the collection document's last write, and a position older than
   *     that is caught by {@link RetentionGuard}, which asks Fauna itself
   * @param horizon the longest time between two reads of the history
   * @param lastReadMicros the ts up to which the history was read
   * @param nowMicros Fauna's current time
   * @param needs what the reader reads from the history
   */
  static List<String> warnings(String collection, OptionalLong historyDays, Duration horizon, long lastReadMicros,
      long nowMicros, Needs needs) {
    HistoryRetention model = HistoryRetention.of(historyDays);
    List<String> warnings = new ArrayList<>();
    model.warning(collection, horizon, needs.what(), needs.optOut()).ifPresent(warnings::add);
    Optional<Duration> retention = model.retention();
    long sinceRead = nowMicros - lastReadMicros;
    if (retention.isPresent() && sinceRead > retention.get().toNanos() / 1_000L) {
      warnings.add("The " + needs.what() + " of collection '" + collection + "' were last read at "
          + instant(lastReadMicros) + ", longer ago than the " + retention.get() + " Fauna keeps its history: "
          + needs.what() + " made before " + instant(nowMicros - retention.get().toNanos() / 1_000L)
          + " may have been LOST. Keep more history with Update(Collection(\"" + collection + "\"), "
          + "{ history_days: 7 }), or set " + needs.optOut() + ".");
    }
    return warnings;
  }

  private static Instant instant(long micros) {
    return Instant.EPOCH.plusNanos(micros * 1_000L);
  }
}
