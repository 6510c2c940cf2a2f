package dev.faunaconnect.fauna;

import com.faunadb.client.FaunaClient;
import com.faunadb.client.query.Expr;
import com.faunadb.client.types.Codec;
import com.faunadb.client.types.Value;
import com.faunadb.client.types.Value.RefV;
import dev.faunaconnect.config.FaunaSourceConfig;
import dev.faunaconnect.convert.DocumentConversionException;
import dev.faunaconnect.convert.DocumentReader;
import dev.faunaconnect.convert.FaunaDocument;
import dev.faunaconnect.fauna.PageAnswer.ElementReader;
import dev.faunaconnect.metrics.FaunaReadListener;
import dev.faunaconnect.metrics.FaunaReadListener.Stream;
import dev.faunaconnect.metrics.TaskMetrics;
import dev.faunaconnect.offset.Position;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.apache.kafka.common.config.types.Password;

/**
 * The connector's narrow gateway to Fauna: the few reads it needs, each returning the elements strictly after a
 * position, with retriable failures retried (bounded exponential backoff) and every other failure classified once
 * as a {@link FaunaQueryException}. Page cursors never leave this class.
 *
 * <p>The pages of documents and events (snapshots, changes, deletes) are sent on the driver's connection and their
 * answers parsed once, streaming, into what the records need ({@link DocumentReader}): no driver {@code Value} is
 * built for them. The other reads go through the driver's client.
 */
public final class FaunaGateway {
  private static final Duration ANSWER_GRACE = Duration.ofSeconds(5);

  private final FaunaSession session;
  private final FaunaClient client;
  private final RetryPolicy retry;
  private final Duration queryTimeout;
  private final Function<String, DocumentReader> documentReaders;
  private final Map<String, DocumentReader> readers = new ConcurrentHashMap<>();
  private FaunaReadListener listener = FaunaReadListener.NONE;

  /** {@code documentReaders} gives, for a collection, what to read from its documents. */
  public FaunaGateway(FaunaSession session, RetryPolicy retry, Duration queryTimeout,
      Function<String, DocumentReader> documentReaders) {
    this.session = session;
    this.client = session.client();
    this.retry = retry;
    this.queryTimeout = queryTimeout;
    this.documentReaders = documentReaders;
  }

  /**
   * A gateway for checks only (validation): the same retries and classification of failures, but no document
   * pages, so no collection settings are needed.
   */
  public static FaunaGateway forChecks(String endpoint, Password secret, Duration queryTimeout, RetryPolicy retry) {
    return new FaunaGateway(FaunaSession.create(endpoint, secret, queryTimeout), retry, queryTimeout, collection -> {
      throw new IllegalStateException("a gateway for checks reads no document pages");
    });
  }

  public static FaunaGateway create(FaunaSourceConfig config) {
    RetryPolicy retry = new RetryPolicy(config.retryBackoffInitial(), config.retryBackoffMax(),
        config.retryMaxAttempts());
    return new FaunaGateway(FaunaSession.create(config), retry, config.queryTimeout(),
        collection -> DocumentReader.of(config, config.settingsFor(collection)))
        .observedBy(TaskMetrics.listenerFor(config));
  }

  /** Reports every page read, retry and failure to {@code listener} (the task's metrics). */
  public FaunaGateway observedBy(FaunaReadListener listener) {
    this.listener = listener;
    return this;
  }

  /**
   * Says that Fauna was already read at {@code txnTime} (a stored offset's time), so every later query carries at
   * least that {@code X-Last-Seen-Txn}: a cluster node whose snapshot is below it then waits for it, instead of
   * reading an {@code At(txnTime, ...)} at its own, lower time.
   */
  public void seen(long txnTime) {
    client.syncLastTxnTime(txnTime);
  }

  /** Fauna's current transaction time, in microseconds. */
  public long now() {
    return run(FaunaQueries.now()).to(Codec.LONG).get();
  }

