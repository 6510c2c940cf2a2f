package dev.faunaconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A record a topic must hold, made from what was written. */
record Expected(String op, String ref, long ts, JsonNode data) {
  static Expected read(Written.Write w) {
    return new Expected("read", w.ref(), w.ts(), w.data());
  }

  static Expected upsert(Written.Write w) {
    return new Expected("upsert", w.ref(), w.ts(), w.data());
  }

  /** The deletes-column record of a delete. */
  static Expected delete(Written.Write w) {
    return new Expected("delete", w.ref(), w.ts(), null);
  }

  static Expected tombstone(Written.Write w) {
    return new Expected("tombstone", w.ref(), w.ts(), null);
  }

  String summary() {
    return op.equals("tombstone") ? "tombstone " + ref : op + " " + ref + " " + ts;
  }

  /**
   * Compares a whole topic with what it must hold, record by record and in order: op, id and ts, then each value:
   * the data column equals the data written, and the deletes column is null or the delete's time.
   */
  static void assertTopic(List<Expected> expected, List<TopicRecord> actual, String collection) {
    assertEquals(expected.stream().map(Expected::summary).toList(),
        actual.stream().map(TopicRecord::summary).toList());
    for (int i = 0; i < expected.size(); i++) {
      Expected e = expected.get(i);
      TopicRecord r = actual.get(i);
      assertEquals(collection, r.collection(), "collection header of " + r.summary());
      if (e.op().equals("tombstone")) {
        assertTrue(r.isTombstone());
        assertEquals("delete", r.op());
        continue;
      }
      assertEquals(e.ref(), r.value().get("ref").asText());
      if (e.op().equals("delete")) {
        assertEquals(e.ts() / 1000, r.value().get("deleted_at").asLong(), "deleted_at of " + r.summary());
        assertTrue(r.value().get("data").isNull(), "no data in a delete: " + r.value());
      } else {
        assertEquals(e.data(), r.data(), "data of " + r.summary());
        JsonNode deletedAt = r.value().get("deleted_at");
        assertTrue(deletedAt == null || deletedAt.isNull(), "deleted_at of " + r.summary());
      }
    }
  }
}
