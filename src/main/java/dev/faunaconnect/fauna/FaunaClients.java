package dev.faunaconnect.fauna;

import com.faunadb.client.FaunaClient;
import com.faunadb.client.query.Expr;
import com.faunadb.client.types.Value;
import dev.faunaconnect.config.FaunaSourceConfig;
import dev.faunaconnect.config.SecretCheck;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/** Builds driver clients the one safe way (no version check over the network) and runs single queries. */
public final class FaunaClients {
  static final String USER_AGENT = "kafka-connect-fauna";

  private FaunaClients() {}

  public static FaunaClient create(FaunaSourceConfig config) {
    return create(config.endpoint(), config.secret(), config.queryTimeout());
  }

  /**
   * A client for the endpoint and secret.
   *
   * @throws ConfigException when the secret cannot be sent ({@link SecretCheck}); the message never contains it,
   *     while the HTTP client's own refusal would quote the whole header
   */
  public static FaunaClient create(String endpoint, Password secret, Duration queryTimeout) {
    SecretCheck.problem(secret.value()).ifPresent(problem -> {
      throw new ConfigException(problem);
    });
    try {
      return FaunaClient.builder()
          .withEndpoint(endpoint)
          .withSecret(secret.value())
          .withQueryTimeout(queryTimeout)
          .withUserAgent(USER_AGENT)
          .withCheckNewVersion(false)
          .build();
    } catch (MalformedURLException e) {
      throw new ConfigException(FaunaSourceConfig.ENDPOINT_CONFIG, endpoint, "Not a URL: " + e.getMessage());
    }
  }

  /**
   * Runs one query and waits for it. Fauna's errors come out as the driver's {@code FaunaException}s; network
   * failures (refused connection, time-out) as {@link UncheckedIOException}; a response the driver cannot read as
   * {@link IllegalStateException}.
   */
  public static Value query(FaunaClient client, Expr expr) {
    try {
      return client.query(expr).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for Fauna", e);
    } catch (ExecutionException e) {
      throw unwrap(e.getCause());
    }
  }

  static RuntimeException unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof IOException io) {
      return new UncheckedIOException(io.getClass().getSimpleName() + (io.getMessage() == null ? ""
          : ": " + io.getMessage()), io);
    }
    if (cause instanceof RuntimeException runtime) {
      return runtime;
    }
    return new IllegalStateException("Fauna's response could not be read: " + cause, cause);
  }
}
