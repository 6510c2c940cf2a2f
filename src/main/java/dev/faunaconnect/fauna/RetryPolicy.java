package dev.faunaconnect.fauna;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Capped exponential backoff with jitter for retriable failures: retry n waits a random time between half and all of
 * {@code min(initialBackoff * 2^(n-1), maxBackoff)} ("equal jitter", so tasks that failed together do not retry in
 * step); at most {@code maxRetries} retries, -1 for no limit (the default: a sick Fauna is waited out, it never fails
 * the task). A query that keeps failing for longer than {@code warnAfter} (by default {@link #LONG_TROUBLE}) says
 * so at WARN on every retry, with how long, how many attempts and the last cause; shorter trouble is logged at INFO.
 */
public record RetryPolicy(Duration initialBackoff, Duration maxBackoff, int maxRetries, Duration warnAfter) {
  /** How long a query may keep failing before its retries are logged at WARN. */
  public static final Duration LONG_TROUBLE = Duration.ofMinutes(1);
  private static final Logger log = LoggerFactory.getLogger(RetryPolicy.class);

  public RetryPolicy {
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0 || maxRetries < -1
        || warnAfter.isNegative()) {
      throw new IllegalArgumentException("bad retry policy: " + initialBackoff + ", " + maxBackoff + ", "
          + maxRetries + ", " + warnAfter);
    }
  }

  public RetryPolicy(Duration initialBackoff, Duration maxBackoff, int maxRetries) {
    this(initialBackoff, maxBackoff, maxRetries, LONG_TROUBLE);
  }

  /** Whether another retry may follow {@code retriesDone} retries. */
  public boolean mayRetry(int retriesDone) {
    return maxRetries < 0 || retriesDone < maxRetries;
  }

  /** The longest wait before retry number {@code retry} (1 for the first): the capped exponential backoff. */
  public Duration backoff(int retry) {
    int doublings = Math.min(Math.max(retry - 1, 0), 30);
    Duration wait = initialBackoff.multipliedBy(1L << doublings);
    return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
  }

  /** The wait before retry {@code retry}: between half and all of {@link #backoff}, by {@code random} in [0,1). */
  public Duration jitteredBackoff(int retry, double random) {
    long cap = backoff(retry).toMillis();
    return Duration.ofMillis(cap / 2 + (long) (random * (cap - cap / 2 + 1)));
  }

  /** The retries of one query, starting now. */
  public Retries start() {
    return new Retries(System::nanoTime, () -> ThreadLocalRandom.current().nextDouble());
  }

  Retries start(LongSupplier nanoClock, DoubleSupplier random) {
    return new Retries(nanoClock, random);
  }

  /** The retries of one query: how many were made, since when, and what to wait and log before the next one. */
  public final class Retries {
    private final LongSupplier nanoClock;
    private final DoubleSupplier random;
    private final long startNanos;
    private int done;

    private Retries(LongSupplier nanoClock, DoubleSupplier random) {
      this.nanoClock = nanoClock;
      this.random = random;
      this.startNanos = nanoClock.getAsLong();
    }

    /** Whether the policy allows one more retry. */
    public boolean mayRetry() {
      return RetryPolicy.this.mayRetry(done);
    }

    /** Counts one more retry after {@code failure}, logs it, and returns how long to wait before making it. */
    public Duration next(String failure) {
      done++;
      Duration wait = jitteredBackoff(done, random.getAsDouble());
      Duration failing = failingFor();
      if (failing.compareTo(warnAfter) >= 0) {
        log.warn("Fauna has been failing for {} ({} attempts, {}); still retrying, next in {} ms. Last failure: {}",
            describe(failing), done, limit(), wait.toMillis(), failure);
      } else {
        log.info("{}; retry {} in {} ms ({})", failure, done, wait.toMillis(), limit());
      }
      return wait;
    }

    /** The message of the failure that ends the retries: how many attempts over how long, and what to do. */
    public String givingUp(String failure) {
      return "Gave up after " + (done + 1) + " attempts in " + describe(failingFor()) + ". " + failure
          + ". Check that fauna.endpoint is reachable and Fauna is healthy, or raise retry.max.attempts (-1 retries "
          + "forever).";
    }

    /** How long the query has been failing. */
    public Duration failingFor() {
      return Duration.ofNanos(nanoClock.getAsLong() - startNanos);
    }

    private String limit() {
      return maxRetries < 0 ? "retry.max.attempts=-1: retrying until Fauna answers"
          : "at most " + maxRetries + " retries (retry.max.attempts)";
    }
  }

  /** {@code 2 min 5 s}, {@code 12 s} or {@code 350 ms}. */
  static String describe(Duration d) {
    if (d.toSeconds() < 1) {
      return d.toMillis() + " ms";
    }
    long minutes = d.toMinutes();
    return minutes == 0 ? d.toSeconds() + " s" : minutes + " min " + d.toSecondsPart() + " s";
  }
}
