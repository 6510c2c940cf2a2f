package dev.faunaconnect.localfauna;

import dev.faunaconnect.localfauna.Values.RefValue;
import dev.faunaconnect.localfauna.Values.TimeValue;

/** How {@code Format("%s", v)} prints a value. */
final class FormatText {
  private FormatText() {}

  static String of(Object v) {
    if (v instanceof String s) {
      return s;
    }
    if (v instanceof RefValue ref) {
      return ref(ref);
    }
    if (v instanceof TimeValue t) {
      return t.instant().toString();
    }
    return String.valueOf(v);
  }

  private static String ref(RefValue ref) {
    if (ref.collection() == null) {
      return "Ref(\"" + ref.id() + "\")";
    }
    RefValue parent = ref.collection();
    String parentText = switch (parent.isNative() ? parent.id() : "") {
      case "collections" -> "Collection(\"" + ref.id() + "\")";
      case "indexes" -> "Index(\"" + ref.id() + "\")";
      case "roles" -> "Role(\"" + ref.id() + "\")";
      default -> null;
    };
    if (parentText != null) {
      return parentText;
    }
    return "Ref(" + of(parent) + ", \"" + ref.id() + "\")";
  }
}
