package dev.faunaconnect.validation;

import dev.faunaconnect.fauna.SetupFql;
import static com.faunadb.client.query.Language.Index;
import static com.faunadb.client.query.Language.Match;
import static com.faunadb.client.query.Language.Paginate;
import static com.faunadb.client.query.Language.Value;

import dev.faunaconnect.config.DeletesMode;
import dev.faunaconnect.config.FaunaSourceConfig;
import dev.faunaconnect.fauna.FaunaClients;
import dev.faunaconnect.fauna.FaunaGateway;
import dev.faunaconnect.fauna.FaunaQueryException;
import dev.faunaconnect.fauna.TtlIndex;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns, in the worker's log, about each listed collection without a ttl index: its documents that expire by ttl
 * would not reach Kafka as deletes. A warning, not an error: the connector works, it only cannot see expiries.
 */
final class TtlIndexCheck {
  private static final Logger log = LoggerFactory.getLogger(TtlIndexCheck.class);

  private TtlIndexCheck() {}

  /**
   * The warning for the collection, if deletes are read and it has no ttl index (or the key may not read it); other
   * failures are left to the other checks.
   */
  static Optional<String> warning(FaunaGateway gateway, Map<String, String> props, String collection) {
    String mode = props.getOrDefault(FaunaSourceConfig.DELETES_MODE_CONFIG, DeletesMode.COLUMN.configValue());
    boolean tracksDeletes;
    try {
      tracksDeletes = DeletesMode.parse(mode).tracksDeletes();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    if (!tracksDeletes) {
      return Optional.empty();
    }
    Optional<TtlIndex.Found> index;
    try {
      index = gateway.inspect("Map(Paginate(Indexes()), Lambda(\"index\", Get(Var(\"index\"))))", "Indexes()",
          collection, client -> TtlIndex.find(client, collection));
    } catch (FaunaQueryException e) {
      return Optional.empty(); // the index checks report it
    }
    if (index.isEmpty()) {
      return Optional.of(TtlIndex.missingWarning(collection));
    }
    if (!index.get().active()) {
      return Optional.of(TtlIndex.buildingWarning(collection, index.get().name()));
    }
    String name = index.get().name();
    String fql = "Paginate(Match(" + SetupFql.index(name) + "), {size: 1})";
    try {
      gateway.inspect(fql, "", collection, client -> FaunaClients.query(client, Paginate(Match(Index(name)))
          .size(Value(1))));
      return Optional.empty();
    } catch (FaunaQueryException e) {
      return e.kind() != FaunaQueryException.Kind.PERMISSION_DENIED ? Optional.empty()
          : Optional.of("The key may not read index '" + name + "', the ttl index of collection '"
              + collection + "', so documents that expire by ttl will not reach Kafka as deletes. "
              + SetupFql.grantAdvice(List.of(SetupFql.index(name))));
    }
  }

  /** Logs the warning of each collection that has one. */
  static void warnEach(FaunaGateway gateway, Map<String, String> props, Iterable<String> collections) {
    for (String collection : collections) {
      warning(gateway, props, collection).ifPresent(w -> log.warn("{}", w));
    }
  }
}
