package dev.faunaconnect.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The resolved settings of one collection: the explicit index for incremental sync (empty means: discover it), the
 * additional columns in their configured order, and the topic.
 */
public record CollectionSettings(String collection, Optional<String> index, List<ColumnSpec> columns, String topic) {
  public CollectionSettings {
    Objects.requireNonNull(collection, "collection");
    Objects.requireNonNull(index, "index");
    Objects.requireNonNull(topic, "topic");
    columns = List.copyOf(columns);
  }
}
