package dev.faunaconnect.localfauna;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.faunaconnect.localfauna.Values.RefValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** A document and its full history, oldest version first. */
final class StoredDocument {
  final RefValue ref;
  private List<Version> versions = new ArrayList<>();
  /** The JSON of the version rendered last (usually the current one), kept because versions never change. */
  private Version renderedVersion;
  private SerializableString renderedJson;

  StoredDocument(RefValue ref) {
    this.ref = ref;
  }

  List<Version> versions() {
    return versions;
  }

  void restore(List<Version> saved) {
    versions = new ArrayList<>(saved);
  }

  /** The JSON of {@code version} as Get renders it, rendered by {@code render} unless it was rendered last time. */
  SerializableString json(Version version, Function<Map<String, Object>, String> render) {
    if (renderedVersion != version) {
      renderedJson = new SerializedString(render.apply(fieldsOf(version)));
      renderedVersion = version;
    }
    return renderedJson;
  }

  /** The version in force at {@code ts}, or null when the document did not exist yet. */
  Version versionAt(long ts) {
    for (int i = versions.size() - 1; i >= 0; i--) {
      if (versions.get(i).ts() <= ts) {
        return versions.get(i);
      }
    }
    return null;
  }

  /** The live version at {@code ts}, or null when the document does not exist or is deleted then. */
  Version liveAt(long ts) {
    Version v = versionAt(ts);
    return v == null || v.isDelete() ? null : v;
  }

  /**
   * When the document's current life began: its first version after its last delete. The real server gives a
   * schema document created again under a name a new id ({@code IDStore.nextSequentialID}), so a read by name at a
   * time before this finds nothing; this server keeps both lives in one document, keyed by name.
   */
  long currentLifeStart() {
    long start = Long.MIN_VALUE;
    for (int i = 0; i < versions.size(); i++) {
      if (versions.get(i).isDelete()) {
        start = i + 1 < versions.size() ? versions.get(i + 1).ts() : Long.MAX_VALUE;
      }
    }
    return start;
  }

  /**
   * The version a read sees: live at the valid time {@code ts} and not expired by its ttl at the transaction's
   * snapshot time {@code now} (DocSnapshot.run); null otherwise. An expired document is simply not there: no
   * delete is written for it.
   */
  Version visibleAt(long ts, long now) {
    Version v = liveAt(ts);
    return v != null && v.unexpiredAt(now) ? v : null;
  }

  /** Writes a version; a second write at the same time replaces the first. */
  void write(Version version) {
    if (versions.isEmpty() || versions.get(versions.size() - 1).ts() < version.ts()) {
      versions.add(version);
      return;
    }
    int i = indexOf(version.ts());
    if (i >= 0) {
      versions.set(i, version);
      return;
    }
    int at = 0;
    while (at < versions.size() && versions.get(at).ts() < version.ts()) {
      at++;
    }
    versions.add(at, version);
  }

  /**
   * Removes the version at {@code ts} if it is a delete ({@code delete}) or a live version (not {@code delete}),
   * as versions are keyed by (ts, live or deleted); true if there was one. A live version at or before the
   * minimum valid time is the root of the retained history: it becomes a delete instead of uncovering what
   * retention collected.
   */
  boolean removeAt(long ts, boolean delete, long minValidTime) {
    int i = indexOf(ts);
    if (i < 0 || versions.get(i).isDelete() != delete) {
      return false;
    }
    if (!delete && ts <= minValidTime) {
      versions.set(i, Version.deleted(ts));
    } else {
      versions.remove(i);
    }
    return true;
  }

  private int indexOf(long ts) {
    for (int i = 0; i < versions.size(); i++) {
      if (versions.get(i).ts() == ts) {
        return i;
      }
    }
    return -1;
  }

  /** The document as Get returns it: ref, ts, then the stored fields in stored order. */
  Map<String, Object> render(Version version) {
    return new DocumentView(this, version);
  }

  Map<String, Object> fieldsOf(Version version) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("ref", ref);
    out.put("ts", version.ts());
    if (version.fields() != null) {
      out.putAll(version.fields());
    }
    return out;
  }

  /** {@code delete}; {@code update} when the version before it is live; else {@code create}. */
  static String actionOf(Version previous, Version version) {
    if (version.isDelete()) {
      return "delete";
    }
    return previous == null || previous.isDelete() ? "create" : "update";
  }

  /**
   * The {@code data} an event carries: the whole data for a create, the changed leaves for an update (a removed
   * key as null), null for a delete or when nothing in {@code data} changed.
   */
  static Object diffOf(Version previous, Version version) {
    if (version.isDelete()) {
      return null;
    }
    Object now = version.fields().get("data");
    if ("create".equals(actionOf(previous, version))) {
      return now;
    }
    Map<String, Object> changes = diff(dataOf(previous), dataOf(version));
    return changes.isEmpty() ? null : changes;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> dataOf(Version v) {
    Object data = v.fields() == null ? null : v.fields().get("data");
    return data instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> diff(Map<String, Object> before, Map<String, Object> after) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : after.entrySet()) {
      Object old = before.get(e.getKey());
      if (!before.containsKey(e.getKey())) {
        out.put(e.getKey(), e.getValue());
      } else if (old instanceof Map && e.getValue() instanceof Map) {
        Map<String, Object> inner = diff((Map<String, Object>) old, (Map<String, Object>) e.getValue());
        if (!inner.isEmpty()) {
          out.put(e.getKey(), inner);
        }
      } else if (!Objects.equals(old, e.getValue())) {
        out.put(e.getKey(), e.getValue());
      }
    }
    for (String key : before.keySet()) {
      if (!after.containsKey(key)) {
        out.put(key, null);
      }
    }
    return out;
  }
}
