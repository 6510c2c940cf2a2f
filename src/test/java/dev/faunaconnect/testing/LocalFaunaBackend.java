package dev.faunaconnect.testing;

import dev.faunaconnect.localfauna.LocalFauna;
import java.util.Optional;

/** A {@link FaunaBackend} on a local Fauna server of its own, which it closes. */
final class LocalFaunaBackend implements FaunaBackend {
  private final LocalFauna fauna;

  LocalFaunaBackend(LocalFauna fauna) {
    this.fauna = fauna;
  }

  @Override
  public String endpoint() {
    return fauna.endpoint();
  }

  @Override
  public String adminSecret() {
    return fauna.secret();
  }

  @Override
  public Optional<LocalFauna> local() {
    return Optional.of(fauna);
  }

  @Override
  public void close() {
    fauna.close();
  }
}
