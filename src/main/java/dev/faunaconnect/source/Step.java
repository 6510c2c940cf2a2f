package dev.faunaconnect.source;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.connect.source.SourceRecord;

/** What one step of a collection's reader produced, and how long it may rest before its next step. */
record Step(List<SourceRecord> records, Duration rest) {
  Step {
    records = List.copyOf(records);
  }

  /** More is ready to read now. */
  static Step busy(List<SourceRecord> records) {
    return new Step(records, Duration.ZERO);
  }

  /** Caught up: nothing more before {@code rest} has passed. */
  static Step caughtUp(List<SourceRecord> records, Duration rest) {
    return new Step(records, rest);
  }
}
