package dev.faunaconnect.validation;

import dev.faunaconnect.config.DeletesMode;
import dev.faunaconnect.config.FaunaSourceConfig;
import dev.faunaconnect.fauna.FaunaGateway;
import dev.faunaconnect.fauna.FaunaQueryException;
import dev.faunaconnect.fauna.TtlIndex;
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

  /** The warning for the collection, if deletes are read and it has no ttl index; failures are left to other checks. */
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
    try {
      return gateway.inspect("Map(Paginate(Indexes()), Lambda(\"index\", Get(Var(\"index\"))))", "Indexes()",
          collection, client -> TtlIndex.find(client, collection)).isPresent()
          ? Optional.empty() : Optional.of(TtlIndex.missingWarning(collection));
    } catch (FaunaQueryException e) {
      return Optional.empty();
    }
  }

  /** Logs the warning of each collection that has one. */
  static void warnEach(FaunaGateway gateway, Map<String, String> props, Iterable<String> collections) {
    for (String collection : collections) {
      warning(gateway, props, collection).ifPresent(w -> log.warn("{}", w));
    }
  }
}
