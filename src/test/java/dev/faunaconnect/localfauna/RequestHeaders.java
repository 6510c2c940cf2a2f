package dev.faunaconnect.localfauna;

import java.util.Set;

/**
 * The v4 request headers the real server reads before anything else ({@code TMPEndpoint.getRequestInfo}), in its
 * order and with its messages. An invalid one answers 400 {@code bad request} before authentication, without
 * {@code x-txn-time}: that answer never reaches the query endpoint's header writer.
 */
final class RequestHeaders {
  /** {@code max_query_time_secs} defaults to 10 minutes. */
  static final long MAX_QUERY_TIMEOUT_MILLIS = 600_000;
  private static final Set<String> API_VERSIONS = Set.of("2.0", "2.1", "2.7", "2.12", "3", "4", "5", "UNSTABLE");

  /** A header the server cannot accept; the message is the error's description. */
  static final class Invalid extends Exception {
    Invalid(String header, String problem) {
      super("Invalid header '" + header + "': " + problem, null, false, false);
    }
  }

  private RequestHeaders() {}

  /** Checks the headers; returns {@code X-Last-Seen-Txn} in micros, or {@code Long.MIN_VALUE} when absent. */
  static long check(WireRequest request) throws Invalid {
    String version = request.header("x-faunadb-api-version");
    if (version != null && !API_VERSIONS.contains(version)) {
      throw new Invalid("x-faunadb-api-version", "Unsupported or invalid API version '" + version + "'.");
    }
    long lastSeen = lastSeenTxn(request.header("x-last-seen-txn"));
    checkTimeout(request.header("x-query-timeout"));
    checkRetries(request.header("x-max-retries-on-contention"));
    return lastSeen;
  }

  private static long lastSeenTxn(String value) throws Invalid {
    if (value == null) {
      return Long.MIN_VALUE;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new Invalid("x-last-seen-txn", "Invalid timestamp '" + value + "'.");
    }
  }

  private static void checkTimeout(String value) throws Invalid {
    if (value == null) {
      return;
    }
    long millis;
    try {
      millis = Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new Invalid("x-query-timeout", "Invalid number '" + value + "'.");
    }
    if (millis <= 0) {
      throw new Invalid("x-query-timeout", "Must be greater than 0.");
    }
    if (millis > MAX_QUERY_TIMEOUT_MILLIS) {
      throw new Invalid("x-query-timeout", "Must be less than or equal to " + MAX_QUERY_TIMEOUT_MILLIS + ".");
    }
  }

  private static void checkRetries(String value) throws Invalid {
    if (value == null) {
      return;
    }
    int retries;
    try {
      retries = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new Invalid("x-max-retries-on-contention", "Invalid number '" + value + "'.");
    }
    if (retries < 0 || retries > 7) {
      throw new Invalid("x-max-retries-on-contention", "Must be between 0 and 7.");
    }
  }
}
