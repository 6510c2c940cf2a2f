package dev.faunaconnect.validation;

import static com.faunadb.client.query.Language.CreateCollection;
import static com.faunadb.client.query.Language.Null;
import static com.faunadb.client.query.Language.Obj;
import static com.faunadb.client.query.Language.Value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faunaconnect.localfauna.LocalFauna;
import dev.faunaconnect.testing.FaunaAdmin;
import dev.faunaconnect.testing.LogCapture;
import dev.faunaconnect.fauna.HistoryRetention;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** validate() warns in the worker's log when changes.mode=every_version meets a history too short to read from. */
class VersionHistoryCheckTest {
  private static LocalFauna fauna;

  @BeforeAll
  static void start() {
    fauna = LocalFauna.start();
    FaunaAdmin admin = new FaunaAdmin(fauna);
    admin.query(CreateCollection(Obj("name", Value("short"), "history_days", Value(0))));
    admin.query(CreateCollection(Obj("name", Value("unset"), "history_days", Null())));
    admin.query(CreateCollection(Obj("name", Value("week"), "history_days", Value(7))));
  }

  @AfterAll
  static void stop() {
    fauna.close();
  }

  @Test
  void historyShorterThanThePollingHorizonIsWarnedAbout() {
    Duration second = Duration.ofSeconds(1);
    for (OptionalLong days : List.of(OptionalLong.empty(), OptionalLong.of(0), OptionalLong.of(1))) {
      assertEquals("changes.mode=every_version: " + HistoryRetention.of(days).warning("c", Duration.ofDays(2),
          "versions", "changes.mode=latest").orElseThrow(), VersionHistoryCheck.warning("c", days,
          Duration.ofDays(2)).orElseThrow(), "validation says what the task says, for " + days);
    }
    assertTrue(VersionHistoryCheck.warning("c", OptionalLong.empty(), second).orElseThrow()
        .contains("only since the collection document was last written"));
    assertEquals(Optional.empty(), VersionHistoryCheck.warning("c", OptionalLong.of(7), Duration.ofDays(1)));
  }

  @Test
  void validateWarnsAboutEachShortHistoryOnlyWithEveryVersion() {
    Map<String, String> props = new HashMap<>(Map.of("fauna.endpoint", fauna.endpoint(), "fauna.secret",
        fauna.secret(), "collections", "short,unset,week", "changes.mode", "every_version"));
    assertEquals(List.of("changes.mode=every_version: Collection 'short' has history_days = 0",
        "changes.mode=every_version: Collection 'unset' has history_days = null"), warningsOf(props));
    props.put("changes.mode", "latest");
    assertEquals(List.of(), warningsOf(props));
    props.put("changes.mode", "every_versions");
    assertEquals(List.of("Invalid value every_versions for configuration changes.mode: Must be one of latest, "
        + "every_version."), errorsOf(props));
  }

  private static List<String> warningsOf(Map<String, String> props) {
    try (LogCapture log = LogCapture.open()) {
      List<String> errors = errorsOf(props);
      assertEquals(List.of(), errors);
      return log.lines().stream().filter(l -> l.startsWith("WARN") && l.contains("changes.mode=every_version"))
          .map(l -> l.substring(l.indexOf("changes.mode="), l.indexOf(": Fauna"))).toList();
    }
  }

  private static List<String> errorsOf(Map<String, String> props) {
    return new ConnectorValidator().validate(props).configValues().stream()
        .flatMap(v -> v.errorMessages().stream()).toList();
  }
}
