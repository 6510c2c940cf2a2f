package dev.faunaconnect.localfauna;

import dev.faunaconnect.localfauna.Values.RefValue;

/** The read checks of the server's ABAC, for the role-based keys this server supports. */
final class Permissions {
  private Permissions() {}

  /** A read of a document (or schema document) of {@code collection}: 403 at the call when not allowed. */
  static void checkRead(Call c, RefValue collection) {
    if (!c.ctx.access().canRead(collection)) {
      throw c.fail(FaunaError.permissionDenied());
    }
  }

  /** A read of one document's history (or of it as a set): 403 at the reading function's argument. */
  static void checkHistoryRead(Call c, String verb, RefValue collection) {
    if (!c.ctx.access().canHistoryRead(collection)) {
      throw c.failAt(verb, FaunaError.permissionDenied());
    }
  }

  /**
   * A write: the create functions are refused at their argument ({@code ["create"]}, {@code ["create_key"]}),
   * the other writes at the form itself. Schema creates write to a native collection.
   */
  static void checkWrite(Call c) {
    if (c.ctx.txn().readOnly) {
      throw c.fail(FaunaError.invalidExpression("Call performs a write, which is not allowed in get requests."));
    }
    String verb = java.util.stream.Stream.of("create", "create_collection", "create_index", "create_role",
        "create_key").filter(c::has).findFirst().orElse("");
    RefValue target = switch (verb) {
      case "create_collection" -> Values.COLLECTIONS;
      case "create_index" -> Values.INDEXES;
      case "create_role" -> Values.ROLES;
      case "create_key" -> Values.KEYS;
      default -> null;
    };
    if (!c.ctx.access().canWrite(target)) {
      throw verb.startsWith("create") ? c.failAt(verb, FaunaError.permissionDenied())
          : c.fail(FaunaError.permissionDenied());
    }
  }

  /** A read at a snapshot below the collection's minimum valid time is refused: that history is gone. */
  static void checkRetained(Call c, RefValue collection, long snapshot) {
    if (collection.isNative() || snapshot >= c.ctx.txn().ts) {
      return;
    }
    long mvt = c.store().minValidTime(collection.id());
    if (snapshot < mvt) {
      throw FaunaError.belowMinValidTime(snapshot, mvt);
    }
  }
}
