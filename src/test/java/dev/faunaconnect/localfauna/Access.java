package dev.faunaconnect.localfauna;

import dev.faunaconnect.localfauna.Values.RefValue;
import java.util.List;
import java.util.Map;

/** What the secret of a request may do: everything (the admin secret, admin and server keys) or what a role grants. */
interface Access {
  Access ALL = new Access() {
    @Override
    public boolean canRead(RefValue resource) {
      return true;
    }

    @Override
    public boolean canHistoryRead(RefValue resource) {
      return true;
    }

    @Override
    public boolean canWrite() {
      return true;
    }
  };

  /** A {@code server-readonly} key: reads everything but the keys and roles. */
  Access READ_ONLY = new Access() {
    @Override
    public boolean canRead(RefValue resource) {
      return !Values.KEYS.equals(resource) && !Values.ROLES.equals(resource);
    }

    @Override
    public boolean canHistoryRead(RefValue resource) {
      return canRead(resource);
    }

    @Override
    public boolean canWrite() {
      return false;
    }
  };

  /** A {@code client} key: nothing unless granted otherwise. */
  Access NONE = new Access() {
    @Override
    public boolean canRead(RefValue resource) {
      return false;
    }

    @Override
    public boolean canHistoryRead(RefValue resource) {
      return false;
    }

    @Override
    public boolean canWrite() {
      return false;
    }
  };

  /** May read the resource: a collection's documents, an index's entries, or a native collection's schema. */
  boolean canRead(RefValue resource);

  /** May read the history of single documents of the collection ({@code Events(ref)}, {@code Singleton}). */
  boolean canHistoryRead(RefValue resource);

  boolean canWrite();

  /** The privileges of a role, as {@code CreateRole} stored them (an object or an array of them). */
  static Access ofRole(Map<String, Object> role) {
    Object privileges = role == null ? null : role.get("privileges");
    List<?> list = privileges instanceof List<?> l ? l : privileges == null ? List.of() : List.of(privileges);
    return new Access() {
      @Override
      public boolean canRead(RefValue resource) {
        return granted(list, resource, "read");
      }

      @Override
      public boolean canHistoryRead(RefValue resource) {
        return granted(list, resource, "history_read");
      }

      @Override
      public boolean canWrite() {
        return false;
      }
    };
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
}
