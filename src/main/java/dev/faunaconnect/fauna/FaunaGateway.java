package dev.faunaconnect.fauna;

import com.faunadb.client.FaunaClient;
import com.faunadb.client.query.Expr;
import com.faunadb.client.types.Codec;
import com.faunadb.client.types.Value;
import com.faunadb.client.types.Value.RefV;
import dev.faunaconnect.config.FaunaSourceConfig;
import dev.faunaconnect.metrics.FaunaReadListener;
import dev.faunaconnect.metrics.FaunaReadListener.Stream;
import dev.faunaconnect.metrics.TaskMetrics;
import dev.faunaconnect.offset.Position;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connector's narrow gateway to Fauna: the few reads it needs, each returning the elements strictly after a
 * position, with retriable failures retried (bounded exponential backoff) and every other failure classified once
 * as a {@link FaunaQueryException}. Page cursors never leave this class.
 */
public final class FaunaGateway {
  private static final Logger log = LoggerFactory.getLogger(FaunaGateway.class);
  private static final Duration ANSWER_GRACE = Duration.ofSeconds(5);

  private final FaunaClient client;
  private final RetryPolicy retry;
  private final Duration queryTimeout;
  private FaunaReadListener listener = FaunaReadListener.NONE;

  public FaunaGateway(FaunaClient client, RetryPolicy retry, Duration queryTimeout) {
    this.client = client;
    this.retry = retry;
    this.queryTimeout = queryTimeout;
  }

  public static FaunaGateway create(FaunaSourceConfig config) {
    RetryPolicy retry = new RetryPolicy(config.retryBackoffInitial(), config.retryBackoffMax(),
        config.retryMaxAttempts());
    return new FaunaGateway(FaunaClients.create(config), retry, config.queryTimeout())
        .observedBy(TaskMetrics.listenerFor(config));
  }

  /** Reports every page read, retry and failure to {@code listener} (the task's metrics). */
  public FaunaGateway observedBy(FaunaReadListener listener) {
    this.listener = listener;
    return this;
  }

  /** Fauna's current transaction time, in microseconds. */
  public long now() {
    return run(FaunaQueries.now()).to(Codec.LONG).get();
  }

  /** Documents of the snapshot at {@code snapshotTs} after the document {@code afterRef} (null: from the start). */
  public Page<Value> snapshotAfter(String collection, long snapshotTs, String afterRef, int size) {
    Position start = afterRef == null ? null : new Position(snapshotTs, afterRef);
    return observed(collection, Stream.SNAPSHOT, readAfter(start, size, (cursor, n) -> FaunaQueries.snapshotPage(
        collection, snapshotTs, afterRef, cursor, n), doc -> new Position(snapshotTs, refId(doc.at("ref"))),
        doc -> true));
  }

  /** Documents changed after {@code after}, in (ts, ref) order, read through the ts/ref index {@code index}. */
  public Page<Value> changesAfter(String index, String collection, Position after, int size) {
    return observed(collection, Stream.CHANGES, readAfter(after, size, (cursor, n) -> FaunaQueries.changePage(
        index, collection, after, cursor, n), FaunaGateway::positionOf, doc -> true));
  }

  /**
   * The deletes ({@code remove} events) of the collection after {@code after}, in (ts, ref) order. The page's
   * {@code through} also passes the {@code add} events read, so they are not read again.
   */
  public Page<Position> removesAfter(String collection, Position after, int size) {
    Page<Value> events = observed(collection, Stream.REMOVES, readAfter(after, size, (cursor, n) ->
        FaunaQueries.removePage(collection, after, cursor, n), FaunaGateway::eventPosition,
        event -> "remove".equals(event.at("action").to(Codec.STRING).get())));
    return new Page<>(events.items().stream().map(FaunaGateway::eventPosition).toList(), events.more(),
        events.through());
  }

  /** The names of every collection the key can see. */
  public List<String> collections() {
    List<String> names = new ArrayList<>();
    Expr cursor = null;
    do {
      Value page = run(FaunaQueries.collectionsPage(cursor, 1000));
      page.at("data").to(Codec.ARRAY).get().forEach(ref -> names.add(refId(ref)));
      cursor = page.at("after").getOptional().orElse(null);
    } while (cursor != null);
    return names;
  }

  /** The collection's {@code history_days}; empty when its history is kept forever. */
  public OptionalLong historyDays(String collection) {
    Value days = run(FaunaQueries.historyDays(collection));
    return days.getOptional().map(v -> OptionalLong.of(v.to(Codec.LONG).get())).orElse(OptionalLong.empty());
  }

