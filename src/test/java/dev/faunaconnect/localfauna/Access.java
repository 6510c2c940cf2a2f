package dev.faunaconnect.localfauna;

import dev.faunaconnect.localfauna.Values.RefValue;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What the secret of a request may do, after the server's built-in key roles ({@code auth/Permissions.scala}) and
 * user roles (an exact (resource, action) lookup in the role's privileges).
 */
interface Access {
  /** The native collections only admin keys reach ({@code RootClassIDs}). */
  Set<RefValue> ROOT_COLLECTIONS = Set.of(RefValue.nativeRef("databases"), Values.KEYS, Values.ROLES,
      RefValue.nativeRef("access_providers"));

  /** The admin secret and {@code admin} keys: everything. */
  Access ALL = new Grants(resource -> true, resource -> true, collection -> true);

  /** A {@code server} key: reads and writes everything but databases, keys, roles and access providers. */
  Access SERVER = new Grants(Access::belowRoot, Access::belowRoot,
      collection -> collection == null || belowRoot(collection));

  /** A {@code server-readonly} key: reads like a server key, writes nothing. */
  Access READ_ONLY = new Grants(Access::belowRoot, Access::belowRoot, collection -> false);

  /** A {@code client} key: nothing unless granted otherwise. */
  Access NONE = new Grants(resource -> false, resource -> false, collection -> false);

  /** May read the resource: a collection's documents, an index's entries, or a native collection's schema. */
  boolean canRead(RefValue resource);

  /** May read the history of single documents of the collection ({@code Events(ref)}, {@code Singleton}). */
  boolean canHistoryRead(RefValue resource);

  /** May write to the collection: a native one for schema writes, or null for a document of any collection. */
  boolean canWrite(RefValue collection);

  /** The privileges of a role, as {@code CreateRole} stored them (an object or an array of them): reads only. */
  static Access ofRole(Map<String, Object> role) {
    Object privileges = role == null ? null : role.get("privileges");
    List<?> list = privileges instanceof List<?> l ? l : privileges == null ? List.of() : List.of(privileges);
    return new Grants(resource -> granted(list, resource, "read"),
        resource -> granted(list, resource, "history_read"), collection -> false);
  }

  /** Not one of the {@link #ROOT_COLLECTIONS}. */
  private static boolean belowRoot(RefValue resource) {
    return !ROOT_COLLECTIONS.contains(resource);
  }

  /** An exact (resource, action) match with {@code true}, as the server's privilege table is looked up. */
  private static boolean granted(List<?> privileges, RefValue resource, String action) {
    for (Object p : privileges) {
      if (p instanceof Map<?, ?> m && resource.equals(m.get("resource"))
          && m.get("actions") instanceof Map<?, ?> actions && Boolean.TRUE.equals(actions.get(action))) {
        return true;
      }
    }
    return false;
  }

  /** An {@code Access} made of one test per question. */
  record Grants(Predicate<RefValue> read, Predicate<RefValue> historyRead, Predicate<RefValue> write)
      implements Access {
    @Override
    public boolean canRead(RefValue resource) {
      return read.test(resource);
    }

    @Override
    public boolean canHistoryRead(RefValue resource) {
      return historyRead.test(resource);
    }

    @Override
    public boolean canWrite(RefValue collection) {
      return write.test(collection);
    }
  }
}
