package dev.faunaconnect.source;

import dev.faunaconnect.convert.FaunaDocument;
import dev.faunaconnect.fauna.Page;
import dev.faunaconnect.offset.Position;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Orders a page of changes and a page of deletes into one stream by (ts, ref), up to the horizon both pages cover:
 * the earlier of their {@code through} positions. (The two pages are read one after the other, so the later one may
 * hold elements the earlier could not see yet.) Nothing past the horizon is emitted: it is read again by the next
 * step. A delete sorts before a change at the same position.
 */
final class ChangeMerge {
  private static final Comparator<ChangeEvent> ORDER = Comparator.comparing(ChangeEvent::position)
      .thenComparing(e -> e instanceof ChangeEvent.Upsert);

  private ChangeMerge() {}

  /**
   * The merged events; how far both streams are now read (every element up to {@code horizon} was read, and those
   * that matter are in {@code events}); and whether both were read to their end.
   */
  record Result(List<ChangeEvent> events, Position horizon, boolean complete) {}

  static Result merge(Page<FaunaDocument> changes, Function<FaunaDocument, Position> positionOf,
      Page<Position> removes) {
    List<ChangeEvent> all = new ArrayList<>();
    changes.items().forEach(doc -> all.add(new ChangeEvent.Upsert(doc, positionOf.apply(doc))));
    removes.items().forEach(p -> all.add(new ChangeEvent.Delete(p)));
    Position horizon = min(changes.through(), removes.through());
    List<ChangeEvent> events = all.stream()
        .filter(e -> e.position().compareTo(horizon) <= 0)
        .sorted(ORDER)
        .toList();
    return new Result(events, horizon, events.size() == all.size() && !changes.more() && !removes.more());
  }

  private static Position min(Position a, Position b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