  /** A page query, given the previous page's {@code after} cursor (null for the first page) and the page size. */
  private interface PageQuery {
    FaunaQuery page(Expr cursor, int size);
  }

  /**
   * Reads the elements after {@code start}, and keeps those {@code keep} accepts. Elements at or before the last one
   * read are dropped: the one at {@code start} (cursors are inclusive, so one more is asked for) and index entries
   * repeated for one document. Pages holding nothing new are followed to the next one.
   */
  private Page<Value> readAfter(Position start, int size, PageQuery query, Function<Value, Position> at,
      Predicate<Value> keep) {
    boolean startsAtElement = start != null && start.ref() != null;
    Expr cursor = null;
    while (true) {
      Value result = run(FaunaQueries.withReadTime(query.page(cursor, cursor == null && startsAtElement ? size + 1
          : size)));
      Value page = result.at(0);
      List<Value> items = new ArrayList<>();
      Position last = start;
      boolean readNew = false;
      for (Value item : page.at("data").to(Codec.ARRAY).get()) {
        Position p = at.apply(item);
        if (last == null || p.compareTo(last) > 0) {
          last = p;
          readNew = true;
          if (keep.test(item)) {
            items.add(item);
          }
        }
      }
      Optional<Value> after = page.at("after").getOptional();
      if (after.isEmpty()) {
        return new Page<>(items, false, Position.endOf(result.at(1).to(Codec.LONG).get()));
      }
      if (readNew) {
        return new Page<>(items, true, last);
      }
      cursor = after.get();
    }
  }

  private <T> Page<T> observed(String collection, Stream stream, Page<T> page) {
    listener.pageRead(collection, stream, page.more(), page.through().ts());
    return page;
  }

  /** Where a document read by {@link #changesAfter} stands in the (ts, ref) order: its ts and id. */
  public static Position positionOf(Value document) {
    return new Position(document.at("ts").to(Codec.LONG).get(), refId(document.at("ref")));
  }

  private static Position eventPosition(Value event) {
    return new Position(event.at("ts").to(Codec.LONG).get(), refId(event.at("document")));
  }

  private static String refId(Value ref) {
    return ref.to(Codec.REF).map(RefV::getId).get();
  }

  /**
   * Runs a check made of queries of its own (such as {@link IndexInspector}'s) with the same retries and the same
   * classification of failures as every other read. {@code what} describes it in messages, like the FQL of a query.
   */
  public <T> T inspect(String what, String resources, String collection, Function<FaunaClient, T> check) {
    FaunaQuery described = new FaunaQuery(null, what, resources, collection, null);
    return withRetries(described, () -> {
      try {
        return check.apply(client);
      } catch (RuntimeException | AssertionError e) {
        throw FaunaErrors.classify(e, described);
      }
    });
  }

  private Value run(FaunaQuery query) {
    return withRetries(query, () -> execute(query));
  }

  private <T> T withRetries(FaunaQuery query, Supplier<T> attempt) {
    for (int retries = 0; ; retries++) {
      try {
        return attempt.get();
      } catch (FaunaQueryException e) {
        if (!e.kind().retriable()) {
          throw failed(query, e);
        }
        if (!retry.mayRetry(retries)) {
          throw failed(query, new FaunaQueryException(FaunaQueryException.Kind.RETRIES_EXHAUSTED, "Gave up after "
              + (retries + 1) + " attempts. " + e.getMessage() + ". Check that fauna.endpoint is reachable, or raise "
              + "retry.max.attempts.", e.getCause()));
        }
        listener.retrying(query.collection(), e.getMessage());
        Duration wait = retry.backoff(retries + 1);
        log.warn("{}; retrying in {} ms", e.getMessage(), wait.toMillis());
        sleep(wait);
      }
    }
  }

  private FaunaQueryException failed(FaunaQuery query, FaunaQueryException e) {
    listener.failed(query.collection(), e.getMessage());
    return e;
  }

  private Value execute(FaunaQuery query) {
    CompletableFuture<Value> answer = client.query(query.expr(), queryTimeout);
    try {
      return answer.get(queryTimeout.plus(ANSWER_GRACE).toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      answer.cancel(true);
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while running " + query.fql());
    } catch (ExecutionException | TimeoutException | RuntimeException | AssertionError e) {
      answer.cancel(true);
      throw FaunaErrors.classify(e, query);
    }
  }

  private static void sleep(Duration wait) {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while waiting to retry");
    }
  }
}
