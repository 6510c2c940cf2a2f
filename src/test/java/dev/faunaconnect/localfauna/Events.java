package dev.faunaconnect.localfauna;

import dev.faunaconnect.localfauna.Values.DateValue;
import dev.faunaconnect.localfauna.Values.RefValue;
import dev.faunaconnect.localfauna.Values.TimeValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Events as the real server orders, parses and renders them ({@code Event.scala}, {@code Action.scala},
 * {@code IndexValue.ByEventOrdering}, {@code CursorParser}).
 *
 * <p>Three orders matter. Set history is stored and read in <em>event order</em>: valid ts, then action with
 * {@code remove} before {@code add}, then document, then values; so within one ts every remove comes before every
 * add. A page then drops leading events that sort before its cursor by {@code SetEvent.ord} (ts, document,
 * {@code remove} before {@code add}) or, when a document event is involved, by {@code HistoricalOrd} (ts, action,
 * document). The ranges and the drop together give the real cursor semantics: a number, time or date is inclusive
 * of the adds at that ts but not of its removes; {@code {ts}} and {@code {ts, action}} leave out everything at ts;
 * a full {@code {ts, action, document}} is inclusive of exactly that event.
 */
final class Events {
  private Events() {}

  /** Actions in the server's natural order (add lowest, remove highest). */
  enum Action {
    ADD("add"), CREATE("create"), UPDATE("update"), DELETE("delete"), REMOVE("remove");

    final String text;

    Action(String text) {
      this.text = text;
    }

    boolean isSet() {
      return this == ADD || this == REMOVE;
    }

    Action toSet() {
      return this == CREATE || this == UPDATE ? ADD : this == DELETE ? REMOVE : this;
    }

    Action toDoc() {
      return this == ADD ? CREATE : this == REMOVE ? DELETE : this;
    }

    static Action of(String text) {
      for (Action a : values()) {
        if (a.text.equals(text)) {
          return a;
        }
      }
      return null;
    }
  }

  /**
   * One event, or a cursor position between events: {@code ref} may be {@link ValueOrder#MIN} or
   * {@link ValueOrder#MAX} (the server's minimum and maximum document ids), which are never rendered.
   */
  record Event(long ts, Action action, Object ref, List<Object> values) {
    boolean isSetEvent() {
      return action.isSet();
    }
  }

  /** The page cursor of an event, or the rendering of a parsed cursor: {@code {ts, action, document?, data?}}. */
  static Map<String, Object> literal(Event e) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("ts", e.ts());
    out.put("action", e.action().text);
    if (e.ref() instanceof RefValue) {
      out.put("document", e.ref());
    }
    if (e.isSetEvent() && !e.values().isEmpty()) {
      out.put("data", e.values());
    }
    return out;
  }

  // ---- orders ------------------------------------------------------------------------------------------------

  /** The order a page's cursor is compared with: {@code SetEvent.ord} or {@code HistoricalOrd}. */
  static int compareForCursor(Event a, Event b, Comparator<Object> refs, Comparator<List<Object>> values) {
    int c = Long.compare(a.ts(), b.ts());
    if (c != 0) {
      return c;
    }
    if (a.isSetEvent() && b.isSetEvent()) {
      c = refs.compare(a.ref(), b.ref());
      if (c == 0) {
        c = Integer.compare(b.action().ordinal(), a.action().ordinal());
      }
    } else {
      c = Integer.compare(a.action().ordinal(), b.action().ordinal());
      if (c == 0) {
        c = refs.compare(a.ref(), b.ref());
      }
    }
    return c != 0 ? c : values.compare(a.values(), b.values());
  }

  /** Whether a page drops an event found at the start of its read: it lies before (or, backward, at) the cursor. */
  static boolean dropped(Event e, Event cursor, boolean backward, Comparator<Object> refs,
                         Comparator<List<Object>> values) {
    int c = compareForCursor(e, cursor, refs, values);
    return backward ? c >= 0 : c < 0;
  }

  /** Where an ascending read without a cursor starts: the epoch, before every document, a remove. */
  static final Event FIRST = new Event(Long.MIN_VALUE, Action.REMOVE, ValueOrder.MIN, List.of());

  /** Where a descending read without a cursor starts: the snapshot, after every document, an add. */
  static Event last(long snapshot) {
    return new Event(snapshot, Action.ADD, ValueOrder.MAX, List.of());
  }

  // ---- cursors -----------------------------------------------------------------------------------------------

  private static final Set<Set<String>> CURSOR_KEYS = Set.of(
      Set.of("ts"), Set.of("ts", "action"), Set.of("ts", "action", "resource"),
      Set.of("ts", "action", "resource", "values"), Set.of("ts", "action", "instance"),
      Set.of("ts", "action", "document"), Set.of("ts", "action", "instance", "data"),
      Set.of("ts", "action", "document", "data"));

  /**
   * An event cursor: a number of microseconds, a time or a date (an add at that ts, before every document),
   * {@code null} (the end of time), or an object with one of the server's key sets (a missing document is after
   * every document, a missing action is an add).
   */
  static Event cursor(Object raw) {
    if (raw == null) {
      return new Event(Long.MAX_VALUE, Action.ADD, ValueOrder.MIN, List.of());
    }
    if (raw instanceof Long l) {
      return new Event(l, Action.ADD, ValueOrder.MIN, List.of());
    }
    if (raw instanceof TimeValue t) {
      return new Event(t.micros(), Action.ADD, ValueOrder.MIN, List.of());
    }
    if (raw instanceof DateValue d) {
      return new Event(d.date().toEpochDay() * Store.DAY_MICROS, Action.ADD, ValueOrder.MIN, List.of());
    }
    if (!(raw instanceof Map<?, ?> m)) {
      throw FaunaError.invalidArgument("Object, Integer, Time, or Date expected, " + Evaluator.typeName(raw)
          + " provided.");
    }
    if (!CURSOR_KEYS.contains(m.keySet())) {
      List<String> keys = new ArrayList<>();
      m.keySet().forEach(k -> keys.add((String) k));
      throw FaunaError.invalidArgument("Cannot create event cursor with keys " + String.join(", ", keys));
    }
    if (!(m.get("ts") instanceof Long ts)) {
      throw FaunaError.invalidArgument("Integer expected, " + Evaluator.typeName(m.get("ts")) + " provided.");
    }
    Action action = Action.ADD;
    if (m.containsKey("action")) {
      action = m.get("action") instanceof String s ? Action.of(s) : null;
      if (action == null) {
        throw FaunaError.invalidArgument("String 'create', 'update', or 'delete' expected, "
            + Evaluator.typeName(m.get("action")) + " provided.");
      }
    }
    Object ref = ValueOrder.MAX;
    for (String key : List.of("document", "resource", "instance")) {
      if (m.containsKey(key)) {
        if (!(m.get(key) instanceof RefValue r)) {
          throw FaunaError.invalidArgument("Ref expected, " + Evaluator.typeName(m.get(key)) + " provided.");
        }
        ref = r;
      }
    }
    Object given = m.containsKey("values") ? m.get("values") : m.get("data");
    List<Object> values = given == null ? List.of()
        : given instanceof List<?> l ? new ArrayList<>(l) : java.util.Collections.singletonList(given);
    return new Event(ts, action, ref, action.isSet() ? values : List.of());
  }
}
