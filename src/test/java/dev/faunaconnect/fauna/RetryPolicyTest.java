package dev.faunaconnect.fauna;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faunaconnect.config.FaunaSourceConfig;
import dev.faunaconnect.fixtures.FaunaFixture;
import dev.faunaconnect.localfauna.FaultPlan.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Capped exponential backoff with jitter, retrying forever by default, and WARN once a query has failed for long. */
class RetryPolicyTest {
  private static final Duration SECOND = Duration.ofSeconds(1);
  private final List<LogEvent> logged = new ArrayList<>();
  private Logger logger;
  private AbstractAppender appender;

  @BeforeEach
  void captureLog() {
    logger = (Logger) LogManager.getLogger(RetryPolicy.class);
    appender = new AbstractAppender("retry-test", null, null, true, Property.EMPTY_ARRAY) {
      @Override
      public void append(LogEvent event) {
        synchronized (logged) {
          logged.add(event.toImmutable());
        }
      }
    };
    appender.start();
    logger.addAppender(appender);
    logger.setLevel(Level.INFO);
  }

  @AfterEach
  void releaseLog() {
    logger.removeAppender(appender);
    appender.stop();
  }

  @Test
  void theDefaultRetriesForeverWithWaitsThatDoubleUpToTheCap() {
    FaunaSourceConfig config = new FaunaSourceConfig(Map.of("fauna.endpoint", "http://127.0.0.1:8443",
        "fauna.secret", "s"));
    RetryPolicy policy = new RetryPolicy(config.retryBackoffInitial(), config.retryBackoffMax(),
        config.retryMaxAttempts());
    assertEquals(-1, policy.maxRetries());
    assertTrue(policy.mayRetry(0) && policy.mayRetry(10) && policy.mayRetry(Integer.MAX_VALUE));
    assertEquals(List.of(200L, 400L, 800L, 1_600L, 3_200L, 6_400L, 12_800L, 25_600L, 30_000L, 30_000L),
        IntStream.rangeClosed(1, 10).mapToObj(n -> policy.backoff(n).toMillis()).toList());
    assertEquals(Duration.ofSeconds(30), policy.backoff(1_000_000));
  }

