package dev.faunaconnect.fauna;

import static com.faunadb.client.query.Language.Get;
import static com.faunadb.client.query.Language.Index;
import static com.faunadb.client.query.Language.Indexes;
import static com.faunadb.client.query.Language.Lambda;
import static com.faunadb.client.query.Language.Map;
import static com.faunadb.client.query.Language.Paginate;
import static com.faunadb.client.query.Language.Var;

import com.faunadb.client.FaunaClient;
import com.faunadb.client.errors.FaunaException;
import com.faunadb.client.errors.PermissionDeniedException;
import com.faunadb.client.query.Pagination;
import com.faunadb.client.types.Codec;
import com.faunadb.client.types.Value;
import com.faunadb.client.types.Value.ArrayV;
import com.faunadb.client.types.Value.BooleanV;
import com.faunadb.client.types.Value.ObjectV;
import com.faunadb.client.types.Value.RefV;
import com.faunadb.client.types.Value.StringV;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Finds and checks the indexes that incremental sync reads: source {@code Collection(c)}, no terms, values starting
 * with {@code ts} then {@code ref} (as the seed's CreateIndex makes them). Problems are worded like the seed's and
 * quote the FQL that fixes them.
 */
public final class IndexInspector {
  private static final int PAGE_SIZE = 100;

  /** The incremental index of a collection, if one exists: active ones first, then exact [ts, ref], then by name. */
  public Optional<String> findIncrementalIndex(FaunaClient client, String collection) {
    return definitions(client, index -> definitionProblems(index, collection).isEmpty()).stream().min(Comparator.comparing((Value index) -> !isActive(index))
            .thenComparing(index -> index.at("values").to(Codec.ARRAY).get().size() != 2)
            .thenComparing(IndexInspector::name))
        .map(IndexInspector::name);
  }

  /** The definitions ({@code Get(Index(i))}) of every index the key can see that {@code wanted} accepts. */
  static List<Value> definitions(FaunaClient client, Predicate<Value> wanted) {
    List<Value> found = new ArrayList<>();
    Optional<Value> after = Optional.empty();
    do {
      Pagination page = Paginate(Indexes()).size(com.faunadb.client.query.Language.Value(PAGE_SIZE));
      if (after.isPresent()) {
        page = page.after(after.get());
      }
      Value result = FaunaClients.query(client, Map(page, Lambda("index", Get(Var("index")))));
      result.at("data").to(Codec.ARRAY).get().stream().filter(wanted).forEach(found::add);
      after = result.at("after").getOptional();
    } while (after.isPresent());
    return found;
  }

  /** What is wrong with the named index for incremental sync of the collection; empty when it is usable. */
  public List<String> problems(FaunaClient client, String index, String collection) {
    Value definition;
    try {
      definition = FaunaClients.query(client, Get(Index(index)));
    } catch (PermissionDeniedException e) {
      return List.of("The key may not read the definition of index '" + index + "'. Add "
          + "{ resource: Indexes(), actions: { read: true } } to the privileges of its role.");
    } catch (FaunaException e) {
      if (isInvalidRef(e)) {
        return List.of("Index '" + index + "' does not exist. Create it with " + createIndexFql(index, collection));
      }
      throw e;
    }
    return definitionProblems(definition, collection).stream()
        .map(problem -> problem.replace("Index should", "Index '" + index + "' should"))
        .toList();
  }

  /** The problems of an index definition (the result of {@code Get(Index(i))}), without its name in the text. */
  public static List<String> definitionProblems(Value definition, String collection) {
    List<String> problems = new ArrayList<>();
    Value source = definition.at("source");
    if (!isCollection(source, collection)) {
      problems.add("Index should have source '" + collection + "', but it has source '" + describeSource(source) + "'");
    }
    List<Value> terms = definition.at("terms").to(Codec.ARRAY).getOptional().orElse(List.of());
    if (!terms.isEmpty()) {
      problems.add("Index should have no terms, but it has terms " + DefinitionJson.text(definition.at("terms")));
    }
    List<Value> values = definition.at("values").to(Codec.ARRAY).getOptional().orElse(List.of());
    if (values.size() < 2 || !isPlainField(values.get(0), "ts") || !isPlainField(values.get(1), "ref")) {
      problems.add("Index should have values [{\"field\":\"ts\"},{\"field\":\"ref\"}], but it has values "
          + (values.isEmpty() ? "[]" : DefinitionJson.text(definition.at("values"))));
    }
    return problems;
  }

  /** The seed's CreateIndex for the collection, with the given index name. */
  public static String createIndexFql(String index, String collection) {
    return "CreateIndex({ name: " + SetupFql.quote(index) + ", source: Collection(" + SetupFql.quote(collection)
        + "), terms: [], "
        + "values: [{ field: \"ts\" }, { field: \"ref\" }] })";
  }

  static boolean isInvalidRef(FaunaException e) {
    return e.errors().stream().anyMatch(error -> "invalid ref".equals(error.code()));
  }

  static boolean isCollection(Value source, String collection) {
    return source instanceof RefV ref && ref.getId().equals(collection)
        && ref.getCollection().filter(parent -> "collections".equals(parent.getId())
            && parent.getCollection().isEmpty()).isPresent();
  }

  static String describeSource(Value source) {
    return source instanceof RefV ref ? ref.getId() : DefinitionJson.text(source);
  }

  /** {@code {field: "ts"}} or {@code {field: ["ts"]}}, not reversed and without a transform or binding. */
  static boolean isPlainField(Value value, String field) {
    if (!(value instanceof ObjectV)) {
      return false;
    }
    Value name = value.at("field");
    boolean matches = name.equals(new StringV(field))
        || name instanceof ArrayV && name.to(Codec.ARRAY).get().equals(List.of(new StringV(field)));
    boolean reversed = value.at("reverse").equals(BooleanV.TRUE);
    return matches && !reversed && value.at("transform").getOptional().isEmpty()
        && value.at("binding").getOptional().isEmpty();
  }

  static boolean isActive(Value definition) {
    return definition.at("active").equals(BooleanV.TRUE);
  }

  static String name(Value definition) {
    return definition.at("name").to(Codec.STRING).getOptional()
        .orElseGet(() -> definition.at("ref").to(Codec.REF).get().getId());
  }
}
