package dev.faunaconnect.fauna;

import dev.faunaconnect.offset.Position;
import java.util.List;

/**
 * Elements of an ordered stream read after a position: the {@code items} kept, whether more follow, and how far the
 * stream was read: {@code through} is the last element read when more follow, else the end of the transaction
 * time the page was read at (nothing else exists up to it).
 */
public record Page<T>(List<T> items, boolean more, Position through) {
  public Page {
    items = List.copyOf(items);
  }

  /** The page of a stream that is not read at all: empty, and no limit on what the other streams may emit. */
  public static <T> Page<T> none() {
    return new Page<>(List.of(), false, Position.endOf(Long.MAX_VALUE));
  }

  public boolean isEmpty() {
    return items.isEmpty();
  }
}
