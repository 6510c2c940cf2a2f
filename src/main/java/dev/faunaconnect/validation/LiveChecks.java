package dev.faunaconnect.validation;

import static com.faunadb.client.query.Language.Collection;
import static com.faunadb.client.query.Language.Collections;
import static com.faunadb.client.query.Language.Documents;
import static com.faunadb.client.query.Language.Index;
import static com.faunadb.client.query.Language.Indexes;
import static com.faunadb.client.query.Language.Match;
import static com.faunadb.client.query.Language.Now;
import static com.faunadb.client.query.Language.Paginate;
import static com.faunadb.client.query.Language.Value;
import static dev.faunaconnect.config.FaunaSourceConfig.COLLECTIONS_CONFIG;
import static dev.faunaconnect.config.FaunaSourceConfig.ENDPOINT_CONFIG;
import static dev.faunaconnect.config.FaunaSourceConfig.SECRET_CONFIG;

import com.faunadb.client.FaunaClient;
import com.faunadb.client.errors.FaunaException;
import com.faunadb.client.errors.PermissionDeniedException;
import com.faunadb.client.errors.UnauthorizedException;
import com.faunadb.client.query.Expr;
import dev.faunaconnect.config.FaunaSourceConfig;
import dev.faunaconnect.fauna.FaunaClients;
import dev.faunaconnect.fauna.IndexInspector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The checks that ask Fauna: each failure becomes an error on the field to change. */
final class LiveChecks {
  private final FaunaClient client;
  private final ValidationReport report;
  private final IndexInspector inspector;
  private List<String> collections = List.of();
  private List<String> indexes = List.of();

  LiveChecks(FaunaClient client, ValidationReport report, IndexInspector inspector) {
    this.client = client;
    this.report = report;
    this.inspector = inspector;
  }

  /** {@code collections} empty means every visible collection; {@code explicitIndexes} maps collection to index. */
  void run(String endpoint, List<String> collections, Map<String, String> explicitIndexes) {
    this.collections = collections;
    this.indexes = List.copyOf(explicitIndexes.values());
    if (!connected(endpoint)) {
      return;
    }
    boolean canListIndexes = canList(Indexes(), SECRET_CONFIG, "The key may not list indexes (Paginate(Indexes()) "
        + "was denied); the connector reads index definitions to find and check the incremental index of each "
        + "collection.");
    if (collections.isEmpty()) {
      canList(Collections(), COLLECTIONS_CONFIG, "The key may not list collections (Paginate(Collections()) was "
          + "denied), so " + COLLECTIONS_CONFIG + " cannot be left empty to stream every collection. Either list the "
          + "collections to stream, or grant the role read on Collections().");
    }
    List<String> existing = collections.stream().filter(this::exists).toList();
    explicitIndexes.forEach(this::checkExplicitIndex);
    if (canListIndexes) {
      existing.stream().filter(c -> !explicitIndexes.containsKey(c)).forEach(this::checkDiscoveredIndex);
    }
  }

  private boolean connected(String endpoint) {
    try {
      FaunaClients.query(client, Now());
      return true;
    } catch (UnauthorizedException e) {
      report.error(SECRET_CONFIG, "Fauna rejected the secret (401 Unauthorized): it does not belong to a live key "
          + "of this database. Create a key with " + SetupFql.createKey() + " and use the secret it returns (it is "
          + "shown only once).");
    } catch (FaunaException e) {
      report.error(ENDPOINT_CONFIG, "Fauna at " + endpoint + " failed the query Now() with '" + e.getMessage()
          + "'. Check that " + ENDPOINT_CONFIG + " is the URL of the Fauna HTTP API.");
    } catch (RuntimeException e) {
      report.error(ENDPOINT_CONFIG, "Cannot reach Fauna at " + endpoint + " (" + e.getMessage() + "). Check the "
          + "scheme, host and port in " + ENDPOINT_CONFIG + ", and that Fauna is running there.");
    }
    return false;
  }

  private boolean canList(Expr set, String field, String problem) {
    try {
      FaunaClients.query(client, Paginate(set).size(Value(1)));
      return true;
    } catch (PermissionDeniedException e) {
      report.error(field, problem + " Give the key a role like the one in the docs: " + roleFql());
      return false;
    }
  }

  private boolean exists(String collection) {
    try {
      FaunaClients.query(client, Paginate(Documents(Collection(collection))).size(Value(1)));
      return true;
    } catch (FaunaException e) {
      if (isInvalidRef(e)) {
        report.error(COLLECTIONS_CONFIG, "Collection '" + collection + "' does not exist. Create it with "
            + SetupFql.createCollection(collection) + " or remove it from " + COLLECTIONS_CONFIG + ".");
      } else {
        report.error(COLLECTIONS_CONFIG, "Cannot read collection '" + collection + "': " + e.getMessage());
      }
      return false;
    }
  }

  private void checkExplicitIndex(String collection, String index) {
    String key = FaunaSourceConfig.indexKey(collection);
    List<String> problems = inspector.problems(client, index, collection);
    for (String problem : problems) {
      boolean definition = problem.contains(" should have ");
      report.error(key, problem + (definition ? ". Create an index as the docs show, "
          + IndexInspector.createIndexFql(collection + "_by_ts", collection) + ", and set " + key + " to its name, "
          + "or remove " + key + " to find one automatically." : ""));
    }
    if (problems.isEmpty()) {
      checkCanRead(key, collection, index);
    }
  }

  private void checkDiscoveredIndex(String collection) {
    Optional<String> index = inspector.findIncrementalIndex(client, collection);
    index.ifPresent(i -> checkCanRead(COLLECTIONS_CONFIG, collection, i));
  }

  private void checkCanRead(String field, String collection, String index) {
    try {
      FaunaClients.query(client, Paginate(Match(Index(index))).size(Value(1)));
    } catch (PermissionDeniedException e) {
      report.error(field, "The key may not read index '" + index + "', the incremental index of collection '"
          + collection + "'. Add " + SetupFql.readPrivilege(SetupFql.index(index)) + " to the privileges of its "
          + "role, as in " + roleFql(List.of(collection), List.of(index)));
    } catch (FaunaException e) {
      report.error(field, "Cannot read index '" + index + "' of collection '" + collection + "': " + e.getMessage()
          + (e.getMessage().contains("not active") ? ". Fauna is still building it; wait until Get(Index(\"" + index
              + "\")) shows active: true." : ""));
    }
  }

  private String roleFql() {
    return roleFql(collections, indexes);
  }

  private static String roleFql(List<String> collections, List<String> indexes) {
    List<String> shownCollections = new ArrayList<>(collections);
    if (shownCollections.isEmpty()) {
      shownCollections.add("COLLECTION_NAME");
    }
    return SetupFql.readOnlyRole(shownCollections, indexes.isEmpty() ? List.of("INDEX_NAME") : indexes);
  }

  private static boolean isInvalidRef(FaunaException e) {
    return e.errors().stream().anyMatch(error -> "invalid ref".equals(error.code()));
  }
}
