package dev.faunaconnect.fauna;

/** A query that failed, classified once: retriable, or fatal with a message that says what to fix. */
public final class FaunaQueryException extends RuntimeException {
  /** Why a query failed. */
  public enum Kind {
    /** Throttling (429), 503, 500, contention (409), time-outs, refused or dropped connections. */
    RETRIABLE,
    /** Still retriable after the configured number of attempts. */
    RETRIES_EXHAUSTED,
    /** 401: the secret is wrong. */
    UNAUTHORIZED,
    /** 403: the key's role lacks a privilege. */
    PERMISSION_DENIED,
    UNKNOWN_COLLECTION,
    UNKNOWN_INDEX,
    /** The index exists but cannot serve changes: wrong values, terms, or not built yet. */
    MALFORMED_INDEX,
    /** A read at a snapshot time older than the collection's history retention (400 bad request). */
    SNAPSHOT_EXPIRED,
    /** Anything else Fauna refused, or a response the driver could not read. */
    OTHER;

    public boolean retriable() {
      return this == RETRIABLE;
    }
  }

  private final Kind kind;

  public FaunaQueryException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
