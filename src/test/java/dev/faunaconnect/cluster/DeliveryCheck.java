package dev.faunaconnect.cluster;

import dev.faunaconnect.cluster.ChangeWriter.FinalDocument;
import dev.faunaconnect.cluster.ChangeWriter.Write;
import dev.faunaconnect.cluster.TopicTap.Delivered;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares every topic with Fauna's final state, per document key, as a compacted topic would keep it:
 * <ul>
 *   <li><b>lost</b>: a live document whose last record is not its final version (ts and data), or a deleted document
 *       whose last record is not a tombstone (deletes.mode=column_and_tombstone);
 *   <li><b>repeated</b>: a record saying again what an earlier record of the same key said (the same version, the
 *       same delete, the tombstone of the same delete), whatever its op;
 *   <li><b>out of order</b>: a record, not a repeat, whose version is not newer than the key's previous one, or a
 *       tombstone that does not follow its delete.
 * </ul>
 * It also measures change latency (a write's return to its first record arriving) and, for each kill, the time
 * until every collection delivered a change written after it.
 */
final class DeliveryCheck {
  private final Map<String, String> topicByCollection;
  private final List<Write> writes;
  private final Map<String, Map<String, FinalDocument>> finalState;
  private final List<Delivered> delivered;

  DeliveryCheck(Map<String, String> topicByCollection, List<Write> writes,
      Map<String, Map<String, FinalDocument>> finalState, List<Delivered> delivered) {
    this.topicByCollection = topicByCollection;
    this.writes = writes;
    this.finalState = finalState;
    this.delivered = delivered;
  }

  /** The counts, the latencies and the first few problems, in words. */
  DeliveryReport report(List<Long> killTimes) {
    DeliveryReport.Builder report = new DeliveryReport.Builder(delivered.size());
    topicByCollection.forEach((collection, topic) -> checkTopic(collection, byKey(topic), report));
    measureLatency(report);
    killTimes.forEach(kill -> report.recovery(recoveryMillis(kill)));
    return report.build();
  }

  private Map<String, List<Delivered>> byKey(String topic) {
    Map<String, List<Delivered>> byKey = new LinkedHashMap<>();
    for (Delivered d : delivered) {
      if (d.topic().equals(topic)) {
        byKey.computeIfAbsent(d.ref(), k -> new ArrayList<>()).add(d);
      }
    }
    return byKey;
  }

  private void checkTopic(String collection, Map<String, List<Delivered>> byKey, DeliveryReport.Builder report) {
    byKey.forEach((ref, records) -> checkOrder(collection, ref, records, report));
    Map<String, FinalDocument> live = finalState.get(collection);
    live.forEach((id, doc) -> {
      List<Delivered> records = byKey.getOrDefault(id, List.of());
      Delivered last = records.isEmpty() ? null : records.get(records.size() - 1);
      if (last == null || !("v" + doc.ts()).equals(last.state()) || last.version() == null
          || last.version() != doc.version()) {
        report.lost(false, collection + "/" + id + ": Fauna has ts " + doc.ts() + " v" + doc.version()
            + ", the topic ends with " + describe(last) + " (" + records.size() + " records)");
      }
    });
    for (Write w : writes) {
      if (w.collection().equals(collection) && w.op().equals("delete")) {
        List<Delivered> records = byKey.getOrDefault(w.id(), List.of());
        Delivered last = records.isEmpty() ? null : records.get(records.size() - 1);
        if (last != null && !last.tombstone()) {
          report.lost(true, collection + "/" + w.id() + ": deleted, but the topic ends with " + describe(last)
              + " (" + records.size() + " records)");
        }
      }
    }
  }

  private static void checkOrder(String collection, String ref, List<Delivered> records,
      DeliveryReport.Builder report) {
    Set<String> said = new HashSet<>();
    long newest = Long.MIN_VALUE;
    String previous = null;
    for (Delivered d : records) {
      String state = d.tombstone() ? "t" + previous : d.state();
      if (!said.add(state)) {
        report.repeated();
        continue;
      }
      boolean inOrder = d.tombstone() ? previous != null && previous.startsWith("d") : d.ts() > newest;
      if (!inOrder) {
        report.outOfOrder(collection + "/" + ref + ": " + describe(d) + " after " + previous);
      }
      if (!d.tombstone()) {
        newest = Math.max(newest, d.ts());
      }
      previous = d.tombstone() ? previous : state;
    }
  }

  private void measureLatency(DeliveryReport.Builder report) {
    Map<String, Long> firstArrival = new HashMap<>();
    for (Delivered d : delivered) {
      firstArrival.putIfAbsent(versionKey(d), d.arrivedMillis());
    }
    for (Write w : writes) {
      Long arrived = firstArrival.get(versionKey(w));
      if (arrived != null) {
        report.latency(Math.max(0, arrived - w.wallMillis()));
      }
    }
  }

  /** From the kill to the moment every collection has delivered a change written after it; -1 if one never did. */
  private long recoveryMillis(long killMillis) {
    Map<String, Long> writtenAt = new HashMap<>();
    writes.forEach(w -> writtenAt.put(versionKey(w), w.wallMillis()));
    Map<String, Long> recoveredAt = new HashMap<>();
    for (Delivered d : delivered) {
      Long written = writtenAt.get(versionKey(d));
      if (written != null && written > killMillis) {
        recoveredAt.putIfAbsent(d.topic(), d.arrivedMillis());
      }
    }
    if (recoveredAt.size() < topicByCollection.size()) {
      return -1;
    }
    return recoveredAt.values().stream().mapToLong(Long::longValue).max().orElseThrow() - killMillis;
  }

  private String versionKey(Write w) {
    String topic = topicByCollection.get(w.collection());
    return topic + "/" + w.id() + "/" + (w.op().equals("delete") ? "d" : "v" + w.ts());
  }

  private static String versionKey(Delivered d) {
    return d.topic() + "/" + d.ref() + "/" + (d.tombstone() ? "t" : d.deletedAt() != null ? "d" : "v" + d.ts());
  }

  private static String describe(Delivered d) {
    if (d == null) {
      return "no record";
    }
    return d.tombstone() ? "a tombstone" : d.op() + " ts " + d.ts() + (d.version() == null ? "" : " v" + d.version());
  }
}
