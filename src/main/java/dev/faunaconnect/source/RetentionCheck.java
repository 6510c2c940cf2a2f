package dev.faunaconnect.source;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Deletes are read from a collection's history, which Fauna keeps for {@code history_days} plus 15 minutes. Says
 * so loudly when that is too short to trust: no retention at all, shorter than the polling horizon, or already
 * shorter than the time since the last delete was read.
 */
final class RetentionCheck {
  /** Fauna keeps history this much longer than {@code history_days} (its MVT offset). */
  static final Duration GRACE = Duration.ofMinutes(15);

  private RetentionCheck() {}

  /**
   * @param historyDays the collection's {@code history_days}; empty when null, which keeps history from the
   *     collection document's last write on (minus 15 minutes): nothing to warn about here, and a position older
   *     than that is caught by {@link RetentionGuard}, which asks Fauna itself
   * @param horizon the longest time between two reads of the deletes
   * @param lastReadMicros the ts up to which deletes were read
   * @param nowMicros Fauna's current time
   */
  static List<String> warnings(String collection, OptionalLong historyDays, Duration horizon, long lastReadMicros,
      long nowMicros) {
    List<String> warnings = new ArrayList<>();
    if (historyDays.isEmpty()) {
      return warnings;
    }
    long days = historyDays.getAsLong();
    Duration retention = Duration.ofDays(days).plus(GRACE);
    String fix = " Keep more history with Update(Collection(\"" + collection + "\"), {history_days: 7}) (or more "
        + "than the longest time the connector may be stopped), or set deletes.mode=ignore.";
    if (days == 0) {
      warnings.add("Collection '" + collection + "' has history_days = 0: Fauna keeps its remove events for only "
          + "about 15 minutes, so deletes made while the connector is stopped or behind for longer are LOST." + fix);
    } else if (retention.compareTo(horizon) < 0) {
      warnings.add("Collection '" + collection + "' keeps history for " + retention + ", less than the "
          + horizon + " between two reads of its deletes, so deletes can be LOST." + fix);
    }
    long sinceRead = nowMicros - lastReadMicros;
    if (sinceRead > retention.toNanos() / 1_000L) {
      warnings.add("Deletes of collection '" + collection + "' were last read at " + instant(lastReadMicros)
          + ", longer ago than the " + retention + " Fauna keeps its history: deletes made before "
          + instant(nowMicros - retention.toNanos() / 1_000L) + " may have been LOST." + fix);
    }
    return warnings;
  }

  private static Instant instant(long micros) {
    return Instant.EPOCH.plusNanos(micros * 1_000L);
  }
}
