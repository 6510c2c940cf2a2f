package dev.faunaconnect.localfauna;

import dev.faunaconnect.localfauna.Values.RefValue;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Schema writes: CreateCollection, CreateIndex, CreateRole, CreateKey, and Update of schema documents. */
final class SchemaForms {
  /** An index whose source holds more documents than this is built in the background, as the server does. */
  static final int SYNC_BUILD_SIZE = 128;

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Set<String> BUILT_IN_ROLES = Set.of("admin", "server", "server-readonly", "client");
  private static final Set<String> KEY_FIELDS = Set.of("role", "database", "data", "priority", "ttl");

  private SchemaForms() {}

  static void register(Forms f) {
    f.add("create_collection", SchemaForms::createCollection)
        .add("create_index", SchemaForms::createIndex)
        .add("create_role", SchemaForms::createRole)
        .add("create_key", SchemaForms::createKey);
  }

  private static Object createCollection(Call c) {
    Map<String, Object> params = schemaParams(c, "create_collection");
    String name = name(c, params, "create_collection");
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("history_days", 0L);
    fields = DataPatch.patch(fields, params);
    checkHistoryDays(c, fields, "create_collection");
    return write(c, "collections", name, fields, "Collection already exists.", "create_collection");
  }

  private static Object createIndex(Call c) {
    Map<String, Object> params = schemaParams(c, "create_index");
    String name = name(c, params, "create_index");
    Object source = params.get("source");
    if (!(source instanceof RefValue ref) || !Values.COLLECTIONS.equals(ref.collection())
        || !c.store().hasCollection(ref.id())) {
      throw c.failAt("create_index", FaunaError.invalidData(List.of("source"), "invalid reference",
          "Cannot read reference."));
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("active", false);
    fields.put("serialized", true);
    fields = new LinkedHashMap<>(DataPatch.patch(fields, params));
    fields.put("terms", fieldSpecs(c, fields.get("terms"), "terms"));
    fields.put("values", fieldSpecs(c, fields.get("values"), "values"));
    if (fields.get("terms") == null) {
      fields.remove("terms");
    }
    if (fields.get("values") == null) {
      fields.remove("values");
    }
    boolean noTerms = !(fields.get("terms") instanceof List<?> t) || t.isEmpty();
    fields.putIfAbsent("partitions", noTerms ? 8L : 1L);
    CollectionTable sourceTable = c.store().collection(ref.id());
    boolean small = sourceTable.docs.values().stream().mapToInt(d -> d.versions().size()).sum() <= SYNC_BUILD_SIZE;
    if (small) {
      fields.put("active", true);
    } else {
      c.store().scheduleIndexBuild(name);
    }
    return write(c, "indexes", name, fields, "Index already exists.", "create_index");
  }

  /** Terms and values: each an object with a {@code field} (a name or a path); {@code reverse} and {@code transform} are kept. */
  private static Object fieldSpecs(Call c, Object spec, String key) {
    if (spec == null) {
      return null;
    }
    List<?> list = spec instanceof List<?> l ? l : List.of(spec);
    List<Object> out = new ArrayList<>();
    for (Object item : list) {
      if (!(item instanceof Map<?, ?> m) || !(m.get("field") instanceof String || m.get("field") instanceof List)) {
        throw c.failAt("create_index", FaunaError.invalidData(List.of(key), "invalid type",
            "Invalid type Object, expected field."));
      }
      Map<String, Object> kept = new LinkedHashMap<>();
      for (String k : List.of("field", "reverse", "transform")) {
        if (m.containsKey(k)) {
          kept.put(k, m.get(k));
        }
      }
      out.add(kept);
    }
    return out;
  }

  private static Object createRole(Call c) {
    Map<String, Object> params = schemaParams(c, "create_role");
    String name = name(c, params, "create_role");
    return write(c, "roles", name, DataPatch.patch(Map.of(), params), "Role already exists.", "create_role");
  }

  /** The result carries the secret once; the stored key keeps only {@code hashed_secret}. */
  private static Object createKey(Call c) {
    Map<String, Object> params = schemaParams(c, "create_key");
    Object role = params.get("role");
    boolean knownRole = role instanceof String s && BUILT_IN_ROLES.contains(s)
        || role instanceof RefValue r && Values.ROLES.equals(r.collection())
            && c.store().schemaFields("roles", r.id(), Long.MAX_VALUE) != null;
    if (!knownRole) {
      throw c.failAt("create_key", FaunaError.invalidData(List.of("role"), "invalid reference",
          "Cannot read reference."));
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    params.forEach((k, v) -> {
      if (KEY_FIELDS.contains(k)) {
        fields.put(k, v);
      }
    });
    String id = c.store().newId();
    String secret = secret(Long.parseLong(id));
    fields.put("hashed_secret", "$2a$05$" + Base64.getEncoder().withoutPadding().encodeToString(randomBytes(40))
        .replace('+', '.'));
    @SuppressWarnings("unchecked")
    Map<String, Object> stored = (Map<String, Object>) write(c, "keys", id, DataPatch.patch(Map.of(), fields),
        "Key already exists.", "create_key");
    RefValue keyRef = new RefValue(id, Values.KEYS);
    c.store().registerSecret(secret, keyRef, c.ctx.txn());
    Map<String, Object> result = new LinkedHashMap<>();
    stored.forEach((k, v) -> {
      if (!"hashed_secret".equals(k)) {
        result.put(k, v);
      }
    });
    result.put("secret", secret);
    result.put("hashed_secret", stored.get("hashed_secret"));
    return WriteForms.Created.mark(result);
  }

  /** {@code fn} + base64url(version 126, type key 112, the key id, 20 random bytes): 40 characters. */
  private static String secret(long keyId) {
    ByteBuffer bytes = ByteBuffer.allocate(30);
    bytes.put((byte) 0x7E).put((byte) 0x70).putLong(keyId).put(randomBytes(20));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
  }

  private static byte[] randomBytes(int n) {
    byte[] out = new byte[n];
    RANDOM.nextBytes(out);
    return out;
  }

  /** Update of a schema document: its fields patched (Replace keeps the collection's name and retention). */
  static Map<String, Object> updatedSchema(Call c, CollectionTable table, Map<String, Object> current,
                                           Map<String, Object> params, boolean partial) {
    Map<String, Object> base = current;
    if (!partial) {
      base = new LinkedHashMap<>();
      for (String keep : List.of("name", "history_days")) {
        if ("collections".equals(table.name()) && current.containsKey(keep)) {
          base.put(keep, current.get(keep));
        }
      }
    }
    Map<String, Object> fields = DataPatch.patch(base, params);
    String verb = partial ? "update" : "replace";
    if ("collections".equals(table.name())) {
      checkHistoryDays(c, fields, verb);
    }
    if (params.containsKey("name") && !params.get("name").equals(current.get("name"))) {
      throw c.failAt(verb,
          FaunaError.validationFailed("Renaming schema documents is not supported by this server."));
    }
    return fields;
  }

  /** Collection.RetainValidator: an optional Long, not negative; failures are at the writing function. */
  private static void checkHistoryDays(Call c, Map<String, Object> fields, String verb) {
    Object days = fields.get("history_days");
    if (days != null && !(days instanceof Long)) {
      throw c.failAt(verb, FaunaError.invalidData(List.of("history_days"), "invalid type",
          "Invalid type " + storedType(days) + ", expected type Long."));
    }
    if (days instanceof Long d && d < 0) {
      throw c.failAt(verb, FaunaError.invalidData(List.of("history_days"), "non-negative value required",
          "Value must be non-negative."));
    }
  }

  /** The stored (IR) type names that validation failures use. */
  static String storedType(Object v) {
    if (v instanceof Long) {
      return "Long";
    }
    if (v instanceof Map) {
      return "Map";
    }
    if (v instanceof RefValue) {
      return "Ref";
    }
    if (v instanceof Values.QueryValue) {
      return "Query";
    }
    return Evaluator.typeName(v);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> schemaParams(Call c, String key) {
    Permissions.checkWrite(c);
    WriteForms.checkWriteTime(c);
    Object params = c.arg(key);
    if (!(params instanceof Map<?, ?> m)) {
      throw c.failAt(key, FaunaError.invalidArgument("Object expected, " + Evaluator.typeName(params)
          + " provided."));
    }
    WriteForms.checkReferences(c, (Map<String, Object>) m);
    return (Map<String, Object>) m;
  }

  private static String name(Call c, Map<String, Object> params, String key) {
    if (!(params.get("name") instanceof String name) || name.isEmpty()) {
      throw c.failAt(key, FaunaError.invalidData(List.of("name"), "value required", "Required value not found."));
    }
    return name;
  }

  private static Object write(Call c, String nativeName, String id, Map<String, Object> fields, String exists,
                              String key) {
    CollectionTable table = c.store().nativeTable(nativeName);
    StoredDocument existing = table.document(id);
    if (existing != null && existing.liveAt(c.ctx.txn().ts) != null) {
      throw c.failAt(key, FaunaError.alreadyExists(exists));
    }
    StoredDocument doc = table.documentOrNew(id);
    Version version = new Version(c.ctx.txn().ts, fields);
    c.ctx.txn().write(table, doc, version);
    return WriteForms.Created.mark(doc.render(version));
  }
}