  /** Documents of the snapshot at {@code snapshotTs} after the document {@code afterRef} (null: from the start). */
  public Page<FaunaDocument> snapshotAfter(String collection, long snapshotTs, String afterRef, int size) {
    Position start = afterRef == null ? null : new Position(snapshotTs, afterRef);
    return observed(collection, Stream.SNAPSHOT, readAfter(start, size, (cursor, n) -> FaunaQueries.snapshotPage(
        collection, snapshotTs, afterRef, cursor, n), documents(collection), doc -> new Position(snapshotTs, doc.id()),
        doc -> true));
  }

  /** Documents changed after {@code after}, in (ts, ref) order, read through the ts/ref index {@code index}. */
  public Page<FaunaDocument> changesAfter(String index, String collection, Position after, int size) {
    return observed(collection, Stream.CHANGES, readAfter(after, size, (cursor, n) -> FaunaQueries.changePage(
        index, collection, after, cursor, n), documents(collection), FaunaGateway::positionOf, doc -> true));
  }

  /**
   * Every version written after {@code after}, in (ts, ref) order, each read at its own ts, from the {@code add}
   * events of the ts/ref index {@code index} ({@link VersionQueries}). A version that can no longer be read (its
   * ttl has passed) is left out, and read past.
   */
  public Page<FaunaDocument> versionsAfter(String index, String collection, Position after, int size) {
    ElementsReader<FaunaDocument> documents = documents(collection);
    Page<IndexVersion> versions = observed(collection, Stream.CHANGES, readAfter(after, size, (cursor, n) ->
        VersionQueries.versionPage(index, collection, after, cursor, n), () -> IndexVersion.reader(
        documents.forPage()), IndexVersion::position, version -> version.document() != null));
    return new Page<>(versions.items().stream().map(IndexVersion::document).toList(), versions.more(),
        versions.through());
  }

  /**
   * The deletes ({@code remove} events) of the collection after {@code after}, in (ts, ref) order. The page's
   * {@code through} also passes the {@code add} events read, so they are not read again.
   */
  public Page<Position> removesAfter(String collection, Position after, int size) {
    Page<SetEvent> events = observed(collection, Stream.REMOVES, readAfter(after, size, (cursor, n) ->
        FaunaQueries.removePage(collection, after, cursor, n), () -> SetEvent::read, SetEvent::position,
        event -> "remove".equals(event.action())));
    return new Page<>(events.items().stream().map(SetEvent::position).toList(), events.more(), events.through());
  }

