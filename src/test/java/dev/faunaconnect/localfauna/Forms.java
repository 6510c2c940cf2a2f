package dev.faunaconnect.localfauna;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The registry of forms, looked up by the keys of a JSON object. */
final class Forms {
  private final Map<String, List<Form>> byKey = new HashMap<>();

  /** Registers a form: {@code keys} are the required argument keys, then "?"-prefixed optional ones. */
  Forms add(String keys, Form.Handler handler) {
    Set<String> required = new LinkedHashSet<>();
    Set<String> optional = new LinkedHashSet<>();
    for (String k : keys.split(" ")) {
      if (k.startsWith("?")) {
        optional.add(k.substring(1));
      } else {
        required.add(k);
      }
    }
    Form form = new Form(required, optional, handler);
    for (String k : required) {
      byKey.computeIfAbsent(k, x -> new ArrayList<>()).add(form);
    }
    return this;
  }

  Form find(Set<String> keys) {
    Iterator<String> it = keys.iterator();
    while (it.hasNext()) {
      List<Form> candidates = byKey.get(it.next());
      if (candidates == null) {
        continue;
      }
      for (Form f : candidates) {
        if (f.accepts(keys)) {
          return f;
        }
      }
    }
    return null;
  }
}
