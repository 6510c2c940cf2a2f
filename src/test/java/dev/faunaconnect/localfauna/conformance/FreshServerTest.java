package dev.faunaconnect.localfauna.conformance;

import static com.faunadb.client.query.Language.Now;
import static com.faunadb.client.query.Language.Paginate;
import static com.faunadb.client.query.Language.ToMicros;

import com.faunadb.client.query.Expr;
import com.faunadb.client.types.Codec;
import com.faunadb.client.types.Value;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The fixture of the conformance tests that need a server of their own for every test: a fresh local Fauna server
 * and the real driver on it ({@link #fauna}), with the collections the test class names already created.
 */
abstract class FreshServerTest {
  private final List<String> collections;

  FaunaDriver fauna;

  /** @param collections created (history kept as the server's default) before each test */
  FreshServerTest(String... collections) {
    this.collections = List.of(collections);
  }

  @BeforeEach
  void startServer() {
    fauna = FaunaDriver.start();
    collections.forEach(fauna::createCollection);
  }

  @AfterEach
  void stopServer() {
    fauna.close();
  }

  /** The transaction time of a query run now, in microseconds. */
  long now() {
    return fauna.query(ToMicros(Now())).to(Codec.LONG).get();
  }

  /** The elements of a set, read as one page of up to 1,000. */
  Value all(Expr set) {
    return fauna.query(Paginate(set).size(1000)).at("data");
  }
}
