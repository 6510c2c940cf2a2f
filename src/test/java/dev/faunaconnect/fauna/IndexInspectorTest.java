package dev.faunaconnect.fauna;

import static com.faunadb.client.query.Language.Collection;
import static com.faunadb.client.query.Language.Collections;
import static com.faunadb.client.query.Language.Obj;
import static com.faunadb.client.query.Language.Value;
import static dev.faunaconnect.testing.FaunaAdmin.field;
import static dev.faunaconnect.testing.FaunaAdmin.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.faunadb.client.FaunaClient;
import com.faunadb.client.errors.PermissionDeniedException;
import com.faunadb.client.query.Expr;
import dev.faunaconnect.localfauna.LocalFauna;
import dev.faunaconnect.testing.FaunaAdmin;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Discovery and checks of incremental indexes, against the local Fauna server through the real driver. */
class IndexInspectorTest {
  private final IndexInspector inspector = new IndexInspector();
  private LocalFauna fauna;
  private FaunaAdmin admin;
  private FaunaClient client;

  @BeforeEach
  void start() {
    fauna = LocalFauna.start();
    admin = new FaunaAdmin(fauna);
    client = client(fauna.secret());
    admin.createCollection("orders");
    admin.createCollection("other");
  }

  @AfterEach
  void stop() {
    fauna.close();
  }

  @Test
  void findsTheSeedsIndex() {
    admin.createTsRefIndex("orders_by_ts", "orders");
    assertEquals(Optional.of("orders_by_ts"), inspector.findIncrementalIndex(client, "orders"));
    assertEquals(Optional.empty(), inspector.findIncrementalIndex(client, "other"));
  }

  @Test
  void findsNothingWithoutASuitableIndex() {
    admin.createIndex("with_terms", "orders", List.of(field("ts")), List.of(field("ts"), field("ref")));
    admin.createIndex("ref_then_ts", "orders", List.of(), List.of(field("ref"), field("ts")));
    admin.createIndex("ts_only", "orders", null, List.of(field("ts")));
    admin.createIndex("no_values", "orders", null, null);
    admin.createIndex("reversed", "orders", null, List.of(Obj("field", Value("ts"), "reverse", Value(true)),
        field("ref")));
    admin.createTsRefIndex("other_by_ts", "other");
    assertEquals(Optional.empty(), inspector.findIncrementalIndex(client, "orders"));
  }

  @Test
  void prefersAnExactTsRefIndexThenTheFirstName() {
    admin.createIndex("a_with_extra_value", "orders", null, List.of(field("ts"), field("ref"), field("data")));
    admin.createIndex("z_path_form", "orders", null, List.of(pathField("ts"), pathField("ref")));
    admin.createTsRefIndex("m_exact", "orders");
    assertEquals(Optional.of("m_exact"), inspector.findIncrementalIndex(client, "orders"));
  }

  @Test
  void acceptsPathFormFieldsAbsentTermsAndExtraValues() {
    admin.createIndex("path_form", "orders", null, List.of(pathField("ts"), pathField("ref"), field("data")));
    assertEquals(Optional.of("path_form"), inspector.findIncrementalIndex(client, "orders"));
    assertEquals(List.of(), inspector.problems(client, "path_form", "orders"));
  }

  @Test
  void findsIndexesBeyondTheFirstPage() {
    for (int i = 0; i < 105; i++) {
      admin.createIndex(String.format("idx_%03d", i), "other", null, List.of(field("ts"), field("ref")));
    }
    admin.createTsRefIndex("zz_orders", "orders");
    assertEquals(Optional.of("zz_orders"), inspector.findIncrementalIndex(client, "orders"));
  }

  @Test
  void aSuitableIndexHasNoProblems() {
    admin.createTsRefIndex("orders_by_ts", "orders");
    assertEquals(List.of(), inspector.problems(client, "orders_by_ts", "orders"));
  }

  @Test
  void aMissingIndexSaysHowToCreateIt() {
    assertEquals(List.of("Index 'orders_ts' does not exist. Create it with CreateIndex({ name: \"orders_ts\", "
            + "source: Collection(\"orders\"), terms: [], values: [{ field: \"ts\" }, { field: \"ref\" }] })"),
        inspector.problems(client, "orders_ts", "orders"));
  }

  @Test
  void anUnfitIndexGetsTheSeedsMessages() {
    admin.createIndex("bad", "other", List.of(field("data")), List.of(field("ref"), field("ts")));
    assertEquals(List.of(
            "Index 'bad' should have source 'orders', but it has source 'other'",
            "Index 'bad' should have no terms, but it has terms [{\"field\":\"data\"}]",
            "Index 'bad' should have values [{\"field\":\"ts\"},{\"field\":\"ref\"}], but it has values "
                + "[{\"field\":\"ref\"},{\"field\":\"ts\"}]"),
        inspector.problems(client, "bad", "orders"));
  }

  @Test
  void anIndexWithoutValuesSaysSo() {
    admin.createIndex("plain", "orders", null, null);
    assertEquals(List.of("Index 'plain' should have values [{\"field\":\"ts\"},{\"field\":\"ref\"}], but it has "
        + "values []"), inspector.problems(client, "plain", "orders"));
  }

  @Test
  void aReversedTsIsNotUsable() {
    admin.createIndex("newest_first", "orders", null, List.of(Obj("field", Value("ts"), "reverse", Value(true)),
        field("ref")));
    assertEquals(List.of("Index 'newest_first' should have values [{\"field\":\"ts\"},{\"field\":\"ref\"}], but it "
            + "has values [{\"field\":\"ts\",\"reverse\":true},{\"field\":\"ref\"}]"),
        inspector.problems(client, "newest_first", "orders"));
  }

  @Test
  void aKeyThatMayNotReadIndexDefinitionsIsTold() {
    admin.createTsRefIndex("orders_by_ts", "orders");
    admin.createRole("docs_only", read(Collection("orders")), read(Collections()));
    FaunaClient limited = client(admin.createKey("docs_only"));
    assertEquals(List.of("The key may not read the definition of index 'orders_by_ts'. Add { resource: Indexes(), "
        + "actions: { read: true } } to the privileges of its role."),
        inspector.problems(limited, "orders_by_ts", "orders"));
    assertThrows(PermissionDeniedException.class, () -> inspector.findIncrementalIndex(limited, "orders"));
  }

  private static Expr pathField(String name) {
    return Obj("field", com.faunadb.client.query.Language.Arr(Value(name)));
  }

  private FaunaClient client(String secret) {
    return FaunaClients.create(fauna.endpoint(), new Password(secret), Duration.ofSeconds(10));
  }
}
