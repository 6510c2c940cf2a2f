package dev.faunaconnect.localfauna;

import java.util.Map;

/** Where an expression is evaluated: the transaction, the snapshot time it reads at, the variables in scope, who asks. */
record Ctx(Store.Txn txn, long snapshot, Map<String, Object> scope, Access access) {
  Ctx withSnapshot(long ts) {
    return new Ctx(txn, ts, scope, access);
  }

  Ctx withScope(Map<String, Object> newScope) {
    return new Ctx(txn, snapshot, newScope, access);
  }
}
