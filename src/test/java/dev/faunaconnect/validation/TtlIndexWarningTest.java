package dev.faunaconnect.validation;

import static com.faunadb.client.query.Language.Collection;
import static com.faunadb.client.query.Language.Collections;
import static com.faunadb.client.query.Language.Index;
import static com.faunadb.client.query.Language.Indexes;
import static dev.faunaconnect.testing.FaunaAdmin.field;
import static dev.faunaconnect.testing.FaunaAdmin.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faunaconnect.fauna.TtlIndex;
import dev.faunaconnect.localfauna.LocalFauna;
import dev.faunaconnect.testing.FaunaAdmin;
import dev.faunaconnect.testing.LogCapture;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** validate() warns, in the worker's log and with the FQL to run, about each collection without a ttl index. */
class TtlIndexWarningTest {
  private static LocalFauna fauna;
  private static String noTtlIndexKey;

  @BeforeAll
  static void start() {
    fauna = LocalFauna.start();
    FaunaAdmin admin = new FaunaAdmin(fauna);
    admin.createCollection("leases");
    admin.createTsRefIndex("leases_by_ts", "leases");
    admin.createIndex("leases_by_ttl", "leases", List.of(), List.of(field("ttl"), field("ref")));
    admin.createCollection("notes");
    admin.createTsRefIndex("notes_by_ts", "notes");
    // values [ttl] alone do not say which document expires: not a ttl index
    admin.createIndex("notes_ttls", "notes", List.of(), List.of(field("ttl")));
    admin.createRole("no-ttl-index", read(Collections()), read(Indexes()), read(Collection("leases")),
        read(Index("leases_by_ts")));
    noTtlIndexKey = admin.createKey("no-ttl-index");
  }

  @AfterAll
  static void stop() {
    fauna.close();
  }

  private static String validateLog(String deletesMode) {
    return validateLog(fauna.secret(), "leases,notes", deletesMode);
  }

  private static String validateLog(String secret, String collections, String deletesMode) {
    Map<String, String> props = Map.of("fauna.endpoint", fauna.endpoint(), "fauna.secret", secret,
        "collections", collections, "deletes.mode", deletesMode);
    try (LogCapture log = LogCapture.open()) {
      List<ConfigValue> values = new dev.faunaconnect.validation.ConnectorValidator().validate(props).configValues();
      values.forEach(v -> assertEquals(List.of(), v.errorMessages(), v.name()));
      return log.text();
    }
  }

  @Test
  void aCollectionWithoutTtlIndexIsWarnedAboutWithTheFqlToRun() {
    String logged = validateLog("column");
    assertTrue(logged.contains(TtlIndex.missingWarning("notes")), logged);
    assertTrue(logged.contains("CreateIndex({ name: \"notes_by_ttl\", source: Collection(\"notes\"), terms: [], "
        + "values: [{ field: \"ttl\" }, { field: \"ref\" }] })"), logged);
    assertFalse(logged.contains("Collection 'leases' has no ttl index"), logged);
  }

  @Test
  void aKeyThatMayNotReadTheTtlIndexIsWarnedAboutWithTheGrantToAdd() {
    String logged = validateLog(noTtlIndexKey, "leases", "column");
    assertTrue(logged.contains("The key may not read index 'leases_by_ttl', the ttl index of collection 'leases', so "
        + "documents that expire by ttl will not reach Kafka as deletes."), logged);
    assertTrue(logged.contains("Index(\"leases_by_ttl\")"), logged);
  }

  @Test
  void withDeletesIgnoredExpiriesAreNotReadSoNothingIsWarned() {
    assertFalse(validateLog("ignore").contains("no ttl index"));
  }
}
