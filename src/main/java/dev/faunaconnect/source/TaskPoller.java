package dev.faunaconnect.source;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the readers of one task on a background thread, so that {@link #poll()} never waits long for Fauna: the
 * thread steps the readers round-robin (each as soon as it is due again), hands their records over through a small
 * queue, and sleeps while every reader rests. A failure on the thread is rethrown by the next {@link #poll()}.
 */
public final class TaskPoller {
  private static final Logger log = LoggerFactory.getLogger(TaskPoller.class);
  /** {@link #poll()} returns control to Connect at least this often. */
  static final Duration POLL_WAIT = Duration.ofMillis(500);
  private static final int MAX_BATCHES_PER_POLL = 8;

  private final PriorityQueue<Scheduled> schedule = new PriorityQueue<>();
  private final BlockingQueue<List<SourceRecord>> ready = new ArrayBlockingQueue<>(4);
  private final Thread thread;
  private volatile boolean running = true;
  private volatile Throwable failure;
  private long turns;

  /** One collection and when it is next due; ties go to the one waiting longest, which makes the order round-robin. */
  private record Scheduled(CollectionLifecycle collection, long dueNanos, long turn)
      implements Comparable<Scheduled> {
    @Override
    public int compareTo(Scheduled other) {
      int byTime = Long.compare(dueNanos, other.dueNanos);
      return byTime != 0 ? byTime : Long.compare(turn, other.turn);
    }
  }

  TaskPoller(List<CollectionLifecycle> collections, String name) {
    long now = System.nanoTime();
    collections.forEach(c -> schedule.add(new Scheduled(c, now, turns++)));
    this.thread = new Thread(this::run, name);
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** The records ready now, or null after waiting at most {@link #POLL_WAIT} for some. */
  public List<SourceRecord> poll() throws InterruptedException {
    List<SourceRecord> first = ready.poll(POLL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    if (first == null) {
      throwIfFailed();
      return null;
    }
    List<SourceRecord> records = new ArrayList<>(first);
    List<List<SourceRecord>> more = new ArrayList<>();
    ready.drainTo(more, MAX_BATCHES_PER_POLL - 1);
    more.forEach(records::addAll);
    return records;
  }

  /** Stops the thread and waits for it briefly; records not yet polled are dropped (their offsets were not stored). */
  public void stop() {
    running = false;
    thread.interrupt();
    try {
      thread.join(POLL_WAIT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void throwIfFailed() {
    if (failure != null) {
      String message = failure.getMessage() == null ? failure.toString() : failure.getMessage();
      throw new ConnectException(message, failure);
    }
  }

  private void run() {
    try {
      while (running && !schedule.isEmpty()) {
        Scheduled next = schedule.poll();
        long wait = next.dueNanos() - System.nanoTime();
        if (wait > 0) {
          schedule.add(next);
          TimeUnit.NANOSECONDS.sleep(wait);
          continue;
        }
        stepAndReschedule(next.collection());
      }
    } catch (InterruptedException | CancellationException e) {
      log.debug("Reader thread stopped");
    } catch (Throwable t) {
      // any Throwable, an Error such as OutOfMemoryError too: the task must fail, not look RUNNING doing nothing
      if (running) {
        log.error("Reading Fauna failed: {}", t.getMessage() == null ? t.toString() : t.getMessage(), t);
        failure = t;
      }
    }
  }

  private void stepAndReschedule(CollectionLifecycle collection) throws InterruptedException {
    Step step = collection.step();
    if (!step.records().isEmpty()) {
      ready.put(step.records());
    }
    schedule.add(new Scheduled(collection, System.nanoTime() + step.rest().toNanos(), turns++));
  }
}
