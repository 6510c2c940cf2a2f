package dev.faunaconnect.fauna;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How long Fauna keeps a collection's history, from its {@code history_days}, and the one wording of a retention
 * too short to trust, used by {@code validate()} and by the task. The server (fauna/faunadb, model): the minimum
 * valid time is {@code max(snapshot - history_days, floor) - 15 minutes}, where the floor moves up to the time of
 * each write of the collection document ({@code WriteAdaptor.updateMVT}, which reads a missing history_days as the
 * default 0). So {@code history_days = n} keeps n days plus 15 minutes; 0 (the default) about 15 minutes; null
 * (the field removed) keeps the history since the collection document was last written, minus 15 minutes: it grows
 * while nothing writes the collection document, and any {@code Update(Collection(c), ...)} cuts it there.
 */
public final class HistoryRetention {
  /** Fauna keeps history this much longer than {@code history_days} (its MVT offset). */
  public static final Duration GRACE = Duration.ofMinutes(15);

  private final OptionalLong historyDays;

  private HistoryRetention(OptionalLong historyDays) {
    this.historyDays = historyDays;
  }

  /** The retention of a collection whose {@code history_days} is {@code historyDays} (empty: null). */
  public static HistoryRetention of(OptionalLong historyDays) {
    return new HistoryRetention(historyDays);
  }

  /** How long the history reaches back from now; empty with null, where it depends on the collection's last write. */
  public Optional<Duration> retention() {
    return historyDays.isEmpty() ? Optional.empty()
        : Optional.of(Duration.ofDays(historyDays.getAsLong()).plus(GRACE));
  }

  /**
   * The warning when the history cannot be trusted to hold what is read from it ({@code what}, e.g. "deletes")
   * between two reads {@code horizon} apart: null, 0, or shorter than the horizon. {@code optOut} is the setting
   * that stops reading it.
   */
  public Optional<String> warning(String collection, Duration horizon, String what, String optOut) {
    String fix = " Keep more history with Update(Collection(" + SetupFql.quote(collection) + "), "
        + "{ history_days: 7 }) (or more than the longest time the connector may be stopped or behind), or set "
        + optOut + ".";
    if (historyDays.isEmpty()) {
      return Optional.of("Collection '" + collection + "' has history_days = null: Fauna keeps its history only "
          + "since the collection document was last written (minus 15 minutes), and any write of the collection "
          + "document cuts it there, so " + what + " made before such a write are LOST." + fix);
    }
    if (historyDays.getAsLong() == 0) {
      return Optional.of("Collection '" + collection + "' has history_days = 0: Fauna keeps its history for only "
          + "about 15 minutes, so " + what + " made while the connector is stopped or behind for longer are LOST."
          + fix);
    }
    Duration retention = retention().orElseThrow();
    if (retention.compareTo(horizon) < 0) {
      return Optional.of("Collection '" + collection + "' keeps history for " + retention + ", less than the "
          + horizon + " between two reads of its " + what + ", so " + what + " can be LOST." + fix);
    }
    return Optional.empty();
  }
}
