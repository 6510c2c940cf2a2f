package dev.faunaconnect.fauna;

import static com.faunadb.client.query.Language.Get;
import static com.faunadb.client.query.Language.Index;
import static com.faunadb.client.query.Language.Select;
import static com.faunadb.client.query.Language.Value;

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

  /** A ttl index found: its name, and whether it is active (false while Fauna still builds it). */
  public record Found(String name, boolean active) {}

  /** The ttl index of the collection, if one exists: active ones first, then by name. */
  public static Optional<Found> find(FaunaClient client, String collection) {
    return IndexInspector.definitions(client, index -> isTtlIndex(index, collection)).stream()
        .min(Comparator.comparing((Value index) -> !IndexInspector.isActive(index))
            .thenComparing(IndexInspector::name))
        .map(index -> new Found(IndexInspector.name(index), IndexInspector.isActive(index)));
  }

  /** The FQL of {@link #isActive}. */
  public static String activeFql(String index) {
    return "Select(\"active\", Get(Index(" + SetupFql.quote(index) + ")), false)";
  }

  /** Whether the index is active now ({@code Get(Index(i))} shows {@code active: true}). */
  public static boolean isActive(FaunaClient client, String index) {
    return FaunaClients.query(client, Select(Value("active"), Get(Index(index)), Value(false)))
        .to(Codec.BOOLEAN).get();
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
    return "CreateIndex({ name: " + SetupFql.quote(collection + "_by_ttl") + ", source: Collection("
        + SetupFql.quote(collection) + "), terms: [], "
        + "values: [{ field: \"ttl\" }, { field: \"ref\" }] })";
  }

  /** The warning for a collection whose ttl index Fauna is still building: expiries are seen once it is active. */
  public static String buildingWarning(String collection, String index) {
    return "Collection '" + collection + "': its ttl index '" + index + "' is still being built (active: false), so "
        + "documents that expire by ttl do not reach Kafka as deletes yet. The connector uses the index as soon as "
        + "Get(Index(" + SetupFql.quote(index) + ")) shows active: true.";
  }

  /** The warning for a collection whose expiries cannot be seen, because it has no ttl index. */
  public static String missingWarning(String collection) {
    return "Collection '" + collection + "' has no ttl index, so documents that expire by ttl will not reach Kafka "
        + "as deletes (Fauna writes no event for an expiry). To see them, create one: " + createIndexFql(collection);
  }
}
