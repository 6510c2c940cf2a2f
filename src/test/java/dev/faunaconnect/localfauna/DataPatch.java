package dev.faunaconnect.localfauna;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The server's {@code Data.patch}: objects merge recursively and {@code null} removes a key; any other value
 * (arrays included) replaces the old one after nulls are stripped from it. Existing keys keep their place and new
 * keys are appended.
 */
final class DataPatch {
  private DataPatch() {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> patch(Map<String, Object> base, Map<String, Object> diff) {
    Map<String, Object> out = new LinkedHashMap<>(base);
    for (Map.Entry<String, Object> e : diff.entrySet()) {
      Object value = e.getValue();
      Object old = out.get(e.getKey());
      if (value == null) {
        out.remove(e.getKey());
      } else if (value instanceof Map<?, ?> m && old instanceof Map<?, ?> o) {
        out.put(e.getKey(), patch((Map<String, Object>) o, (Map<String, Object>) m));
      } else {
        out.put(e.getKey(), stripNulls(value));
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /** A value with every null removed: null keys of objects and null elements of arrays. */
  @SuppressWarnings("unchecked")
  static Object stripNulls(Object value) {
    if (value instanceof Map<?, ?> m) {
      return patch(Map.of(), (Map<String, Object>) m);
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      for (Object item : list) {
        if (item != null) {
          out.add(stripNulls(item));
        }
      }
      return Collections.unmodifiableList(out);
    }
    return value;
  }
}
