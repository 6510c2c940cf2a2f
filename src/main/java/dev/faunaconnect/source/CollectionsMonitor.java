package dev.faunaconnect.source;

import dev.faunaconnect.fauna.FaunaGateway;
import dev.faunaconnect.fauna.FaunaQueryException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.connect.connector.ConnectorContext;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the collections the key can see, at once and then every {@code collections.refresh.interval.ms}, and asks
 * Connect to reconfigure the tasks whenever the list differs from the one they were given. A fatal failure (bad
 * secret, no permission) fails the connector; a transient one is retried at the next refresh.
 */
public final class CollectionsMonitor {
  private static final Logger log = LoggerFactory.getLogger(CollectionsMonitor.class);

  private final FaunaGateway fauna;
  private final Duration interval;
  private final ConnectorContext context;
  private final Supplier<List<String>> assigned;
  private final CountDownLatch firstListing = new CountDownLatch(1);
  private final Thread thread;
  private volatile List<String> current;
  private volatile boolean running = true;

  /** {@code assigned} gives the collections the tasks were last given (null before the first task configs). */
  public CollectionsMonitor(FaunaGateway fauna, Duration interval, ConnectorContext context,
      Supplier<List<String>> assigned) {
    this.fauna = fauna;
    this.interval = interval;
    this.context = context;
    this.assigned = assigned;
    this.thread = new Thread(this::run, "fauna-collections-monitor");
    this.thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  /** The collections last listed, sorted; waits up to {@code timeout} for the first listing (null if none yet). */
  public List<String> collections(Duration timeout) throws InterruptedException {
    firstListing.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    return current;
  }

  public void stop() {
    running = false;
    thread.interrupt();
    try {
      thread.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    try {
      while (running) {
        refresh(this::changed);
        Thread.sleep(interval.toMillis());
      }
    } catch (InterruptedException | CancellationException e) {
      log.debug("Collections monitor stopped");
    }
  }

  private void refresh(Consumer<List<String>> onListed) {
    try {
      List<String> listed = fauna.collections().stream().sorted().toList();
      current = listed;
      firstListing.countDown();
      onListed.accept(listed);
    } catch (FaunaQueryException e) {
      if (e.kind() == FaunaQueryException.Kind.RETRIES_EXHAUSTED) {
        log.warn("Could not list the collections; trying again in {}: {}", interval, e.getMessage());
        return;
      }
      running = false;
      context.raiseError(new ConnectException("Cannot list the collections to stream: " + e.getMessage(), e));
    }
  }

  private void changed(List<String> listed) {
    List<String> given = assigned.get();
    if (given != null && !given.equals(listed)) {
      log.info("The collections changed from {} to {}: reconfiguring the tasks", given, listed);
      context.requestTaskReconfiguration();
    }
  }
}
