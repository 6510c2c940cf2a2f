package dev.faunaconnect.testing;

import dev.faunaconnect.localfauna.LocalFauna;
import java.util.Optional;

/**
 * The Fauna server one test class talks to: an endpoint and an admin secret of a database of its own. By default a
 * fresh local Fauna server; with {@code -Dfauna.backend=container}, a fresh database on the real {@code fauna/faunadb}
 * server in a Docker container ({@link FaunaBackendChoice}). Only the local server has a clock and a fault plan that
 * tests can drive: tests that need them carry {@link LocalFaunaOnly}.
 */
public interface FaunaBackend extends AutoCloseable {
  /** The Fauna HTTP API, e.g. {@code http://127.0.0.1:41234}. */
  String endpoint();

  /** A secret that may do everything in this backend's database. */
  String adminSecret();

  /** The local server, for its clock and fault plan; empty on the real server. */
  Optional<LocalFauna> local();

  /** Closes the server or drops the database. */
  @Override
  void close();

  /** A local server as the backend, whatever the system properties choose (for tests that need a special one). */
  static FaunaBackend local(LocalFauna fauna) {
    return new LocalFaunaBackend(fauna);
  }

  /** A backend as the system properties choose; skips the calling test class when that needs Docker and has none. */
  static FaunaBackend open() {
    FaunaBackendChoice choice = FaunaBackendChoice.fromSystemProperties();
    return choice.isLocal() ? new LocalFaunaBackend(LocalFauna.start()) : FaunaContainer.shared(choice).newDatabase();
  }
}
