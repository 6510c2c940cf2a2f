package dev.faunaconnect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faunaconnect.fauna.HistoryRetention;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The task's retention check says what {@link HistoryRetention} says, for null, 0 and a short history_days, and
 * the README describes null as the model does.
 */
class RetentionModelTest {
  private static final long NOW = 1_700_000_000_000_000L;
  private static final Duration POLL = Duration.ofSeconds(1);

  @Test
  void theTaskWarnsInTheModelsWordsAboutNullZeroAndShortHistory() {
    for (OptionalLong days : List.of(OptionalLong.empty(), OptionalLong.of(0), OptionalLong.of(1))) {
      Duration horizon = Duration.ofDays(2);
      assertEquals(List.of(HistoryRetention.of(days).warning("c", horizon, "deletes", "deletes.mode=ignore")
          .orElseThrow()), RetentionCheck.warnings("c", days, horizon, NOW, NOW, RetentionCheck.Needs.DELETES),
          String.valueOf(days));
    }
  }

  @Test
  void theReadmeSaysWhatNullKeeps() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    assertTrue(readme.contains("`history_days: null`") && readme.contains("only since the collection document was "
        + "last written"), "README's history_days paragraph");
  }
}
