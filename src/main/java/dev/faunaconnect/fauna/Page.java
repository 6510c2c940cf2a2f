package dev.faunaconnect.fauna;

import java.util.List;

/** Items read strictly after a position, in order, and whether more follow them. */
public record Page<T>(List<T> items, boolean more) {
  public Page {
    items = List.copyOf(items);
  }

  public boolean isEmpty() {
    return items.isEmpty();
  }
}
