package dev.faunaconnect.localfauna;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;

/**
 * Faults to inject into query requests ({@code POST /} and {@code GET /?q=}; never {@code /ping}, the control
 * endpoints or requests refused before they run, e.g. 401), for reliability tests: answer with an error status,
 * close the connection without answering, or answer late. Faults are queued for the next N queries, or drawn for a
 * fraction of all queries with a seeded random (so the same seed fails the same queries), and can be changed while
 * the server runs.
 */
public final class FaultPlan {
  /** What happens to a request. */
  public enum Kind { STATUS, DROP_CONNECTION, DELAY }

  /** One injected fault: an HTTP status (429, 503, 500, 409), a dropped connection, or a delay before answering. */
  public record Fault(Kind kind, int status, Duration delay) {
    public static Fault status(int status) {
      if (status != 429 && status != 503 && status != 500 && status != 409) {
        throw new IllegalArgumentException("status faults are 429, 503, 500 or 409, not " + status);
      }
      return new Fault(Kind.STATUS, status, Duration.ZERO);
    }

    public static Fault dropConnection() {
      return new Fault(Kind.DROP_CONNECTION, 0, Duration.ZERO);
    }

    public static Fault delay(Duration delay) {
      return new Fault(Kind.DELAY, 0, delay);
    }
  }

  private final Deque<Fault> queued = new ArrayDeque<>();
  private Fault random;
  private double fraction;
  private Random dice = new Random(0);
  private long injected;

  /** The next {@code count} query requests get {@code fault}, after any already queued. */
  public synchronized FaultPlan failNext(int count, Fault fault) {
    for (int i = 0; i < count; i++) {
      queued.add(fault);
    }
    return this;
  }

  /** Each query request gets {@code fault} with probability {@code p}, drawn from a random seeded with {@code seed}. */
  public synchronized FaultPlan failFraction(double p, Fault fault, long seed) {
    if (p < 0 || p > 1) {
      throw new IllegalArgumentException("fraction must be between 0 and 1");
    }
    this.fraction = p;
    this.random = fault;
    this.dice = new Random(seed);
    return this;
  }

  /** Removes every fault and starts counting injected faults from zero again. */
  public synchronized FaultPlan clear() {
    queued.clear();
    random = null;
    fraction = 0;
    injected = 0;
    return this;
  }

  /** How many faults were injected since the plan was made or cleared. */
  public synchronized long injected() {
    return injected;
  }

  /** The fault for the next request, or null. */
  synchronized Fault next() {
    Fault f = queued.poll();
    if (f == null && random != null && dice.nextDouble() < fraction) {
      f = random;
    }
    if (f != null) {
      injected++;
    }
    return f;
  }
}
