package dev.faunaconnect.convert;

import dev.faunaconnect.config.ColumnSpec;
import dev.faunaconnect.config.ColumnType;
import dev.faunaconnect.convert.ColumnConversion.Container;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;

/**
 * What the additional columns' paths select in one document, followed as Fauna's {@code Select} follows a path:
 * field names in objects, indexes in arrays, and {@code id}, {@code collection} and {@code database} of a ref. While
 * a document is parsed, {@code live} arrays name the columns whose path led to the value being read, and
 * {@code depth} how many path elements were followed.
 */
final class ColumnSelection {
  static final int[] NONE = new int[0];

  private final List<ColumnSpec> columns;
  private final Object[] selected;

  ColumnSelection(List<ColumnSpec> columns) {
    this.columns = columns;
    this.selected = new Object[columns.size()];
  }

  /** Forgets what the columns selected in the previous document. */
  void reset() {
    Arrays.fill(selected, null);
  }

  /** What column {@code i} selected (see {@link ColumnConversion}); null when nothing. */
  Object selected(int i) {
    return selected[i];
  }

  /** Every column: the ones live at the document's root. */
  int[] all() {
    int[] all = new int[columns.size()];
    Arrays.setAll(all, i -> i);
    return all;
  }

  /** The columns of {@code live} whose path goes on with {@code element} at {@code depth}. */
  int[] next(int[] live, int depth, Object element) {
    int count = 0;
    for (int i : live) {
      if (continuesWith(i, depth, element)) {
        count++;
      }
    }
    if (count == 0) {
      return NONE;
    }
    int[] next = new int[count];
    int n = 0;
    for (int i : live) {
      if (continuesWith(i, depth, element)) {
        next[n++] = i;
      }
    }
    return next;
  }

  private boolean continuesWith(int column, int depth, Object element) {
    List<Object> path = columns.get(column).path();
    return path.size() > depth && path.get(depth).equals(element);
  }

  /** Whether the path of some column of {@code live} ends here. */
  boolean ends(int[] live, int depth) {
    for (int i : live) {
      if (endsHere(i, depth)) {
        return true;
      }
    }
    return false;
  }

  /** Whether column {@code i}'s path ends here and it is a {@code json} column (so it needs the JSON text). */
  boolean wantsJson(int column, int depth) {
    return endsHere(column, depth) && columns.get(column).type() == ColumnType.JSON;
  }

  private boolean endsHere(int column, int depth) {
    return columns.get(column).path().size() == depth;
  }

  /** Records {@code value} for the columns of {@code live} whose path ends here. */
  void select(int[] live, int depth, Object value) {
    for (int i : live) {
      if (endsHere(i, depth)) {
        selected[i] = value;
      }
    }
  }

  /** Records a container for the columns ending here; {@code texts[n]} holds the JSON text {@code live[n]} wanted. */
  void selectContainer(int[] live, int depth, boolean array, StringWriter[] texts) {
    for (int n = 0; n < live.length; n++) {
      if (endsHere(live[n], depth)) {
        selected[live[n]] = new Container(array, texts == null || texts[n] == null ? null : texts[n].toString());
      }
    }
  }

  /** Records a ref, or what the rest of a path selects inside it (its id, collection or database). */
  void selectInRef(int[] live, int depth, WireRef ref) {
    for (int i : live) {
      List<Object> path = columns.get(i).path();
      Object value = ref;
      for (int k = depth; k < path.size() && value != null; k++) {
        value = value instanceof WireRef r ? r.step(path.get(k)) : null;
      }
      selected[i] = value;
    }
  }
}
