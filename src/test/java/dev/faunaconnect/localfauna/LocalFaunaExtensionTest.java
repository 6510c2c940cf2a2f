package dev.faunaconnect.localfauna;

import static com.faunadb.client.query.Language.Add;
import static com.faunadb.client.query.Language.Value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.faunadb.client.FaunaClient;
import java.lang.reflect.Proxy;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/** {@link LocalFaunaExtension}: one server per test class, injected, faults cleared per test, closed after. */
@ExtendWith(LocalFaunaExtension.class)
@TestMethodOrder(OrderAnnotation.class)
class LocalFaunaExtensionTest {
  private static LocalFauna first;

  @Test
  @Order(1)
  void injectsARunningServerItsAdminClientAndItsFaultPlan(LocalFauna fauna, FaunaClient client, FaultPlan faults)
      throws Exception {
    assertSame(fauna.faults(), faults);
    assertEquals("http://127.0.0.1:" + fauna.port(), fauna.endpoint());
    assertEquals(Value(2L), client.query(Add(Value(1L), Value(1L))).get());

    faults.failNext(1, FaultPlan.Fault.status(503)); // left behind on purpose: the next test must not see it
    first = fauna;
  }

  @Test
  @Order(2)
  void sharesTheServerAcrossTheClassAndClearsTheFaultsBeforeEachTest(LocalFauna fauna, FaunaClient client)
      throws Exception {
    assertSame(first, fauna);
    assertEquals(Value(2L), client.query(Add(Value(1L), Value(1L))).get());
    assertEquals(0, fauna.faults().injected());
  }

  @Nested
  class InANestedClass {
    @Test
    void theOuterServerIsShared(LocalFauna fauna) {
      assertSame(first, fauna);
    }
  }

  @Test
  void startsBeforeAllAndClosesAfterAll() throws Exception {
    LocalFaunaExtension extension = new LocalFaunaExtension(builder -> builder.secret("other"));
    ExtensionContext context = context("[class:Example]");
    extension.beforeAll(context);
    assertEquals("other", extension.secret());
    FaunaClient client = extension.client();
    assertEquals(Value(2L), client.query(Add(Value(1L), Value(1L))).get());

    extension.afterAll(context);

    ExecutionException e = assertThrows(ExecutionException.class,
        () -> client.query(Add(Value(1L), Value(1L))).get());
    assertInstanceOf(IOException.class, e.getCause()); // refused, or reset if the pooled connection is reused
    assertThrows(IllegalStateException.class, extension::endpoint);
  }

  /** An extension context that knows only its unique id, which is all the extension asks of it. */
  private static ExtensionContext context(String uniqueId) {
    return (ExtensionContext) Proxy.newProxyInstance(ExtensionContext.class.getClassLoader(),
        new Class<?>[] {ExtensionContext.class}, (proxy, method, args) -> {
          if (method.getName().equals("getUniqueId")) {
            return uniqueId;
          }
          throw new UnsupportedOperationException(method.getName());
        });
  }
}
