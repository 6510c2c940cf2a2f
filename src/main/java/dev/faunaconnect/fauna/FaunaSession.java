package dev.faunaconnect.fauna;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.faunadb.client.FaunaClient;
import com.faunadb.common.Connection;
import dev.faunaconnect.config.FaunaSourceConfig;
import dev.faunaconnect.config.Redaction;
import java.net.MalformedURLException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * One secret's access to Fauna, two ways: the driver's client, for the few reads off the hot path; and the driver's
 * HTTP connection ({@code com.faunadb.common.Connection}: auth, {@code X-Last-Seen-Txn}, query timeout), which sends
 * the hot-path queries (built and serialized by the driver) and returns Fauna's answer as text, to be parsed once
 * by the caller. Both see the same last transaction time.
 */
public final class FaunaSession {
  /** The driver's serialization of expressions, as {@code FaunaClient} configures it. */
  private static final ObjectMapper EXPRESSIONS = new ObjectMapper().registerModule(new Jdk8Module());

  private final FaunaClient client;
  private final Connection connection;
  private final Duration queryTimeout;
  private final Redaction redaction;

  private FaunaSession(FaunaClient client, Connection connection, Duration queryTimeout, Redaction redaction) {
    this.client = client;
    this.connection = connection;
    this.queryTimeout = queryTimeout;
    this.redaction = redaction;
  }

  public static FaunaSession create(FaunaSourceConfig config) {
    return create(config.endpoint(), config.secret(), config.queryTimeout());
  }

  public static FaunaSession create(String endpoint, Password secret, Duration queryTimeout) {
    try {
      Connection connection = Connection.builder()
          .withFaunaRoot(endpoint)
          .withAuthToken(secret.value())
          .withQueryTimeout(queryTimeout)
          .withUserAgent(FaunaClients.USER_AGENT)
          .withJvmDriver(Connection.JvmDriver.JAVA)
          .withCheckNewDriverVersion(false)
          .build();
      return new FaunaSession(FaunaClients.create(endpoint, secret, queryTimeout), connection, queryTimeout,
          Redaction.of(secret.value()));
    } catch (MalformedURLException e) {
      throw new ConfigException(FaunaSourceConfig.ENDPOINT_CONFIG, endpoint, "Not a URL: " + e.getMessage());
    }
  }

  /** Hides this session's secret in the texts of failures. */
  Redaction redaction() {
    return redaction;
  }

  public FaunaClient client() {
    return client;
  }

  /**
   * Sends the query and returns the body of its answer. An error answer comes out as the driver's
   * {@code FaunaException} ({@link ErrorAnswer}); a network failure as the {@link ExecutionException} of the HTTP
   * call; no answer within the query timeout (plus {@code grace}) as a {@link TimeoutException}.
   */
  String send(FaunaQuery query, Duration grace) throws ExecutionException, TimeoutException, InterruptedException {
    JsonNode body = EXPRESSIONS.valueToTree(query.expr());
    connection.syncLastTxnTime(client.getLastTxnTime());
    CompletableFuture<HttpResponse<String>> sent = connection.post("", body, Optional.of(queryTimeout));
    HttpResponse<String> answer;
    try {
      answer = sent.get(queryTimeout.plus(grace).toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException | TimeoutException | RuntimeException e) {
      sent.cancel(true);
      throw e;
    }
    client.syncLastTxnTime(connection.getLastTxnTime());
    if (answer.statusCode() >= 300) {
      throw ErrorAnswer.exception(answer.statusCode(), answer.body());
    }
    return answer.body();
  }
}
