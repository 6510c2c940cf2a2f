package dev.faunaconnect.validation;

import dev.faunaconnect.fauna.SetupFql;
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

import com.faunadb.client.errors.FaunaException;
import com.faunadb.client.query.Expr;
import com.faunadb.client.types.Value;
import dev.faunaconnect.config.CrossChecks;
import dev.faunaconnect.config.FaunaSourceConfig;
import dev.faunaconnect.fauna.FaunaClients;
import dev.faunaconnect.fauna.FaunaGateway;
import dev.faunaconnect.fauna.FaunaQueryException;
import dev.faunaconnect.fauna.FaunaQueryException.Kind;
import dev.faunaconnect.fauna.IndexInspector;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The checks that ask Fauna, through the task's own {@link FaunaGateway} (same retries, same classification of
 * failures), each failure an error on the field to change. Once Fauna stops answering, or rejects the secret, the
 * remaining checks are skipped: they would all fail the same way.
 */
final class LiveChecks {
  /** Live settings: the endpoint, the listed collections (empty: all), explicit indexes and the topic prefix. */
  record Target(String endpoint, List<String> collections, Map<String, String> explicitIndexes, String topicPrefix,
      Map<String, String> props) {}

  /** Stops the checks after an error that every later check would repeat. */
  private static final class Stop extends RuntimeException {
    Stop() {
      super(null, null, false, false);
    }
  }

  private final FaunaGateway gateway;
  private final ValidationReport report;
  private final LiveFailures failures;
  private final IndexInspector inspector = new IndexInspector();
  private Optional<String> warning = Optional.empty();

  LiveChecks(FaunaGateway gateway, ValidationReport report, LiveFailures failures) {
    this.gateway = gateway;
    this.report = report;
    this.failures = failures;
  }

  /** Runs every check; returns the warning about the key's role, if any. */
  Optional<String> run(Target target) {
    try {
      ask("Now()", Now(), e -> report.error(ENDPOINT_CONFIG, failures.notFauna("Now()", e)));
      if (report.hasErrors(ENDPOINT_CONFIG)) {
        return Optional.empty();
      }
      checkAll(target);
    } catch (Stop stop) {
      // reported where it happened
    }
    return warning;
  }

  private void checkAll(Target target) {
    boolean canListIndexes = canList("Paginate(Indexes())", Indexes(), SECRET_CONFIG, "Indexes()", "The key may not "
        + "list indexes (Paginate(Indexes()) was denied); the connector reads index definitions to find and check the "
        + "incremental index of each collection.");
    // with every collection streamed, only their topics are checked: one query each would not answer a REST call
    List<String> visible = target.collections().isEmpty() ? discovered(target) : List.of();
    List<String> existing = target.collections().stream().filter(this::exists).toList();
    target.explicitIndexes().forEach((collection, index) -> checkExplicitIndex(collection, index, canListIndexes));
    if (canListIndexes) {
      existing.stream().filter(c -> !target.explicitIndexes().containsKey(c)).forEach(this::checkDiscoveredIndex);
      TtlIndexCheck.warnEach(gateway, target.props(), existing);
    }
    warning = KeyRoleCheck.warning(gateway, existing.isEmpty() ? visible.stream().findFirst()
        : existing.stream().findFirst());
  }

  /** Every collection the key can see, with the topic of each checked (the task would meet it at its start). */
  private List<String> discovered(Target target) {
    if (!canList("Paginate(Collections())", Collections(), COLLECTIONS_CONFIG, "Collections()", "The key may not "
        + "list collections (Paginate(Collections()) was denied), so " + COLLECTIONS_CONFIG + " cannot be left empty "
        + "to stream every collection. Either list the collections to stream, or grant the role read on "
        + "Collections().")) {
      return List.of();
    }
    List<String> all = ask("Paginate(Collections())", gateway::collections,
        e -> report.error(COLLECTIONS_CONFIG, e.getMessage())).orElse(List.of());
    for (String collection : all) {
      CrossChecks.topicProblem(collection, target.topicPrefix(), target.props().get(
          FaunaSourceConfig.topicKey(collection))).ifPresent(p -> report.error(FaunaSourceConfig.topicKey(collection),
          p));
    }
    return all;
  }

  private boolean canList(String fql, Expr set, String field, String resource, String problem) {
    return ask(fql, Paginate(set).size(Value(1)), e -> report.error(field, e.kind() == Kind.PERMISSION_DENIED
        ? problem + " " + SetupFql.grantAdvice(List.of(resource)) : e.getMessage())).isPresent();
  }

