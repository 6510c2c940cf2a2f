package dev.faunaconnect.localfauna;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The server's value model. Plain Java types stand for the JSON ones: {@code Long}, {@code Double}, {@code String},
 * {@code Boolean}, {@code null}, {@code List<Object>} for arrays and {@code Map<String, Object>} (insertion ordered)
 * for objects. The records below are Fauna's special types.
 */
final class Values {
  private Values() {}

  /** The native collections whose refs have no parent: {@code {"@ref":{"id":"collections"}}} and so on. */
  static final Set<String> NATIVE_COLLECTIONS = Set.of(
      "collections", "indexes", "databases", "keys", "tokens", "credentials", "functions", "roles",
      "access_providers", "tasks");

  static final RefValue COLLECTIONS = RefValue.nativeRef("collections");
  static final RefValue INDEXES = RefValue.nativeRef("indexes");
  static final RefValue ROLES = RefValue.nativeRef("roles");
  static final RefValue KEYS = RefValue.nativeRef("keys");

  /** A reference: a document ({@code collection} is a collection ref), a schema document, or a native collection. */
  record RefValue(String id, RefValue collection) {
    static RefValue nativeRef(String id) {
      return new RefValue(id, null);
    }

    static RefValue collection(String name) {
      return new RefValue(name, COLLECTIONS);
    }

    static RefValue index(String name) {
      return new RefValue(name, INDEXES);
    }

    static RefValue document(String collection, String id) {
      return new RefValue(id, collection(collection));
    }

    boolean isNative() {
      return collection == null;
    }

    /** A user document: its collection is a user collection, i.e. a ref into {@code collections}. */
    boolean isDocument() {
      return collection != null && COLLECTIONS.equals(collection.collection);
    }

    @Override
    public String toString() {
      return collection == null ? "Ref(" + id + ")" : "Ref(" + collection + ", \"" + id + "\")";
    }
  }

  /** A {@code @ts}: an instant with up to nanosecond precision; Fauna's own timestamps are whole microseconds. */
  record TimeValue(Instant instant) {
    static TimeValue ofMicros(long micros) {
      return new TimeValue(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
          Math.floorMod(micros, 1_000_000L) * 1_000L));
    }

    long micros() {
      return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000L);
    }
  }

  /** A {@code @date}. */
  record DateValue(LocalDate date) {}

  /** A {@code @bytes}; compared by content. */
  record BytesValue(byte[] bytes) {
    @Override
    public boolean equals(Object o) {
      return o instanceof BytesValue other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return "Bytes(" + Arrays.toString(bytes) + ")";
    }
  }

  /** A {@code @uuid} (UUIDL): parsed with {@code UUID.fromString}, rendered in its canonical lower-case form. */
  record UuidValue(java.util.UUID uuid) {}

  /**
   * A lambda, from a {@code lambda} form (with the scope it closes over and where it stood in the query, for error
   * positions) or a {@code @query} literal, and the API version it was parsed at (rendered as {@code api_version}).
   */
  record QueryValue(ObjectNode lambda, Map<String, Object> scope, List<Object> position, String apiVersion) {}

  /** A page of a paginated set: {@code before} and {@code after} exist only when the flags say so. */
  record PageValue(List<Object> data, boolean hasBefore, Object before, boolean hasAfter, Object after) {
    PageValue withData(List<Object> newData) {
      return new PageValue(newData, hasBefore, before, hasAfter, after);
    }

    Map<String, Object> asObject() {
      Map<String, Object> out = new LinkedHashMap<>();
      if (hasBefore) {
        out.put("before", before);
      }
      if (hasAfter) {
        out.put("after", after);
      }
      out.put("data", data);
      return out;
    }
  }
}
