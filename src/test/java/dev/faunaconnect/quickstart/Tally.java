package dev.faunaconnect.quickstart;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** How many records of each kind ({@code read}, {@code upsert}, {@code delete}, {@code tombstone}) per collection. */
final class Tally {
  static final List<String> KINDS = List.of("read", "upsert", "delete", "tombstone");

  private final Map<String, Map<String, Integer>> counts = new TreeMap<>();

  synchronized void add(String collection, String kind, int count) {
    if (count != 0) {
      counts.computeIfAbsent(collection, c -> new TreeMap<>()).merge(kind, count, Integer::sum);
    }
  }

  synchronized int get(String collection, String kind) {
    return counts.getOrDefault(collection, Map.of()).getOrDefault(kind, 0);
  }

  synchronized Tally copy() {
    Tally copy = new Tally();
    counts.forEach((c, kinds) -> kinds.forEach((k, n) -> copy.add(c, k, n)));
    return copy;
  }

  /** How many records this tally still lacks to reach {@code expected} (never negative per cell). */
  synchronized int missingFrom(Tally expected) {
    int missing = 0;
    for (Map.Entry<String, Map<String, Integer>> collection : expected.asMap().entrySet()) {
      for (Map.Entry<String, Integer> kind : collection.getValue().entrySet()) {
        missing += Math.max(0, kind.getValue() - get(collection.getKey(), kind.getKey()));
      }
    }
    return missing;
  }

  synchronized Map<String, Map<String, Integer>> asMap() {
    Map<String, Map<String, Integer>> copy = new TreeMap<>();
    counts.forEach((c, kinds) -> copy.put(c, new TreeMap<>(kinds)));
    return copy;
  }

  /** A small table: one row per collection, one column per kind. */
  synchronized String table() {
    StringBuilder out = new StringBuilder(String.format("  %-12s", "collection"));
    KINDS.forEach(k -> out.append(String.format("%10s", k)));
    for (String collection : counts.keySet()) {
      out.append(String.format("%n  %-12s", collection));
      KINDS.forEach(k -> out.append(String.format("%10d", get(collection, k))));
    }
    return out.toString();
  }

  @Override
  public synchronized boolean equals(Object o) {
    return o instanceof Tally other && asMap().equals(other.asMap());
  }

  @Override
  public synchronized int hashCode() {
    return asMap().hashCode();
  }

  @Override
  public synchronized String toString() {
    return asMap().toString();
  }
}
