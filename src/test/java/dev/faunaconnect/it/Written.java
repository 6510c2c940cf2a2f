package dev.faunaconnect.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faunaconnect.fixtures.FaunaFixture;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a test wrote into one collection, in order: each write's document id, ts and data (null for a delete), so
 * topics can be compared record by record with it.
 */
final class Written {
  record Write(String op, String ref, long ts, JsonNode data) {
    String summary() {
      return op + " " + ref + " " + ts;
    }
  }

  private final FaunaFixture fauna;
  private final String collection;
  private final List<Write> writes = new ArrayList<>();

  Written(FaunaFixture fauna, String collection) {
    this.fauna = fauna;
    this.collection = collection;
  }

  /** Creates the documents in ONE transaction: they share one ts. */
  List<Write> createAll(Map<String, JsonNode> dataById) {
    Map<String, com.faunadb.client.query.Expr> exprs = new LinkedHashMap<>();
    dataById.forEach((id, data) -> exprs.put(id, Docs.expr(data)));
    long ts = fauna.createAll(collection, exprs);
    List<Write> created = new ArrayList<>();
    dataById.forEach((id, data) -> created.add(new Write("create", id, ts, data)));
    writes.addAll(created);
    return created;
  }

  Write create(String id, JsonNode data) {
    return add(new Write("create", id, fauna.create(collection, id, Docs.expr(data)), data));
  }

  /** Replaces the document's data fields given (Update merges objects; the test passes whole top-level values). */
  Write update(String id, JsonNode changes) {
    JsonNode data = current(id).deepCopy();
    changes.fields().forEachRemaining(e -> ((com.fasterxml.jackson.databind.node.ObjectNode) data)
        .set(e.getKey(), e.getValue()));
    return add(new Write("update", id, fauna.update(collection, id, Docs.expr(changes)), data));
  }

  Write delete(String id) {
    return add(new Write("delete", id, fauna.delete(collection, id), null));
  }

  /** The latest data of a document that exists. */
  JsonNode current(String id) {
    for (int i = writes.size() - 1; i >= 0; i--) {
      if (writes.get(i).ref().equals(id)) {
        return writes.get(i).data();
      }
    }
    throw new IllegalArgumentException("no document " + id);
  }

  /** The live documents, by numeric id, with their latest write. */
  List<Write> live() {
    Map<String, Write> latest = new java.util.TreeMap<>(
        java.util.Comparator.comparingInt(String::length).thenComparing(java.util.Comparator.naturalOrder()));
    for (Write w : writes) {
      if (w.data() == null) {
        latest.remove(w.ref());
      } else {
        latest.put(w.ref(), w);
      }
    }
    return new ArrayList<>(latest.values());
  }

  private Write add(Write write) {
    writes.add(write);
    return write;
  }
}