  @Test
  void aLimitStopsTheRetries() {
    RetryPolicy three = new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(5), 3);
    assertTrue(three.mayRetry(2));
    assertFalse(three.mayRetry(3));
    assertFalse(new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(5), 0).mayRetry(0));
    assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(SECOND, SECOND, -2));
    assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(SECOND, Duration.ofMillis(5), 1));
  }

  @Test
  void eachWaitIsDrawnBetweenHalfAndAllOfTheBackoff() {
    RetryPolicy policy = new RetryPolicy(Duration.ofMillis(200), Duration.ofSeconds(30), -1);
    assertEquals(Duration.ofMillis(100), policy.jitteredBackoff(1, 0.0));
    assertEquals(Duration.ofMillis(200), policy.jitteredBackoff(1, 0.9999999));
    assertEquals(Duration.ofMillis(15_000), policy.jitteredBackoff(20, 0.0));
    assertEquals(Duration.ofMillis(22_500), policy.jitteredBackoff(20, 0.5));
    assertEquals(Duration.ofMillis(30_000), policy.jitteredBackoff(20, 0.9999999));
    RetryPolicy.Retries retries = policy.start();
    for (int n = 1; n <= 12; n++) {
      long wait = retries.next("failure").toMillis();
      long cap = policy.backoff(n).toMillis();
      assertTrue(wait >= cap / 2 && wait <= cap, "retry " + n + " waits " + wait + " ms, cap " + cap);
    }
  }

  @Test
  void retriesOfAQueryFailingForOverTheThresholdAreWarningsWithTheCause() {
    AtomicLong now = new AtomicLong();
    RetryPolicy policy = new RetryPolicy(Duration.ofMillis(200), Duration.ofSeconds(30), -1);
    RetryPolicy.Retries retries = policy.start(now::get, () -> 0.5);
    retries.next("Transient failure of Now(): UnavailableException: time out");
    now.addAndGet(Duration.ofSeconds(59).toNanos());
    retries.next("Transient failure of Now(): IOException: connection reset");
    assertEquals(List.of(Level.INFO, Level.INFO), levels());
    now.addAndGet(Duration.ofSeconds(66).toNanos());
    Duration wait = retries.next("Transient failure of Now(): UnavailableException: time out");
    assertEquals(Level.WARN, logged.get(2).getLevel());
    assertEquals("Fauna has been failing for 2 min 5 s (3 attempts, retry.max.attempts=-1: retrying until Fauna "
        + "answers); still retrying, next in " + wait.toMillis() + " ms. Last failure: Transient failure of Now(): "
        + "UnavailableException: time out", logged.get(2).getMessage().getFormattedMessage());
    assertTrue(retries.mayRetry());
    assertEquals(Duration.ofSeconds(125), retries.failingFor());
  }

  @Test
  void givingUpSaysHowManyAttemptsOverHowLongAndWhatToDo() {
    AtomicLong now = new AtomicLong();
    RetryPolicy.Retries retries = new RetryPolicy(SECOND, SECOND, 1).start(now::get, () -> 0);
    retries.next("x");
    now.addAndGet(Duration.ofMillis(1_500).toNanos());
    assertFalse(retries.mayRetry());
    assertEquals("Gave up after 2 attempts in 1 s. Transient failure of Now(): 503. Check that fauna.endpoint is "
        + "reachable and Fauna is healthy, or raise retry.max.attempts (-1 retries forever).",
        retries.givingUp("Transient failure of Now(): 503"));
  }

  @Test
  void theGatewayRidesOutASickFaunaAndWarnsOnceTheTroubleLasts() {
    try (FaunaFixture fixture = FaunaFixture.start()) {
      fixture.fauna().faults().failNext(12, Fault.status(503)).failNext(6, Fault.dropConnection())
          .failNext(12, Fault.status(503));
      RetryPolicy forever = new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(8), -1, Duration.ofMillis(40));
      FaunaGateway gateway = FaunaGateway.forChecks(fixture.endpoint(),
          new Password(fixture.fauna().secret()), SECOND.plusSeconds(9), forever);
      assertTrue(gateway.now() > 0, "Now() answered after 30 failures, three times the old limit of 10 retries");
      assertEquals(30, fixture.fauna().faults().injected());
      synchronized (logged) {
        assertEquals(30, logged.size(), "one line per retry");
        LogEvent last = logged.get(logged.size() - 1);
        assertEquals(Level.WARN, last.getLevel());
        String message = last.getMessage().getFormattedMessage();
        assertTrue(message.startsWith("Fauna has been failing for ") && message.contains("(30 attempts, ")
            && message.contains("Last failure: Transient failure of ") && message.contains("UnavailableException"),
            message);
        assertEquals(Level.INFO, logged.get(0).getLevel());
      }
    }
  }

  @Test
  void theGatewayStillGivesUpWhenALimitIsSet() {
    try (FaunaFixture fixture = FaunaFixture.start()) {
      fixture.fauna().faults().failFraction(1.0, Fault.dropConnection(), 7);
      RetryPolicy five = new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(4), 5);
      FaunaGateway gateway = FaunaGateway.forChecks(fixture.endpoint(),
          new Password(fixture.fauna().secret()), Duration.ofSeconds(10), five);
      FaunaQueryException e = assertThrows(FaunaQueryException.class, gateway::now);
      assertEquals(FaunaQueryException.Kind.RETRIES_EXHAUSTED, e.kind());
      assertEquals(6, fixture.fauna().faults().injected());
      assertTrue(e.getMessage().startsWith("Gave up after 6 attempts in "), e.getMessage());
    }
  }

  private List<Level> levels() {
    synchronized (logged) {
      return logged.stream().map(LogEvent::getLevel).toList();
    }
  }
}
