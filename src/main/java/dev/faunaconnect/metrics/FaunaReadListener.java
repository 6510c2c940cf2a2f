package dev.faunaconnect.metrics;

/**
 * What the gateway tells the metrics about its reads of Fauna: each page read, each retry, each query given up on.
 * Called on the thread that reads; implementations must be quick and must not throw.
 */
public interface FaunaReadListener {
  /** Listens to nothing: the gateway of a connector (not a task), or of a test. */
  FaunaReadListener NONE = new FaunaReadListener() {};

  /** The stream a page belongs to. */
  enum Stream {
    /** The documents of a snapshot. */
    SNAPSHOT,
    /** Documents changed, from the ts/ref index. */
    CHANGES,
    /** The collection's {@code remove} events (deletes). */
    REMOVES
  }

  /**
   * A page of {@code collection} was read: the stream is now read through {@code throughTs} (microseconds), and
   * {@code more} says whether pages follow.
   */
  default void pageRead(String collection, Stream stream, boolean more, long throughTs) {}

  /** A query of {@code collection} (null: of no collection) failed with {@code error} and is retried. */
  default void retrying(String collection, String error) {}

  /** A query of {@code collection} (null: of no collection) failed for good with {@code error}. */
  default void failed(String collection, String error) {}
}
