package dev.faunaconnect.fauna;

import java.time.Duration;

/**
 * Bounded exponential backoff for retriable failures: the first retry waits {@code initialBackoff}, each next one
 * twice as long, never more than {@code maxBackoff}; at most {@code maxRetries} retries (-1: no limit).
 */
public record RetryPolicy(Duration initialBackoff, Duration maxBackoff, int maxRetries) {
  public RetryPolicy {
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0 || maxRetries < -1) {
      throw new IllegalArgumentException("bad retry policy: " + initialBackoff + ", " + maxBackoff + ", "
          + maxRetries);
    }
  }

  /** Whether another retry may follow {@code retriesDone} retries. */
  public boolean mayRetry(int retriesDone) {
    return maxRetries < 0 || retriesDone < maxRetries;
  }

  /** The wait before retry number {@code retry} (1 for the first). */
  public Duration backoff(int retry) {
    int doublings = Math.min(Math.max(retry - 1, 0), 30);
    Duration wait = initialBackoff.multipliedBy(1L << doublings);
    return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
  }
}
