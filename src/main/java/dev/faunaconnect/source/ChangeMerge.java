package dev.faunaconnect.source;

import com.faunadb.client.types.Value;
import dev.faunaconnect.fauna.Page;
import dev.faunaconnect.offset.Position;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Orders a page of changes and a page of deletes into one stream by (ts, ref), up to the horizon both pages cover:
 * a page that has more after it covers only up to its last element, so nothing later is emitted before the next
 * page of the other stream is read. A delete sorts before a change at the same position.
 */
final class ChangeMerge {
  private static final Comparator<ChangeEvent> ORDER = Comparator.comparing(ChangeEvent::position)
      .thenComparing(e -> e instanceof ChangeEvent.Upsert);

  private ChangeMerge() {}

  /** The merged events, and whether both streams were read to their end. */
  record Result(List<ChangeEvent> events, boolean complete) {}

  static Result merge(Page<Value> changes, Function<Value, Position> positionOf, Page<Position> removes) {
    List<ChangeEvent> all = new ArrayList<>();
    changes.items().forEach(doc -> all.add(new ChangeEvent.Upsert(doc, positionOf.apply(doc))));
    removes.items().forEach(p -> all.add(new ChangeEvent.Delete(p)));
    Position horizon = min(horizonOf(changes.more(), all, ChangeEvent.Upsert.class),
        horizonOf(removes.more(), all, ChangeEvent.Delete.class));
    List<ChangeEvent> events = all.stream()
        .filter(e -> horizon == null || e.position().compareTo(horizon) <= 0)
        .sorted(ORDER)
        .toList();
    return new Result(events, !changes.more() && !removes.more());
  }

  /** The last position a stream's page covers: its last element if more follow, else no limit (null). */
  private static Position horizonOf(boolean more, List<ChangeEvent> all, Class<? extends ChangeEvent> kind) {
    if (!more) {
      return null;
    }
    return all.stream().filter(kind::isInstance).map(ChangeEvent::position).max(Comparator.naturalOrder())
        .orElseThrow(() -> new IllegalStateException("a page with more after it is never empty"));
  }

  private static Position min(Position a, Position b) {
    if (a == null) {
      return b;
    }
    return b == null || a.compareTo(b) <= 0 ? a : b;
  }
}
