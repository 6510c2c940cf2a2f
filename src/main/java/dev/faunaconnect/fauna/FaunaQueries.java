package dev.faunaconnect.fauna;

import static com.faunadb.client.query.Language.Arr;
import static com.faunadb.client.query.Language.At;
import static com.faunadb.client.query.Language.Collection;
import static com.faunadb.client.query.Language.Collections;
import static com.faunadb.client.query.Language.Do;
import static com.faunadb.client.query.Language.Documents;
import static com.faunadb.client.query.Language.Equals;
import static com.faunadb.client.query.Language.Exists;
import static com.faunadb.client.query.Language.Get;
import static com.faunadb.client.query.Language.If;
import static com.faunadb.client.query.Language.Index;
import static com.faunadb.client.query.Language.Lambda;
import static com.faunadb.client.query.Language.Map;
import static com.faunadb.client.query.Language.Match;
import static com.faunadb.client.query.Language.Now;
import static com.faunadb.client.query.Language.Null;
import static com.faunadb.client.query.Language.Obj;
import static com.faunadb.client.query.Language.Paginate;
import static com.faunadb.client.query.Language.Range;
import static com.faunadb.client.query.Language.Ref;
import static com.faunadb.client.query.Language.Select;
import static com.faunadb.client.query.Language.ToMicros;
import static com.faunadb.client.query.Language.Value;
import static com.faunadb.client.query.Language.Var;

import com.faunadb.client.query.Expr;
import com.faunadb.client.query.Pagination;
import dev.faunaconnect.offset.CollectionOffset;
import dev.faunaconnect.offset.Position;
import java.util.List;

/**
 * Every query the connector runs, built in this one place, each with its FQL text. A {@code cursor} is the
 * {@code after} of the previous page (inclusive: the first element of the next page); null starts the set at the
 * given position.
 */
final class FaunaQueries {
  private FaunaQueries() {}

  static FaunaQuery now() {
    return new FaunaQuery(ToMicros(Now()), "ToMicros(Now())", List.of(), null, null);
  }

  /**
   * The query and, in the same transaction, {@code ToMicros(Now())}: the time its reads were made at, so a page
   * that ends says up to when nothing else exists.
   */
  static FaunaQuery withReadTime(FaunaQuery query) {
    return new FaunaQuery(Arr(query.expr(), ToMicros(Now())), query.fql(), query.resources(), query.collection(),
        query.index());
  }

  /** {@code At(T, Map(Paginate(Documents(c)).size(n).after([ref]), Lambda(x, Get(x))))}: one page of a snapshot. */
  static FaunaQuery snapshotPage(String collection, long snapshotTs, String afterRef, Expr cursor, int size) {
    Pagination page = Paginate(Documents(Collection(collection))).size(size);
    String after = "";
    if (cursor != null) {
      page = page.after(cursor);
      after = ", after: <next page>";
    } else if (afterRef != null) {
      page = page.after(Arr(Ref(Collection(collection), afterRef)));
      after = ", after: [" + refFql(collection, afterRef) + "]";
    }
    String fql = "At(" + snapshotTs + ", Map(Paginate(Documents(" + collectionFql(collection) + "), {size: " + size
        + after + "}), Lambda(\"x\", Get(Var(\"x\")))))";
    return new FaunaQuery(At(Value(snapshotTs), Map(page, Lambda("x", Get(Var("x"))))), fql,
        List.of(collectionFql(collection)), collection, null);
  }

  /** {@code Map(Paginate(Range(Match(Index(i)), [ts, ref], [])).size(n), Lambda(x, Get(Select(1, x))))}. */
  static FaunaQuery changePage(String index, String collection, Position after, Expr cursor, int size) {
    Expr from = after.ref() == null ? Arr(Value(after.ts() + 1))
        : Arr(Value(after.ts()), Ref(Collection(collection), after.ref()));
    String fromFql = after.ref() == null ? "[" + (after.ts() + 1) + "]"
        : "[" + after.ts() + ", " + refFql(collection, after.ref()) + "]";
    Pagination page = Paginate(Range(Match(Index(index)), from, Arr())).size(size);
    if (cursor != null) {
      page = page.after(cursor);
    }
    String fql = "Map(Paginate(Range(Match(Index(" + SetupFql.quote(index) + ")), " + fromFql + ", []), {size: " + size
        + (cursor != null ? ", after: <next page>" : "") + "}), Lambda(\"x\", Get(Select(1, Var(\"x\")))))";
    return new FaunaQuery(Map(page, Lambda("x", Get(Select(Value(1), Var("x"))))), fql,
        List.of("Index(" + SetupFql.quote(index) + ")", collectionFql(collection)), collection, index);
  }