  private boolean exists(String collection) {
    String fql = "Paginate(Documents(" + SetupFql.collection(collection) + "), {size: 1})";
    return ask(fql, Paginate(Documents(Collection(collection))).size(Value(1)), e -> {
      if (isInvalidRef(e)) {
        report.error(COLLECTIONS_CONFIG, "Collection '" + collection + "' does not exist. Create it with "
            + SetupFql.createCollection(collection) + " or remove it from " + COLLECTIONS_CONFIG + ".");
      } else if (e.kind() == Kind.PERMISSION_DENIED) {
        report.error(COLLECTIONS_CONFIG, "The key may not read collection '" + collection + "'. "
            + SetupFql.grantAdvice(List.of(SetupFql.collection(collection))));
      } else {
        report.error(COLLECTIONS_CONFIG, "Cannot read collection '" + collection + "': " + e.getMessage());
      }
    }).isPresent();
  }

  private void checkExplicitIndex(String collection, String index, boolean canListIndexes) {
    String key = FaunaSourceConfig.indexKey(collection);
    if (!canListIndexes) {
      report.error(key, "The key may not read the definition of index '" + index + "', so it cannot be checked. "
          + SetupFql.grantAdvice(List.of("Indexes()")));
      return;
    }
    String fql = "Get(" + SetupFql.index(index) + ")";
    List<String> problems = ask(fql, () -> gateway.inspect(fql, "", collection,
            client -> inspector.problems(client, index, collection)),
        e -> report.error(key, "Cannot read index '" + index + "': " + e.getMessage())).orElse(null);
    if (problems == null) {
      return;
    }
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
    String fql = "Map(Paginate(Indexes()), Lambda(\"index\", Get(Var(\"index\"))))";
    ask(fql, () -> gateway.inspect(fql, "", collection, client -> inspector.findIncrementalIndex(client, collection)),
        e -> report.error(COLLECTIONS_CONFIG, "Cannot look for the incremental index of collection '" + collection
            + "': " + e.getMessage()))
        .flatMap(found -> found)
        .ifPresent(index -> checkCanRead(COLLECTIONS_CONFIG, collection, index));
  }

  private void checkCanRead(String field, String collection, String index) {
    String fql = "Paginate(Match(" + SetupFql.index(index) + "), {size: 1})";
    ask(fql, Paginate(Match(Index(index))).size(Value(1)), e -> {
      if (e.kind() == Kind.PERMISSION_DENIED) {
        report.error(field, "The key may not read index '" + index + "', the incremental index of collection '"
            + collection + "'. " + SetupFql.grantAdvice(List.of(SetupFql.index(index))));
      } else {
        String said = e.getCause() == null ? e.getMessage() : report.redact(e.getCause().getMessage());
        report.error(field, "Cannot read index '" + index + "' of collection '" + collection + "': " + said
            + (said != null && said.contains("not active") ? ". Fauna is still building it; wait until Get(Index(\""
                + index + "\")) shows active: true." : ""));
      }
    });
  }

  /** Runs one query through the gateway; empty when it failed and {@code onRefused} reported why. */
  private Optional<Value> ask(String fql, Expr expr, Consumer<FaunaQueryException> onRefused) {
    return ask(fql, () -> gateway.inspect(fql, "", null, client -> FaunaClients.query(client, expr)), onRefused);
  }

  /** Runs {@code query}, a gateway call; empty when it failed and {@code onRefused} reported why. */
  private <T> Optional<T> ask(String fql, Supplier<T> query, Consumer<FaunaQueryException> onRefused) {
    try {
      return Optional.of(query.get());
    } catch (FaunaQueryException e) {
      if (LiveFailures.isTransient(e) && LiveFailures.notJson(e)) {
        report.error(ENDPOINT_CONFIG, failures.notFauna(fql, e));
        throw new Stop();
      }
      if (LiveFailures.isTransient(e)) {
        report.error(ENDPOINT_CONFIG, failures.unreachable(fql, e));
        throw new Stop();
      }
      if (e.kind() == Kind.UNAUTHORIZED) {
        report.error(SECRET_CONFIG, "Fauna rejected the secret (401 Unauthorized): it does not belong to a live key "
            + "of this database. Create a key with " + SetupFql.createKey() + " and use the secret it returns (it is "
            + "shown only once).");
        throw new Stop();
      }
      onRefused.accept(e);
      return Optional.empty();
    }
  }

  private static boolean isInvalidRef(FaunaQueryException e) {
    return e.getCause() instanceof FaunaException fe
        && fe.errors().stream().anyMatch(error -> "invalid ref".equals(error.code()));
  }
}
