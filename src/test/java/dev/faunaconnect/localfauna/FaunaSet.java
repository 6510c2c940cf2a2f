package dev.faunaconnect.localfauna;

import dev.faunaconnect.localfauna.Values.RefValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A set reference: what {@code Documents}, {@code Match}, {@code Range}, {@code Events} and {@code Singleton} return. */
sealed interface FaunaSet {
  /** What the set renders as inside {@code @set} (or a bare native ref for schema sets). */
  Object describe();

  /**
   * The entries of one index under one terms tuple, optionally bounded by Range: {@code Documents(c)},
   * {@code Match(i, terms)}, {@code Collections()}, {@code Range(...)}.
   */
  record IndexSet(IndexTable table, List<Object> terms, Object description, List<Object> from, List<Object> to,
                  Source source) implements FaunaSet {
    IndexSet range(List<Object> newFrom, List<Object> newTo) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("range", this);
      if (!newFrom.isEmpty()) {
        d.put("from", newFrom.size() == 1 ? newFrom.get(0) : newFrom);
      }
      if (!newTo.isEmpty()) {
        d.put("to", newTo.size() == 1 ? newTo.get(0) : newTo);
      }
      return new IndexSet(table, terms, d, newFrom, newTo, source);
    }

    boolean isRange() {
      return from != null;
    }

    @Override
    public Object describe() {
      return description;
    }
  }

  /**
   * Where a set's entries come from, for permissions and history retention: the index (null for
   * {@code Documents}), the collection its documents live in, and whether it lists schema documents.
   */
  record Source(RefValue index, RefValue collection) {
    boolean isSchema() {
      return collection.isNative();
    }
  }

  /** {@code Singleton(ref)}: the one document, while it exists. */
  record SingletonSet(RefValue ref, IndexTable documents) implements FaunaSet {
    @Override
    public Object describe() {
      return Map.of("singleton", ref);
    }
  }

  /** {@code Events(set)} or {@code Events(ref)}: the history of a set or of one document. */
  record EventsSet(Object source) implements FaunaSet {
    @Override
    public Object describe() {
      return Map.of("events", source);
    }
  }
}