  /**
   * The set events of {@code Documents(c)} after a position: {@code after: {ts}} after every event at ts, or
   * {@code after: {ts, action: "remove", document}} from that remove (inclusive; the gateway drops it).
   */
  static FaunaQuery removePage(String collection, Position after, Expr cursor, int size) {
    Fql start = eventCursor(collection, after, cursor, "remove");
    Fql events = new Fql(Paginate(Documents(Collection(collection))).after(start.expr()).events(true).size(size),
        "Paginate(Documents(" + collectionFql(collection) + "), {after: " + start.text() + ", events: true, size: "
        + size + "})");
    if (cursor == null && !after.equals(CollectionOffset.HISTORY_START)) {
      events = inHistory(collection, after.ts(), events);
    }
    return new FaunaQuery(events.expr(), events.text(), List.of(collectionFql(collection)), collection, null);
  }

  /** An expression and its FQL text, for the error messages. */
  record Fql(Expr expr, String text) {}

  /**
   * Where a page of set events starts: the page's own cursor; {@code {ts}}, which leaves out every event at ts and
   * starts at the first one after it, whatever its action (a number ts + 1 would not do: it is inclusive of the adds
   * at ts + 1 but not of the removes there); or {@code {ts, action, document}}, inclusive of exactly that event.
   */
  static Fql eventCursor(String collection, Position after, Expr cursor, String action) {
    if (cursor != null) {
      return new Fql(cursor, "<next page>");
    }
    if (after.ref() == null) {
      return new Fql(Obj("ts", Value(after.ts())), "{ts: " + after.ts() + "}");
    }
    return new Fql(Obj("ts", Value(after.ts()), "action", Value(action), "document",
        Ref(Collection(collection), after.ref())), "{ts: " + after.ts() + ", action: \"" + action + "\", document: "
        + refFql(collection, after.ref()) + "}");
  }

  /**
   * {@code Do(At(ts, Paginate(Documents(c), {size: 1})), query)}: Fauna cuts a history read below the collection's
   * minimum valid time without an error, but refuses a snapshot read there (400 "Requested timestamp ... less than
   * minimum allowed timestamp"), so the first page of a history read checks, in the same query, that its position
   * is still in the history.
   */
  static Fql inHistory(String collection, long ts, Fql query) {
    Fql probe = historyProbe(collection, ts);
    return new Fql(Do(probe.expr(), query.expr()), "Do(" + probe.text() + ", " + query.text() + ")");
  }

  private static Fql historyProbe(String collection, long ts) {
    return new Fql(At(Value(ts), Paginate(Documents(Collection(collection))).size(1)), "At(" + ts
        + ", Paginate(Documents(" + collectionFql(collection) + "), {size: 1}))");
  }

  static FaunaQuery collectionsPage(Expr cursor, int size) {
    Pagination page = Paginate(Collections()).size(size);
    if (cursor != null) {
      page = page.after(cursor);
    }
    return new FaunaQuery(page, "Paginate(Collections(), {size: " + size + "})", List.of("Collections()"), null,
        null);
  }

  /** {@code Select("history_days", Get(Collection(c)), null)}: null when history is kept forever. */
  static FaunaQuery historyDays(String collection) {
    return new FaunaQuery(Select(Value("history_days"), Get(Collection(collection)), Null()),
        "Select(\"history_days\", Get(" + collectionFql(collection) + "), null)", List.of("Collections()"), collection,
        null);
  }

  /** {@code At(T, Paginate(Documents(c), {size: 1}))}: refused when T is below the collection's history. */
  static FaunaQuery retainedProbe(String collection, long ts) {
    Fql probe = historyProbe(collection, ts);
    return new FaunaQuery(probe.expr(), probe.text(), List.of(collectionFql(collection)), collection, null);
  }

  /** {@code Select("ts", Get(Collection(c)))}: when the collection document was last written. */
  static FaunaQuery collectionTs(String collection) {
    return new FaunaQuery(Select(Value("ts"), Get(Collection(collection))), "Select(\"ts\", Get("
        + collectionFql(collection) + "))", List.of("Collections()"), collection, null);
  }

  /**
   * {@code If(Exists(Collection(c), T), Equals(Select("name", Get(Collection(c), T)), c), false)}: whether the
   * collection living now under that name already lived, under it, at T. {@code Collection(c)} stands for the
   * collection living now, and a collection created again is a new one, with no version before its creation.
   */
  static FaunaQuery collectionLivedAt(String collection, long ts) {
    Expr then = Get(Collection(collection), Value(ts));
    return new FaunaQuery(If(Exists(Collection(collection), Value(ts)),
        Equals(Select(Value("name"), then), Value(collection)), Value(false)),
        "If(Exists(" + collectionFql(collection) + ", " + ts + "), Equals(Select(\"name\", Get("
            + collectionFql(collection) + ", " + ts + ")), " + SetupFql.quote(collection) + "), false)",
        List.of("Collections()"), collection, null);
  }


  private static String collectionFql(String collection) {
    return "Collection(" + SetupFql.quote(collection) + ")";
  }

  private static String refFql(String collection, String id) {
    return "Ref(" + collectionFql(collection) + ", " + SetupFql.quote(id) + ")";
  }
}
