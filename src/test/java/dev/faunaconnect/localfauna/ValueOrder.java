package dev.faunaconnect.localfauna;

import dev.faunaconnect.localfauna.Values.BytesValue;
import dev.faunaconnect.localfauna.Values.DateValue;
import dev.faunaconnect.localfauna.Values.RefValue;
import dev.faunaconnect.localfauna.Values.TimeValue;
import com.ibm.icu.text.Collator;
import com.ibm.icu.util.ULocale;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The total order of index values, cursors and Range bounds.
 *
 * <p>Types sort by rank (see {@link #rank}); integers and floats compare numerically; refs compare by their
 * collection, then by document id (numeric ids numerically); {@code null} sorts after every value, which is why a
 * {@code null} cursor means the end of a set. {@link #MIN} and {@link #MAX} are bounds used for prefix searches.
 */
final class ValueOrder {
  private ValueOrder() {}

  /** Sorts before every value. */
  static final Object MIN = new Object() {
    @Override
    public String toString() {
      return "MIN";
    }
  };

  /** Sorts after every value, {@code null} included. */
  static final Object MAX = new Object() {
    @Override
    public String toString() {
      return "MAX";
    }
  };

  static final Comparator<Object> VALUES = ValueOrder::compare;

  static int compare(Object a, Object b) {
    if (a == b) {
      return 0;
    }
    int ra = rank(a);
    int rb = rank(b);
    if (ra != rb) {
      return Integer.compare(ra, rb);
    }
    if (a instanceof Number x) {
      return compareNumbers(x, (Number) b);
    }
    if (a instanceof String x) {
      return compareStrings(x, (String) b);
    }
    if (a instanceof BytesValue x) {
      return Arrays.compareUnsigned(x.bytes(), ((BytesValue) b).bytes());
    }
    if (a instanceof TimeValue x) {
      return x.instant().compareTo(((TimeValue) b).instant());
    }
    if (a instanceof DateValue x) {
      return x.date().compareTo(((DateValue) b).date());
    }
    if (a instanceof RefValue x) {
      return compareRefs(x, (RefValue) b);
    }
    if (a instanceof List<?> x) {
      return compareLists(x, (List<?>) b);
    }
    if (a instanceof Values.UuidValue x) {
      // where UUIDs rank among the other types is not modelled (they sort last); among themselves, by value
      return x.uuid().compareTo(((Values.UuidValue) b).uuid());
    }
    if (a instanceof Map<?, ?> x) {
      return compareLists(sortedPairs(x), sortedPairs((Map<?, ?>) b));
    }
    return 0;
  }

  /**
   * Type ranks, after the CBOR major types the server stores values as: numbers, byte strings, text, arrays,
   * objects, tagged values (refs, times, dates, lambdas), then false, true and null.
   */
  private static int rank(Object v) {
    if (v == MIN) {
      return -1;
    }
    if (v instanceof Number) {
      return 0;
    }
    if (v instanceof BytesValue) {
      return 1;
    }
    if (v instanceof String) {
      return 2;
    }
    if (v instanceof List) {
      return 3;
    }
    if (v instanceof Map) {
      return 4;
    }
    if (v instanceof RefValue) {
      return 5;
    }
    if (v instanceof TimeValue) {
      return 6;
    }
    if (v instanceof DateValue) {
      return 7;
    }
    if (v instanceof Values.QueryValue) {
      return 8;
    }
    if (Boolean.FALSE.equals(v)) {
      return 9;
    }
    if (Boolean.TRUE.equals(v)) {
      return 10;
    }
    if (v == null) {
      return 11;
    }
    if (v == MAX) {
      return 12;
    }
    return 13;
  }

  /** ICU root collation (case only breaks ties, punctuation is not ignored), then UTF-8 bytes: a total order. */
  static int compareStrings(String a, String b) {
    int c;
    synchronized (COLLATOR) {
      c = COLLATOR.compare(a, b);
    }
    if (c != 0) {
      return c;
    }
    return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  private static final Collator COLLATOR = Collator.getInstance(ULocale.ROOT);

  private static int compareNumbers(Number a, Number b) {
    if (a instanceof Long x && b instanceof Long y) {
      return Long.compare(x, y);
    }
    return Double.compare(a.doubleValue(), b.doubleValue());
  }

  /**
   * Refs compare by document id first (numeric ids numerically; schema names, whose internal ids are small,
   * before them), then by collection: refs of different collections interleave by id, as on the server.
   */
  static int compareRefs(RefValue a, RefValue b) {
    int byId = compareIds(a.id(), b.id());
    if (byId != 0) {
      return byId;
    }
    if (a.collection() == null || b.collection() == null) {
      return a.collection() == b.collection() ? 0 : a.collection() == null ? -1 : 1;
    }
    return compareRefs(a.collection(), b.collection());
  }

  /** Numeric document ids compare as numbers, schema names as strings, and names before numbers. */
  static int compareIds(String a, String b) {
    boolean na = isNumeric(a);
    boolean nb = isNumeric(b);
    if (na && nb) {
      return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }
    if (na != nb) {
      return na ? 1 : -1;
    }
    return a.compareTo(b);
  }

  static boolean isNumeric(String id) {
    if (id.isEmpty() || id.length() > 19) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      if (id.charAt(i) < '0' || id.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /** Objects compare as their key/value pairs with keys sorted, as the server normalizes them. */
  private static List<Object> sortedPairs(Map<?, ?> map) {
    java.util.ArrayList<Object> out = new java.util.ArrayList<>();
    map.keySet().stream().map(k -> (String) k).sorted().forEach(k -> {
      out.add(k);
      out.add(map.get(k));
    });
    return out;
  }

  static int compareLists(List<?> a, List<?> b) {
    int n = Math.min(a.size(), b.size());
    for (int i = 0; i < n; i++) {
      int c = compare(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  /**
   * Compares a tuple with a bound by the bound's length only (prefix semantics): {@code [3]} equals every tuple
   * that starts with 3.
   */
  static int comparePrefix(List<?> tuple, List<?> bound) {
    int n = Math.min(tuple.size(), bound.size());
    for (int i = 0; i < n; i++) {
      int c = compare(tuple.get(i), bound.get(i));
      if (c != 0) {
        return c;
      }
    }
    return tuple.size() < bound.size() ? -1 : 0;
  }
}
