package dev.faunaconnect.localfauna;

import java.util.Set;

/**
 * One FQL v4 form: the argument keys it takes (the first required key names it) and what it does. A JSON object
 * is this form when it has all of {@code required} and nothing outside {@code required} and {@code optional}.
 */
record Form(Set<String> required, Set<String> optional, Handler handler) {
  @FunctionalInterface
  interface Handler {
    Object apply(Call call);
  }

  boolean accepts(Set<String> keys) {
    if (!keys.containsAll(required)) {
      return false;
    }
    for (String k : keys) {
      if (!required.contains(k) && !optional.contains(k)) {
        return false;
      }
    }
    return true;
  }
}
