package dev.faunaconnect.offset;

import java.util.Comparator;

/**
 * A point in a collection's stream of changes or of deletes, ordered by transaction time and then document id: the
 * last element read. {@code ref} is that document's id; {@code null} means every element at {@code ts} (and before)
 * has been read, which is where changes start after a snapshot taken at {@code ts}.
 */
public record Position(long ts, String ref) implements Comparable<Position> {
  /** Document ids are decimal numbers without leading zeros: the shorter one is smaller, as Fauna orders them. */
  private static final Comparator<String> NUMERIC_ID =
      Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder());
  private static final Comparator<Position> ORDER = Comparator.comparingLong(Position::ts)
      .thenComparing(Position::ref, Comparator.nullsLast(NUMERIC_ID));

  public Position {
    if (ref != null && ref.isEmpty()) {
      throw new IllegalArgumentException("a position's ref is a document id or null, not empty");
    }
  }

  /** The position after every element at {@code ts}. */
  public static Position endOf(long ts) {
    return new Position(ts, null);
  }

  /** Compares two document ids in Fauna's order (that of {@code Documents(c)}). */
  public static int compareIds(String a, String b) {
    return NUMERIC_ID.compare(a, b);
  }

  @Override
  public int compareTo(Position other) {
    return ORDER.compare(this, other);
  }
}
