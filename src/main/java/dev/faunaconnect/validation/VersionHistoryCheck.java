package dev.faunaconnect.validation;

import dev.faunaconnect.fauna.FaunaGateway;
import dev.faunaconnect.fauna.FaunaQueryException;
import dev.faunaconnect.fauna.HistoryRetention;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * With {@code changes.mode=every_version}, the versions are read from the history of each collection's ts/ref
 * index, which Fauna cuts without an error past its retention ({@link HistoryRetention}): warns about a listed
 * collection whose history cannot be trusted between two reads. (The task itself never goes on
 * silently from a position that left the history: {@code history.loss.action} decides.)
 */
final class VersionHistoryCheck {
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
   * @param historyDays the collection's {@code history_days}; empty when null ({@link HistoryRetention})
   * @param horizon the longest time between two reads of the collection (its poll interval)
   */
  static Optional<String> warning(String collection, OptionalLong historyDays, Duration horizon) {
    return HistoryRetention.of(historyDays).warning(collection, horizon, "versions", "changes.mode=latest")
        .map(warning -> "changes.mode=every_version: " + warning);
  }
}
