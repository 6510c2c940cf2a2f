package dev.faunaconnect.localfauna;

import com.faunadb.client.FaunaClient;
import java.net.MalformedURLException;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension: a local Fauna server for a test class, started before its first test and closed after its
 * last, with a ready {@link FaunaClient} on the admin secret. The fault plan is cleared before every test.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final LocalFaunaExtension FAUNA = new LocalFaunaExtension();
 *
 * @Test
 * void reads() throws Exception {
 *   FAUNA.client().query(Paginate(Collections())).get();
 * }
 * }</pre>
 *
 * <p>Or {@code @ExtendWith(LocalFaunaExtension.class)} and test parameters of type {@link LocalFauna},
 * {@link FaunaClient} or {@link FaultPlan}. {@code new LocalFaunaExtension(b -> b.standardBase64Bytes(true))}
 * changes the server's options.
 */
public final class LocalFaunaExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, ParameterResolver {
  private final Consumer<LocalFauna.Builder> options;
  private LocalFauna fauna;
  private FaunaClient client;
  private String startedBy;

  public LocalFaunaExtension() {
    this(builder -> { });
  }

  public LocalFaunaExtension(Consumer<LocalFauna.Builder> options) {
    this.options = options;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (fauna != null) {
      return; // a nested class shares its outer class's server
    }
    LocalFauna.Builder builder = LocalFauna.builder();
    options.accept(builder);
    fauna = builder.start();
    client = clientFor(fauna.endpoint(), fauna.secret());
    startedBy = context.getUniqueId();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (fauna != null && context.getUniqueId().equals(startedBy)) {
      fauna.close();
      fauna = null;
      client = null;
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    fauna.faults().clear();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == LocalFauna.class || type == FaunaClient.class || type == FaultPlan.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == LocalFauna.class ? fauna() : type == FaunaClient.class ? client() : faults();
  }

  public LocalFauna fauna() {
    if (fauna == null) {
      throw new IllegalStateException("the local Fauna server runs only while the test class runs");
    }
    return fauna;
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String endpoint() {
    return fauna().endpoint();
  }

  /** The admin secret. */
  public String secret() {
    return fauna().secret();
  }

  /** A client on the admin secret. */
  public FaunaClient client() {
    fauna();
    return client;
  }

  /** A new client on another secret, e.g. a key's. */
  public FaunaClient client(String secret) {
    return clientFor(endpoint(), secret);
  }

  public FaultPlan faults() {
    return fauna().faults();
  }

  private static FaunaClient clientFor(String endpoint, String secret) {
    try {
      return FaunaClient.builder().withEndpoint(endpoint).withSecret(secret)
          .withCheckNewVersion(false).build();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
