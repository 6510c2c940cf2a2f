package dev.faunaconnect.fauna;

import com.faunadb.client.FaunaClient;
import com.faunadb.client.types.Codec;
import com.faunadb.client.types.Value;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Finds the ttl index of a collection: source {@code Collection(c)}, no terms, values {@code [ttl, ref]}. The
 * connector reads it to see documents that expire by ttl (Fauna writes no event for an expiry). Every live document
 * has an entry, {@code [null, ref]} when it has no ttl (Fauna leaves an entry out only when all its values are null,
 * {@code Indexer.rows}); the connector ranges over times only.
 */
public final class TtlIndex {
  private TtlIndex() {}

  /** The ttl index of the collection, if one exists: active ones first, then by name. */
  public static Optional<String> find(FaunaClient client, String collection) {
    return IndexInspector.definitions(client, index -> isTtlIndex(index, collection)).stream().min(Comparator.comparing((Value index) -> !IndexInspector.isActive(index))
        .thenComparing(IndexInspector::name)).map(IndexInspector::name);
  }

  /** Whether the definition ({@code Get(Index(i))}) is a ttl index of the collection. */
  static boolean isTtlIndex(Value definition, String collection) {
    List<Value> terms = definition.at("terms").to(Codec.ARRAY).getOptional().orElse(List.of());
    List<Value> values = definition.at("values").to(Codec.ARRAY).getOptional().orElse(List.of());
    return IndexInspector.isCollection(definition.at("source"), collection) && terms.isEmpty()
        && values.size() == 2 && IndexInspector.isPlainField(values.get(0), "ttl")
        && IndexInspector.isPlainField(values.get(1), "ref");
  }

  /** The CreateIndex of a ttl index for the collection. */
  public static String createIndexFql(String collection) {
    return "CreateIndex({ name: \"" + collection + "_by_ttl\", source: Collection(\"" + collection + "\"), terms: [], "
        + "values: [{ field: \"ttl\" }, { field: \"ref\" }] })";
  }

  /** The warning for a collection whose expiries cannot be seen, because it has no ttl index. */
  public static String missingWarning(String collection) {
    return "Collection '" + collection + "' has no ttl index, so documents that expire by ttl will not reach Kafka "
        + "as deletes (Fauna writes no event for an expiry). To see them, create one: " + createIndexFql(collection);
  }
}
