package dev.faunaconnect.source;

import dev.faunaconnect.convert.FaunaDocument;
import dev.faunaconnect.fauna.Page;
import dev.faunaconnect.offset.Position;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Orders a page of changes and pages of deletes into one stream by (ts, ref), up to the horizon all pages cover:
 * the earliest of their {@code through} positions. (The pages are read one after the other, so a later one may
 * hold elements an earlier one could not see yet.) Nothing past the horizon is emitted: it is read again by the next
 * step. A delete sorts before a change at the same position.
 */
final class ChangeMerge {
  private static final Comparator<ChangeEvent> ORDER = Comparator.comparing(ChangeEvent::position)
      .thenComparing(e -> e instanceof ChangeEvent.Upsert);

  private ChangeMerge() {}

  /**
   * The merged events; how far all streams are now read (every element up to {@code horizon} was read, and those
   * that matter are in {@code events}); and whether all were read to their end.
   */
  record Result(List<ChangeEvent> events, Position horizon, boolean complete) {}

  /** The merge of the changes with the streams of deletes (the remove events, the ttl expiries), each in order. */
  static Result merge(Page<FaunaDocument> changes, Function<FaunaDocument, Position> positionOf,
      List<Page<Position>> deletes) {
    List<ChangeEvent> all = new ArrayList<>();
    changes.items().forEach(doc -> all.add(new ChangeEvent.Upsert(doc, positionOf.apply(doc))));
    Position horizon = changes.through();
    boolean more = changes.more();
    for (Page<Position> stream : deletes) {
      stream.items().forEach(p -> all.add(new ChangeEvent.Delete(p)));
      horizon = min(horizon, stream.through());
      more |= stream.more();
    }
    Position through = horizon;
    List<ChangeEvent> events = all.stream()
        .filter(e -> e.position().compareTo(through) <= 0)
        .sorted(ORDER)
        .toList();
    return new Result(events, horizon, events.size() == all.size() && !more);
  }

  private static Position min(Position a, Position b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
