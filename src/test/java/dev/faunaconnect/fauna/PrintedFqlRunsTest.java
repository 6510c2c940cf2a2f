package dev.faunaconnect.fauna;

import static com.faunadb.client.query.Language.Arr;
import static com.faunadb.client.query.Language.Collections;
import static com.faunadb.client.query.Language.CreateRole;
import static com.faunadb.client.query.Language.Obj;
import static com.faunadb.client.query.Language.Value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faunaconnect.config.FaunaSourceConfig;
import dev.faunaconnect.fixtures.FaunaFixture;
import dev.faunaconnect.offset.Position;
import dev.faunaconnect.testing.FqlText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The FQL the connector prints for a user to run runs as printed: each is taken from the message of the code path
 * that prints it, parsed as shell text ({@link FqlText}) and run with the admin key, and then does what it says.
 */
class PrintedFqlRunsTest {
  private FaunaFixture fixture;

  @BeforeEach
  void start() {
    fixture = FaunaFixture.start();
    fixture.createCollection("items", 7L);
    fixture.createTsIndex("items_by_ts", "items");
    fixture.createAll("items", Map.of("1", Obj("n", Value(1))));
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  /** The first FQL call named {@code function} in {@code message}, up to its closing parenthesis. */
  static String printed(String message, String function) {
    int start = message.indexOf(function + "(");
    assertTrue(start >= 0, "no " + function + " in: " + message);
    int depth = 0;
    boolean quoted = false;
    for (int i = start + function.length(); i < message.length(); i++) {
      char c = message.charAt(i);
      if (quoted) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          quoted = false;
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return message.substring(start, i + 1);
      }
    }
    throw new AssertionError("unbalanced " + function + " in: " + message);
  }

  private void run(String fql) {
    fixture.query(FqlText.parse(fql));
  }

  private FaunaGateway gatewayWith(String secret, String collections) {
    return FaunaGateway.create(new FaunaSourceConfig(Map.of("fauna.endpoint", fixture.endpoint(), "fauna.secret",
        secret, "collections", collections, "retry.max.attempts", "1")));
  }

  @Test
  void theGrantOfAQueryThatNeedsTwoResourcesRunsAndLetsTheKeyRunTheQuery() {
    fixture.query(CreateRole(Obj("name", Value(SetupFql.ROLE_NAME), "privileges", Arr(Obj("resource",
        Collections(), "actions", Obj("read", Value(true)))))));
    FaunaGateway gateway = gatewayWith(fixture.createKey(SetupFql.ROLE_NAME), "items");
    FaunaQueryException denied = assertThrows(FaunaQueryException.class,
        () -> gateway.changesAfter("items_by_ts", "items", Position.endOf(0), 10));
    assertEquals(FaunaQueryException.Kind.PERMISSION_DENIED, denied.kind());

    run(printed(denied.getMessage(), "Update"));

    assertEquals(1, gateway.changesAfter("items_by_ts", "items", Position.endOf(0), 10).items().size());
  }

  @Test
  void theCreatesOfAMissingCollectionAndIndexRunAsPrinted() {
    FaunaGateway gateway = gatewayWith(fixture.adminSecret(), "orders");
    FaunaQueryException noCollection = assertThrows(FaunaQueryException.class,
        () -> gateway.removesAfter("orders", Position.endOf(0), 10));
    run(printed(noCollection.getMessage(), "CreateCollection"));
    FaunaQueryException noIndex = assertThrows(FaunaQueryException.class,
        () -> gateway.changesAfter("orders_by_ts", "orders", Position.endOf(0), 10));
    run(printed(noIndex.getMessage(), "CreateIndex"));
    assertEquals(0, gateway.changesAfter("orders_by_ts", "orders", Position.endOf(0), 10).items().size());
  }

  /**
   * The FQL blocks of the README's "Preparing Fauna" run in order, as written, for the collections users and
   * products (the blocks show users; products gets the same indexes).
   */
  @Test
  void theReadmesSetupFqlRunsAsWritten() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    String preparing = readme.substring(readme.indexOf("## Preparing Fauna"));
    preparing = preparing.substring(0, preparing.indexOf("\n## ", 1));
    Matcher block = Pattern.compile("```javascript\n(.*?)```", Pattern.DOTALL).matcher(preparing);
    run(SetupFql.createCollection("users"));
    run(SetupFql.createCollection("products"));
    run(IndexInspector.createIndexFql("products_by_ts", "products"));
    run(TtlIndex.createIndexFql("products"));
    int blocks = 0;
    while (block.find()) {
      run(block.group(1).trim());
      blocks++;
    }
    assertEquals(5, blocks, "FQL blocks in Preparing Fauna");
  }

  @Test
  void theSetupAndRetentionAdviceRunsAsPrinted() {
    run(SetupFql.createCollection("orders"));
    run(IndexInspector.createIndexFql("orders_by_ts", "orders"));
    run(printed(TtlIndex.missingWarning("orders"), "CreateIndex"));
    run(printed(TtlIndex.buildingWarning("orders", "orders_by_ttl"), "Get"));
    run(TtlIndex.activeFql("orders_by_ttl"));
    run(SetupFql.readOnlyRole(List.of("orders"), List.of("orders_by_ts", "orders_by_ttl")));
    run(SetupFql.grantRead(List.of(SetupFql.collection("items"), SetupFql.index("items_by_ts"))));
    run(SetupFql.createKey());
    for (OptionalLong days : List.of(OptionalLong.empty(), OptionalLong.of(0), OptionalLong.of(1))) {
      run(printed(HistoryRetention.of(days).warning("orders", Duration.ofDays(2), "deletes", "deletes.mode=ignore")
          .orElseThrow(), "Update"));
    }
    assertEquals(7L, fixture.query(com.faunadb.client.query.Language.Select(Value("history_days"),
        com.faunadb.client.query.Language.Get(com.faunadb.client.query.Language.Collection("orders"))))
        .to(com.faunadb.client.types.Codec.LONG).get());
  }
}