  /** Readers of one page of the collection's documents. */
  private ElementsReader<FaunaDocument> documents(String collection) {
    DocumentReader reader = readers.computeIfAbsent(collection, documentReaders);
    return () -> reader.session()::read;
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

  /**
   * Whether the collection's history still holds everything after {@code ts}: a read at {@code ts} is refused once
   * {@code ts} is below the collection's minimum valid time (history_days + 15 minutes, or, with history_days null,
   * the last write of the collection document minus 15 minutes).
   */
  public boolean retainsHistoryAfter(String collection, long ts) {
    try {
      run(FaunaQueries.retainedProbe(collection, ts));
      return true;
    } catch (FaunaQueryException e) {
      if (e.kind() == FaunaQueryException.Kind.SNAPSHOT_EXPIRED) {
        return false;
      }
      throw e;
    }
  }

  /** When the collection document was last written (a re-created collection has a later one); empty if none. */
  public OptionalLong collectionTs(String collection) {
    try {
      return OptionalLong.of(run(FaunaQueries.collectionTs(collection)).to(Codec.LONG).get());
    } catch (FaunaQueryException e) {
      if (e.kind() == FaunaQueryException.Kind.UNKNOWN_COLLECTION) {
        return OptionalLong.empty();
      }
      throw e;
    }
  }

  /**
   * Whether the collection living now under this name is the one that lived under it at {@code ts} (a time at
   * which the reader saw its collection document): false for a collection deleted and created again since, or none.
   */
  public boolean collectionLivedAt(String collection, long ts) {
    return run(FaunaQueries.collectionLivedAt(collection, ts)).to(Codec.BOOLEAN).get();
  }

  /**
   * The collection's {@code history_days}; empty when it is null, which keeps history only since the collection
   * document's last write (minus 15 minutes), not forever.
   */
  public OptionalLong historyDays(String collection) {
    Value days = run(FaunaQueries.historyDays(collection));
    return days.getOptional().map(v -> OptionalLong.of(v.to(Codec.LONG).get())).orElse(OptionalLong.empty());
  }

  /** Makes the reader of the elements of one page (it may keep buffers from one element to the next). */
  private interface ElementsReader<T> {
    ElementReader<T> forPage();
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
  private <T> Page<T> readAfter(Position start, int size, PageQuery query, ElementsReader<T> elements,
      Function<T, Position> at, Predicate<T> keep) {
    boolean startsAtElement = start != null && start.ref() != null;
    Expr cursor = null;
    while (true) {
      PageAnswer<T> page = read(FaunaQueries.withReadTime(query.page(cursor, cursor == null && startsAtElement
          ? size + 1 : size)), elements);
      List<T> items = new ArrayList<>();
      Position last = start;
      boolean readNew = false;
      for (T item : page.items()) {
        Position p = at.apply(item);
        if (last == null || p.compareTo(last) > 0) {
          last = p;
          readNew = true;
          if (keep.test(item)) {
            items.add(item);
          }
        }
      }
      if (page.after() == null) {
        return new Page<>(items, false, Position.endOf(page.readTime()));
      }
      if (readNew) {
        return new Page<>(items, true, last);
      }
      cursor = page.after();
    }
  }

  private <T> Page<T> observed(String collection, Stream stream, Page<T> page) {
    listener.pageRead(collection, stream, page.more(), page.through().ts());
    return page;
  }

  /** Where a document read by {@link #changesAfter} stands in the (ts, ref) order: its ts and id. */
  public static Position positionOf(FaunaDocument document) {
    return new Position(document.ts(), document.id());
  }

  private static String refId(Value ref) {
    return ref.to(Codec.REF).map(RefV::getId).get();
  }

  /**
   * Runs a check made of queries of its own (such as {@link IndexInspector}'s) with the same retries and the same
   * classification of failures as every other read. {@code what} describes it in messages, like the FQL of a query.
   */
  public <T> T inspect(String what, String resources, String collection, Function<FaunaClient, T> check) {
    FaunaQuery described = new FaunaQuery(null, what, resources.isEmpty() ? List.of() : List.of(resources),
        collection, null);
    return withRetries(described, () -> {
      try {
        return check.apply(client);
      } catch (RuntimeException | AssertionError e) {
        throw FaunaErrors.classify(e, described, session.redaction());
      }
    });
  }

  /** Runs a query through the driver, with the retries and classification of failures of every read. */
  Value run(FaunaQuery query) {
    return withRetries(query, () -> execute(query));
  }

  /** Runs a page query on the connection and parses its answer once, with retries as for every query. */
  private <T> PageAnswer<T> read(FaunaQuery query, ElementsReader<T> elements) {
    return withRetries(query, () -> {
      String body = send(query);
      try {
        return PageAnswer.read(body, elements.forPage());
      } catch (IOException | RuntimeException e) {
        if (e instanceof DocumentConversionException conversion) {
          throw conversion;
        }
        throw new FaunaQueryException(FaunaQueryException.Kind.OTHER, "Fauna's answer to " + query.fql()
            + " could not be read: " + e, e);
      }
    });
  }

  private String send(FaunaQuery query) {
    try {
      return session.send(query, ANSWER_GRACE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while running " + query.fql());
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      throw FaunaErrors.classify(e, query, session.redaction());
    }
  }

  private <T> T withRetries(FaunaQuery query, Supplier<T> attempt) {
    RetryPolicy.Retries retries = retry.start();
    while (true) {
      try {
        return attempt.get();
      } catch (FaunaQueryException e) {
        if (!e.kind().retriable()) {
          throw failed(query, e);
        }
        if (!retries.mayRetry()) {
          throw failed(query, new FaunaQueryException(FaunaQueryException.Kind.RETRIES_EXHAUSTED,
              retries.givingUp(e.getMessage()), e.getCause()));
        }
        listener.retrying(query.collection(), e.getMessage());
        sleep(retries.next(e.getMessage()));
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
      throw FaunaErrors.classify(e, query, session.redaction());
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
