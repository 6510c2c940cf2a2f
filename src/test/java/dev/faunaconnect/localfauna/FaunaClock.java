package dev.faunaconnect.localfauna;

import java.time.Duration;
import java.time.Instant;

/**
 * The transaction clock, in microseconds since the epoch. Every transaction gets a time strictly later than the
 * previous one. Tests can move the wall clock forward ({@link #advance}) to age history past its retention.
 */
final class FaunaClock {
  private long offsetMicros;
  private long last;

  synchronized long nextTransactionTime() {
    last = Math.max(last + 1, wallMicros());
    return last;
  }

  /** The wall time, used for history retention. */
  synchronized long wallMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000L + offsetMicros;
  }

  synchronized void advance(Duration by) {
    offsetMicros += by.toNanos() / 1_000L;
  }

  /** The time now, for answers that run no transaction: never before the last transaction. */
  synchronized long now() {
    return Math.max(last, wallMicros());
  }

  /** Makes sure no later transaction is at or before {@code micros} (used when history is written at a past ts). */
  synchronized void observe(long micros) {
    last = Math.max(last, micros);
  }
}
