package dev.faunaconnect.validation;

import dev.faunaconnect.fauna.FaunaGateway;
import dev.faunaconnect.fauna.FaunaQueryException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * With {@code changes.mode=every_version}, the versions are read from the history of each collection's ts/ref
 * index, which Fauna keeps for {@code history_days} plus 15 minutes and then cuts without an error: warns about a
 * listed collection whose history is shorter than the time between two reads. (The task itself never goes on
 * silently from a position that left the history: {@code history.loss.action} decides.)
 */
final class VersionHistoryCheck {
  /** Fauna keeps history this much longer than {@code history_days} (its MVT offset). */
  private static final Duration GRACE = Duration.ofMinutes(15);

  private VersionHistoryCheck() {}

  /** The warnings about {@code collections}; a collection that cannot be read is reported by the other checks. */
  static List<String> warnings(FaunaGateway gateway, List<String> collections, Duration horizon) {
    return collections.stream().flatMap(collection -> {
      try {
        return warning(collection, gateway.historyDays(collection), horizon).stream();
      } catch (FaunaQueryException e) {
        return Optional.<String>empty().stream();
      }
    }).toList();
  }

  /**
   * @param historyDays the collection's {@code history_days}; empty when null, which keeps history from the
   *     collection document's last write on (minus 15 minutes)
   * @param horizon the longest time between two reads of the collection (its poll interval)
   */
  static Optional<String> warning(String collection, OptionalLong historyDays, Duration horizon) {
    long days = historyDays.orElse(0L);
    Duration retention = Duration.ofDays(days).plus(GRACE);
    String fix = " Keep more history with Update(Collection(\"" + collection + "\"), {history_days: 7}) (or more "
        + "than the longest time the connector may be stopped or behind), or set changes.mode=latest.";
    if (days == 0) {
      return Optional.of("changes.mode=every_version: collection '" + collection + "' has history_days = "
          + (historyDays.isEmpty() ? "null" : "0") + ", so Fauna keeps the history its versions are read from for "
          + "only about 15 minutes: when the connector is stopped or behind for longer, its versions are lost (the "
          + "task then fails, or takes a fresh snapshot with history.loss.action=snapshot)." + fix);
    }
    if (retention.compareTo(horizon) < 0) {
      return Optional.of("changes.mode=every_version: collection '" + collection + "' keeps history for "
          + retention + ", less than the " + horizon + " between two reads of its changes, so its versions can be "
          + "lost." + fix);
    }
    return Optional.empty();
  }
}
