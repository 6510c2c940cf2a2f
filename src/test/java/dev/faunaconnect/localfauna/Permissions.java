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

  static void checkHistoryRead(Call c, RefValue collection) {
    if (!c.ctx.access().canHistoryRead(collection)) {
      throw c.fail(FaunaError.permissionDenied());
    }
  }

  static void checkWrite(Call c) {
    if (c.ctx.txn().readOnly) {
      throw c.fail(FaunaError.invalidExpression("Call performs a write, which is not allowed in get requests."));
    }
    if (!c.ctx.access().canWrite()) {
      throw c.fail(FaunaError.permissionDenied());
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
