package dev.faunaconnect.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.faunadb.client.errors.FaunaException;
import com.faunadb.client.errors.InternalException;
import com.faunadb.client.errors.TooManyRequestsException;
import com.faunadb.client.errors.TransactionContentionException;
import com.faunadb.client.errors.UnavailableException;
import dev.faunaconnect.config.Redaction;
import dev.faunaconnect.fauna.FaunaQueryException;
import dev.faunaconnect.fauna.FaunaQueryException.Kind;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;

/**
 * The words for failures that concern the connection rather than one check: Fauna out of reach, overloaded or
 * slow, or a server that is not Fauna. Each names the cause as the user can act on it, never as an empty string.
 */
final class LiveFailures {
  private final String endpoint;
  private final Duration queryTimeout;
  private final int attempts;
  private final Redaction redaction;

  /** {@code redaction} hides the secret in the failures' own texts. */
  LiveFailures(String endpoint, Duration queryTimeout, int attempts, Redaction redaction) {
    this.endpoint = endpoint;
    this.queryTimeout = queryTimeout;
    this.attempts = attempts;
    this.redaction = redaction;
  }

  /** Whether the failure says nothing about the check itself: Fauna did not answer it. */
  static boolean isTransient(FaunaQueryException e) {
    return e.kind() == Kind.RETRIABLE || e.kind() == Kind.RETRIES_EXHAUSTED;
  }

  /** For {@code fauna.endpoint}: Fauna could not be reached or kept failing {@code fql}. */
  String unreachable(String fql, FaunaQueryException e) {
    Throwable cause = e.getCause();
    if (cause instanceof ConnectException || cause instanceof UnknownHostException
        || cause instanceof UnresolvedAddressException) {
      return "Cannot reach Fauna at " + endpoint + " (" + cause.getClass().getSimpleName() + "). Check the scheme, "
          + "host and port in fauna.endpoint, and that Fauna is running there.";
    }
    return "Fauna at " + endpoint + " did not answer " + fql + " in " + attempts + " attempts: " + transientCause(cause)
        + ". Check that Fauna is running and healthy there, then validate again (validation retries only briefly; "
        + "a running task retries up to retry.max.attempts times).";
  }

  /** For {@code fauna.endpoint}: the server answered, but not as Fauna does. */
  String notFauna(String fql, FaunaQueryException e) {
    Throwable cause = e.getCause();
    String answer;
    if (notJson(e)) {
      answer = "a body that is not JSON";
    } else if (cause instanceof FaunaException fe && fe.status() > 0) {
      answer = "HTTP " + fe.status() + (hasText(fe.getMessage()) ? " (" + redaction.in(fe.getMessage()) + ")" : "");
    } else if (cause instanceof FaunaException fe && hasText(fe.getMessage())) {
      answer = "an answer the Fauna driver cannot read (" + redaction.in(fe.getMessage()) + ")";
    } else {
      answer = "an answer the Fauna driver cannot read (" + redaction.in(describe(cause == null ? e : cause)) + ")";
    }
    return "The server at " + endpoint + " answered " + fql + " with " + answer + ", which is not an answer of the "
        + "Fauna HTTP API. Check that fauna.endpoint is the URL of Fauna's API (e.g. http://localhost:8443 for a "
        + "local Fauna), not of a proxy, dashboard or another service.";
  }

  /** Whether the driver failed to parse the body as JSON (an HTML page, say), anywhere in the cause chain. */
  static boolean notJson(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof JsonProcessingException) {
        return true;
      }
    }
    return false;
  }

  private String transientCause(Throwable cause) {
    if (cause instanceof UnavailableException) {
      return "503 Service Unavailable";
    }
    if (cause instanceof TooManyRequestsException) {
      return "429 Too Many Requests (Fauna is throttling this key)";
    }
    if (cause instanceof TransactionContentionException) {
      return "409 transaction contention";
    }
    if (cause instanceof InternalException) {
      return "500 internal error";
    }
    if (cause instanceof HttpTimeoutException) {
      return "no answer within " + queryTimeout.toMillis() + " ms (fauna.query.timeout.ms, at most "
          + ConnectorValidator.MAX_QUERY_TIMEOUT.toMillis() + " during validation)";
    }
    return "the connection failed without an answer (" + redaction.in(describe(cause)) + ")";
  }

  static String describe(Throwable t) {
    if (t == null) {
      return "no cause given";
    }
    return t.getClass().getSimpleName() + (hasText(t.getMessage()) ? ": " + t.getMessage() : "");
  }

  private static boolean hasText(String text) {
    return text != null && !text.isBlank();
  }
}
