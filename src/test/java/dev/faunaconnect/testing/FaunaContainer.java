package dev.faunaconnect.testing;

import static com.faunadb.client.query.Language.CreateDatabase;
import static com.faunadb.client.query.Language.CreateKey;
import static com.faunadb.client.query.Language.Database;
import static com.faunadb.client.query.Language.Delete;
import static com.faunadb.client.query.Language.Obj;
import static com.faunadb.client.query.Language.Value;

import com.faunadb.client.FaunaClient;
import com.faunadb.client.types.Codec;
import com.faunadb.client.query.Expr;
import com.faunadb.client.types.Value;
import dev.faunaconnect.localfauna.LocalFauna;
import java.net.MalformedURLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The real Fauna v4 server ({@code fauna/faunadb}) in one Docker container for the whole test JVM, started on first
 * use and stopped when the JVM exits. Each test class gets a database of its own on it, with an admin key, as the
 * driver's own tests did; the root secret of the dev image is {@code secret}.
 */
final class FaunaContainer {
  static final int PORT = 8443;
  static final String ROOT_SECRET = "secret";
  private static final Duration STARTUP = Duration.ofMinutes(3);
  private static FaunaContainer shared;
  private static boolean toldNoDocker;

  private final GenericContainer<?> container;
  private final FaunaClient root;
  private final AtomicInteger databases = new AtomicInteger();

  private FaunaContainer(String image) {
    container = new GenericContainer<>(DockerImageName.parse(image).asCompatibleSubstituteFor("fauna/faunadb"))
        .withExposedPorts(PORT)
        .waitingFor(Wait.forHttp("/ping?scope=write").forPort(PORT).forStatusCode(200).withStartupTimeout(STARTUP));
    container.start();
    Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "stop-fauna-container"));
    root = client(endpoint(), ROOT_SECRET);
  }

  /**
   * The JVM's container, started with the chosen image on first use. Without a Docker engine, aborts the calling
   * test (an assumption: the class is skipped) and says so once.
   */
  static synchronized FaunaContainer shared(FaunaBackendChoice choice) {
    if (shared == null) {
      assumeDocker(choice);
      shared = new FaunaContainer(choice.image());
    }
    return shared;
  }

  /** The one line the container mode prints when it cannot run: why, and that the tests are skipped. */
  static String noDockerMessage(FaunaBackendChoice choice) {
    return "-D" + FaunaBackendChoice.BACKEND_PROPERTY + "=container asks for " + choice.describe()
        + ", but no Docker engine is reachable: the integration tests that need Fauna are skipped.";
  }

  /** A fresh database on the server, with an admin key; dropped again on close. */
  FaunaBackend newDatabase() {
    String name = "it_" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
    rootQuery(CreateDatabase(Obj("name", Value(name))));
    String secret = rootQuery(CreateKey(Obj("database", Database(name), "role", Value("admin"))))
        .at("secret").to(Codec.STRING).get();
    return new OwnDatabase(name, secret);
  }

  private String endpoint() {
    return "http://" + container.getHost() + ":" + container.getMappedPort(PORT);
  }

  /** The driver on the server (the connector's own client factory is not on the integration tests' classpath). */
  private static FaunaClient client(String endpoint, String secret) {
    try {
      return FaunaClient.builder().withEndpoint(endpoint).withSecret(secret).withCheckNewVersion(false).build();
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }

  private Value rootQuery(Expr expr) {
    try {
      return root.query(expr).get();
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException("Fauna in the container failed " + expr + ": " + e.getCause(), e);
    }
  }

  private static void assumeDocker(FaunaBackendChoice choice) {
    if (!dockerAvailable(choice)) {
      Assumptions.abort(noDockerMessage(choice));
    }
  }

  /** Whether a Docker engine is reachable; the first time it is not, prints {@link #noDockerMessage} once. */
  static synchronized boolean dockerAvailable(FaunaBackendChoice choice) {
    boolean available = DockerClientFactory.instance().isDockerAvailable();
    if (!available && !toldNoDocker) {
      toldNoDocker = true;
      System.out.println(noDockerMessage(choice));
    }
    return available;
  }


  /** One test class's database on the container. */
  private final class OwnDatabase implements FaunaBackend {
    private final String name;
    private final String secret;

    OwnDatabase(String name, String secret) {
      this.name = name;
      this.secret = secret;
    }

    @Override
    public String endpoint() {
      return FaunaContainer.this.endpoint();
    }

    @Override
    public String adminSecret() {
      return secret;
    }

    @Override
    public Optional<LocalFauna> local() {
      return Optional.empty();
    }

    @Override
    public void close() {
      rootQuery(Delete(Database(name)));
    }
  }
}
