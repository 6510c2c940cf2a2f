package dev.faunaconnect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RetentionCheckTest {
  private static final long NOW = 1_700_000_000_000_000L;
  private static final long MINUTE = 60_000_000L;
  private static final Duration POLL = Duration.ofSeconds(1);

  @Test
  void historyKeptLongEnoughIsQuiet() {
    assertEquals(List.of(), RetentionCheck.warnings("c", OptionalLong.of(7), POLL, NOW - MINUTE, NOW,
        RetentionCheck.Needs.DELETES));
  }

  @Test
  void noHistoryIsSaidLoudlyWithTheFix() {
    List<String> warnings = RetentionCheck.warnings("orders", OptionalLong.of(0), POLL, NOW - MINUTE, NOW,
        RetentionCheck.Needs.DELETES);
    assertEquals(1, warnings.size());
    assertTrue(warnings.get(0).contains("history_days = 0"), warnings.get(0));
    assertTrue(warnings.get(0).contains("Update(Collection(\"orders\"), { history_days: 7 })"), warnings.get(0));
  }

  @Test
  void retentionShorterThanTheHorizonOrTheTimeSinceTheLastReadIsSaid() {
    List<String> horizon = RetentionCheck.warnings("c", OptionalLong.of(1), Duration.ofDays(2), NOW, NOW,
        RetentionCheck.Needs.DELETES);
    assertEquals(1, horizon.size());
    assertTrue(horizon.get(0).contains("less than the PT48H between two reads"), horizon.get(0));

    List<String> behind = RetentionCheck.warnings("c", OptionalLong.of(0), POLL, NOW - 20 * MINUTE, NOW,
        RetentionCheck.Needs.DELETES);
    assertEquals(2, behind.size());
    assertTrue(behind.get(1).contains("may have been LOST"), behind.get(1));
  }

  @Test
  void withEveryVersionTheWarningsSayVersionsNeedHistoryToo() {
    List<String> versions = RetentionCheck.warnings("c", OptionalLong.of(0), POLL, NOW - 20 * MINUTE, NOW,
        new RetentionCheck.Needs(false, true));
    assertEquals(2, versions.size());
    assertTrue(versions.get(0).contains("so versions made while the connector is stopped"), versions.get(0));
    assertTrue(versions.get(0).contains("or set changes.mode=latest."), versions.get(0));
    assertTrue(versions.get(1).contains("The versions of collection 'c' were last read at"), versions.get(1));

    List<String> both = RetentionCheck.warnings("c", OptionalLong.of(1), Duration.ofDays(2), NOW, NOW,
        new RetentionCheck.Needs(true, true));
    assertEquals(1, both.size());
    assertTrue(both.get(0).contains("between two reads of its deletes and versions, so deletes and versions can be "
        + "LOST"), both.get(0));
    assertTrue(both.get(0).contains("or set deletes.mode=ignore and changes.mode=latest."), both.get(0));
  }
}
