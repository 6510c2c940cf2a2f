package dev.faunaconnect.source;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Deletes, and with {@code changes.mode=every_version} the versions, are read from a collection's history, which
 * Fauna keeps for {@code history_days} plus 15 minutes. Says so loudly when that is too short to trust: no
 * retention at all, shorter than the polling horizon, or already shorter than the time since the history was last
 * read.
 */
final class RetentionCheck {
  /** Fauna keeps history this much longer than {@code history_days} (its MVT offset). */
  static final Duration GRACE = Duration.ofMinutes(15);

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
   * @param historyDays the collection's {@code history_days}; empty when null, which keeps history from the
   *     collection document's last write on (minus 15 minutes): nothing to warn about here, and a position older
   *     than that is caught by {@link RetentionGuard}, which asks Fauna itself
   * @param horizon the longest time between two reads of the history
   * @param lastReadMicros the ts up to which the history was read
   * @param nowMicros Fauna's current time
   * @param needs what the reader reads from the history
   */
  static List<String> warnings(String collection, OptionalLong historyDays, Duration horizon, long lastReadMicros,
      long nowMicros, Needs needs) {
    List<String> warnings = new ArrayList<>();
    if (historyDays.isEmpty()) {
      return warnings;
    }
    long days = historyDays.getAsLong();
    Duration retention = Duration.ofDays(days).plus(GRACE);
    String fix = " Keep more history with Update(Collection(\"" + collection + "\"), {history_days: 7}) (or more "
        + "than the longest time the connector may be stopped), or set " + needs.optOut() + ".";
    if (days == 0) {
      warnings.add("Collection '" + collection + "' has history_days = 0: Fauna keeps its history for only about "
          + "15 minutes, so " + needs.what() + " made while the connector is stopped or behind for longer are "
          + "LOST." + fix);
    } else if (retention.compareTo(horizon) < 0) {
      warnings.add("Collection '" + collection + "' keeps history for " + retention + ", less than the "
          + horizon + " between two reads of its " + needs.what() + ", so " + needs.what() + " can be LOST."
          + fix);
    }
    long sinceRead = nowMicros - lastReadMicros;
    if (sinceRead > retention.toNanos() / 1_000L) {
      warnings.add("The " + needs.what() + " of collection '" + collection + "' were last read at "
          + instant(lastReadMicros) + ", longer ago than the " + retention + " Fauna keeps its history: "
          + needs.what() + " made before " + instant(nowMicros - retention.toNanos() / 1_000L)
          + " may have been LOST." + fix);
    }
    return warnings;
  }

  private static Instant instant(long micros) {
    return Instant.EPOCH.plusNanos(micros * 1_000L);
  }
}
