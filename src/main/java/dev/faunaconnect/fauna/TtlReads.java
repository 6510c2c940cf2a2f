package dev.faunaconnect.fauna;

import static com.faunadb.client.query.Language.Arr;
import static com.faunadb.client.query.Language.Epoch;
import static com.faunadb.client.query.Language.Index;
import static com.faunadb.client.query.Language.Match;
import static com.faunadb.client.query.Language.Now;
import static com.faunadb.client.query.Language.Obj;
import static com.faunadb.client.query.Language.Paginate;
import static com.faunadb.client.query.Language.Range;
import static com.faunadb.client.query.Language.ToMicros;
import static com.faunadb.client.query.Language.Value;

import com.faunadb.client.query.Expr;
import com.faunadb.client.query.Language.TimeUnit;
import com.faunadb.client.query.Pagination;
import com.faunadb.client.types.Codec;
import com.faunadb.client.types.Value;
import com.faunadb.client.types.Value.RefV;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The two reads of a collection's ttl index ({@link TtlIndex}): its snapshot over a range of ttls (the entries that
 * will expire, while they still can be read: Fauna hides an entry from every read at a transaction time at or after
 * its ttl, {@code At} included, {@code SetSnapshot.run}), and its set events (an add for each entry a write makes, a
 * remove for each it ends; an expiry writes none, and history is not filtered by ttl, {@code SetHistory}). Times are
 * microseconds; a ttl is rounded up to the first microsecond at which the document is gone.
 */
public final class TtlReads {
  /** An entry of the index: the microsecond from which its document is expired, and the document's id. */
  public record Entry(long expiresAt, String ref) {}

  /** A set event: its ts, add or remove, the document's id, and the entry's expiry (null: the entry has no ttl). */
  public record Event(long ts, boolean add, String ref, Long expiresAt) {}

  /** A page of events, where the next one starts, whether more follow now, and the time the page was read at. */
  public record Events(List<Event> items, Cursor next, boolean more, long readTime) {}

  /** The entries of a range of ttls, and the latest transaction time any of its pages was read at. */
  public record Window(List<Entry> entries, long lastReadTime) {}

  /** Where a read of the set events starts (the {@code after} of the previous page); opaque to callers. */
  public static final class Cursor {
    private final Expr after;

    private Cursor(Expr after) {
      this.after = after;
    }

    /** Before every event the index's history still holds (Fauna keeps them after its minimum valid time). */
    public static Cursor historyStart() {
      return after(0L);
    }

    /** After every event at or before {@code ts}. */
    static Cursor after(long ts) {
      return new Cursor(Obj("ts", Value(ts)));
    }
  }

  private final FaunaGateway gateway;

  public TtlReads(FaunaGateway gateway) {
    this.gateway = gateway;
  }

  /** Fauna's current transaction time. */
  public long now() {
    return gateway.now();
  }

  /**
   * The entries with a ttl in ({@code fromExclusive}, {@code toInclusive}] (rounded up to the microsecond), in
   * (ttl, ref) order. The range starts at {@code fromExclusive} itself: a ttl between it and the next microsecond
   * belongs here; one of exactly {@code fromExclusive} is left out by the filter.
   */
  public Window window(String index, String collection, long fromExclusive, long toInclusive, int size) {
    List<Entry> entries = new ArrayList<>();
    long lastRead = Long.MIN_VALUE;
    Expr cursor = null;
    do {
      Pagination page = Paginate(Range(Match(Index(index)), Arr(Epoch(fromExclusive, TimeUnit.MICROSECOND)),
          Arr(Epoch(toInclusive + 1, TimeUnit.MICROSECOND)))).size(size);
      if (cursor != null) {
        page = page.after(cursor);
      }
      Value answer = gateway.run(new FaunaQuery(Arr(page, ToMicros(Now())), "Paginate(Range(Match(Index("
          + SetupFql.quote(index) + ")), [Epoch(" + fromExclusive + ", \"microseconds\")], [Epoch("
          + (toInclusive + 1) + ", \"microseconds\")]), {size: " + size + "})",
          List.of("Index(" + SetupFql.quote(index) + ")"), collection, index));
      for (Value element : answer.at(0).at("data").to(Codec.ARRAY).get()) {
        long expiresAt = micros(element.at(0).to(Codec.TIME).get());
        if (expiresAt > fromExclusive && expiresAt <= toInclusive) {
          entries.add(new Entry(expiresAt, element.at(1).to(Codec.REF).map(RefV::getId).get()));
        }
      }
      lastRead = Math.max(lastRead, answer.at(1).to(Codec.LONG).get());
      cursor = answer.at(0).at("after").getOptional().orElse(null);
    } while (cursor != null);
    return new Window(entries, lastRead);
  }

  /** One page of the index's set events from {@code from}, in (ts, action, entry) order. */
  public Events events(String index, String collection, Cursor from, int size) {
    Expr page = Paginate(Match(Index(index))).after(from.after).events(true).size(size);
    Value answer = gateway.run(new FaunaQuery(Arr(page, ToMicros(Now())), "Paginate(Match(Index("
        + SetupFql.quote(index) + ")), {after: <cursor>, events: true, size: " + size + "})",
        List.of("Index(" + SetupFql.quote(index) + ")"), collection, index));
    List<Event> events = new ArrayList<>();
    for (Value event : answer.at(0).at("data").to(Codec.ARRAY).get()) {
      Value ttl = event.at("data").at(0);
      events.add(new Event(event.at("ts").to(Codec.LONG).get(), "add".equals(event.at("action").to(Codec.STRING)
          .get()), event.at("document").to(Codec.REF).map(RefV::getId).get(),
          ttl.to(Codec.TIME).getOptional().map(TtlReads::micros).orElse(null)));
    }
    long readTime = answer.at(1).to(Codec.LONG).get();
    Value after = answer.at(0).at("after").getOptional().orElse(null);
    return after == null ? new Events(events, Cursor.after(readTime), false, readTime)
        : new Events(events, new Cursor(after), true, readTime);
  }

  /** The first microsecond at or after the instant: a document is gone from a transaction time at or after its ttl. */
  static long micros(Instant ttl) {
    return Math.addExact(Math.multiplyExact(ttl.getEpochSecond(), 1_000_000L), (ttl.getNano() + 999) / 1000);
  }
}
