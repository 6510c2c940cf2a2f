package dev.faunaconnect.offset;

import java.util.Map;

/**
 * The source partition of one collection: {@code {"collection": name}}. Nothing else goes in, so changing the
 * endpoint or the secret never orphans the stored offsets.
 */
public final class CollectionPartition {
  public static final String COLLECTION_KEY = "collection";

  private CollectionPartition() {}

  public static Map<String, String> of(String collection) {
    return Map.of(COLLECTION_KEY, collection);
  }

  /** The collection named by a partition map; refuses any other shape. */
  public static String collectionOf(Map<String, ?> partition) {
    if (partition == null || partition.size() != 1 || !(partition.get(COLLECTION_KEY) instanceof String name)
        || name.isEmpty()) {
      throw new IllegalArgumentException(
          "A source partition must be {\"" + COLLECTION_KEY + "\": \"<collection name>\"}, not " + partition);
    }
    return name;
  }
}
