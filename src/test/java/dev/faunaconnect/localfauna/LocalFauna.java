package dev.faunaconnect.localfauna;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The local Fauna server: an in-memory FQL v4 server that faunadb-java talks to over HTTP, for tests, benchmarks
 * and the quickstart.
 *
 * <pre>{@code
 * try (LocalFauna fauna = LocalFauna.builder().port(0).secret("secret").start()) {
 *   FaunaClient client = FaunaClient.builder().withEndpoint(fauna.endpoint()).withSecret(fauna.secret())
 *       .withCheckNewVersion(false).build();
 * }
 * }</pre>
 */
public final class LocalFauna implements AutoCloseable {
  private final HttpFront http;
  private final QueryEngine engine;
  private final FaultPlan faults;
  private final FaunaClock clock;
  private final String secret;
  private final Store store;

  private LocalFauna(Builder b) throws IOException {
    this.clock = new FaunaClock();
    this.faults = b.faults;
    this.secret = b.secret;
    this.store = new Store(clock);
    this.engine = new QueryEngine(store, new WireCodec(b.standardBytes), b.secret);
    this.http = new HttpFront(engine, faults, clock, b.port);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Starts a server on a free port with the admin secret {@code secret}. */
  public static LocalFauna start() {
    return builder().start();
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String endpoint() {
    return "http://127.0.0.1:" + http.port();
  }

  public int port() {
    return http.port();
  }

  /** The admin secret: it may do everything. */
  public String secret() {
    return secret;
  }

  /** The faults injected into query requests; change them at any time. */
  public FaultPlan faults() {
    return faults;
  }

  /**
   * Holds (true) or lets finish (false) the background builds of indexes created on more than a small source: an
   * index stays {@code active: false} while held, as a big one does on the real server while it is built.
   */
  public void holdIndexBuilds(boolean hold) {
    store.buildsHeld = hold;
  }

  /** Moves the wall clock forward, so history ages past its retention ({@code history_days} + 15 minutes). */
  public void advanceClock(Duration by) {
    clock.advance(by);
  }

  /** Runs a query (its JSON, as the driver would send it) with the admin secret, bypassing HTTP and faults. */
  public String query(String json) {
    QueryEngine.Answer answer = engine.runAsAdmin(json);
    String body = new String(answer.body(), StandardCharsets.UTF_8);
    if (answer.status() >= 300) {
      throw new IllegalStateException("query failed with " + answer.status() + ": " + body);
    }
    return body;
  }

  @Override
  public void close() {
    try {
      http.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Whether {@code @bytes} are written in the standard base64 alphabet when a test does not choose: the real server
   * always does ({@code Renderable.writeBytes}: {@code Base64.encodeStandardAscii}), and so does this server by
   * default. faunadb-java cannot decode it; the connector reads its pages itself and takes both alphabets, and the
   * tests that read bytes through the driver ask for the URL-safe alphabet explicitly.
   */
  static final boolean STANDARD_BASE64_BYTES_BY_DEFAULT = true;

  /** Options: port (0 picks a free one), admin secret, fault plan, and the @bytes alphabet. */
  public static final class Builder {
    private int port;
    private String secret = "secret";
    private FaultPlan faults = new FaultPlan();
    private boolean standardBytes = STANDARD_BASE64_BYTES_BY_DEFAULT;

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder secret(String secret) {
      this.secret = secret;
      return this;
    }

    public Builder faults(FaultPlan faults) {
      this.faults = faults;
      return this;
    }

    /**
     * Writes {@code @bytes} in the standard base64 alphabet (with padding) like the real server, which faunadb-java
     * cannot decode; false writes the URL-safe alphabet, which it can. The default is
     * {@link #STANDARD_BASE64_BYTES_BY_DEFAULT}.
     */
    public Builder standardBase64Bytes(boolean standard) {
      this.standardBytes = standard;
      return this;
    }

    public LocalFauna start() {
      try {
        return new LocalFauna(this);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
