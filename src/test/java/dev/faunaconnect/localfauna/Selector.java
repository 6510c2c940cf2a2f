package dev.faunaconnect.localfauna;

import dev.faunaconnect.localfauna.Values.PageValue;
import dev.faunaconnect.localfauna.Values.RefValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code Select}: walks a path of field names and array indexes through objects, arrays, refs and pages. */
final class Selector {
  private Selector() {}

  static Object select(Object path, Object from, Store store) {
    List<Object> steps = path instanceof List<?> l ? new ArrayList<>(l) : List.of(path);
    Object at = from;
    for (Object step : steps) {
      at = step(at, step, steps);
    }
    return at;
  }

  private static Object step(Object at, Object step, List<Object> path) {
    if (step instanceof String key) {
      if (at instanceof Map<?, ?> m && m.containsKey(key)) {
        return m.get(key);
      }
      if (at instanceof PageValue p && p.asObject().containsKey(key)) {
        return p.asObject().get(key);
      }
      if (at instanceof RefValue ref) {
        if ("id".equals(key)) {
          return ref.id();
        }
        if ("collection".equals(key) && ref.collection() != null) {
          return ref.collection();
        }
      }
    } else if (step instanceof Long index) {
      List<?> list = at instanceof List<?> l ? l : at instanceof PageValue p ? p.data() : null;
      if (list != null && index >= 0 && index < list.size()) {
        return list.get(index.intValue());
      }
    } else {
      throw FaunaError.invalidArgument("Path expected, " + Evaluator.typeName(step) + " provided.");
    }
    throw notFound(path);
  }

  static FaunaError notFound(List<Object> path) {
    StringBuilder sb = new StringBuilder("Value not found at path [");
    for (int i = 0; i < path.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(path.get(i));
    }
    return FaunaError.valueNotFound(sb.append("].").toString());
  }
}
