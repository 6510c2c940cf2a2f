package dev.faunaconnect.fauna;

import static com.faunadb.client.query.Language.Arr;
import static com.faunadb.client.query.Language.At;
import static com.faunadb.client.query.Language.Equals;
import static com.faunadb.client.query.Language.Exists;
import static com.faunadb.client.query.Language.Filter;
import static com.faunadb.client.query.Language.Get;
import static com.faunadb.client.query.Language.If;
import static com.faunadb.client.query.Language.Index;
import static com.faunadb.client.query.Language.Lambda;
import static com.faunadb.client.query.Language.Map;
import static com.faunadb.client.query.Language.Match;
import static com.faunadb.client.query.Language.Null;
import static com.faunadb.client.query.Language.Paginate;
import static com.faunadb.client.query.Language.Select;
import static com.faunadb.client.query.Language.Value;
import static com.faunadb.client.query.Language.Var;

import com.faunadb.client.query.Expr;
import dev.faunaconnect.offset.Position;
import java.util.List;

/**
 * The query of {@code changes.mode=every_version}: one page of the set events of the ts/ref index, its {@code add}
 * events only, each with the version it adds read at the event's ts.
 *
 * <p>What it relies on (fauna/faunadb): a write of a document changes its index entry's ts, so a create writes an
 * {@code add} of {@code [ts, ref]}, and an update or replace writes, at its ts, a {@code remove} of the old tuple and
 * an {@code add} of the new one ({@code Indexer}); a delete writes only a {@code remove}. So the adds are exactly the
 * versions, one per document and transaction, and the removes are left out (deletes come from
 * {@code Documents(c)}). Set events are ordered by ts, then action (every remove before every add), then document id
 * ({@code IndexValue.ByEventOrdering}), so the adds come in (ts, ref) order. The cursor {@code {ts}} leaves out every
 * event at ts; {@code {ts, action: "add", document}} starts at exactly that add ({@code CursorParser}). A version
 * whose ttl has passed is hidden from every read, {@code At} included ({@code DocSnapshot.run}): it comes back as
 * null. A history read below the collection's minimum valid time is cut without an error ({@code SetHistory.read}),
 * so the first page of a read also reads the collection at the start's ts, which fails then
 * ({@code ReadValidTimeBelowMVT}, {@link FaunaQueryException.Kind#SNAPSHOT_EXPIRED}).
 */
final class VersionQueries {
  private VersionQueries() {}

  /**
   * {@code Map(Filter(Paginate(Match(Index(i)), {after, events: true, size: n}), add events), Lambda(e, [ts,
   * document, At(ts, If(Exists(document), Get(document), null))]))}; a first page (no {@code cursor}) in
   * {@code Do(At(after.ts, Paginate(Documents(c), {size: 1})), page)}.
   */
  static FaunaQuery versionPage(String index, String collection, Position after, Expr cursor, int size) {
    FaunaQueries.Fql start = FaunaQueries.eventCursor(collection, after, cursor, "add");
    Expr events = Paginate(Match(Index(index))).after(start.expr()).events(true).size(size);
    Expr adds = Filter(events, Lambda("e", Equals(Select(Value("action"), Var("e")), Value("add"))));
    Expr document = Select(Value("document"), Var("e"));
    Expr ts = Select(Value("ts"), Var("e"));
    Expr version = Arr(ts, document, At(ts, If(Exists(document), Get(document), Null())));
    String fql = "Map(Filter(Paginate(Match(Index(" + SetupFql.quote(index) + ")), {after: " + start.text()
        + ", events: true, size: " + size + "}), Lambda(\"e\", Equals(Select(\"action\", Var(\"e\")), \"add\"))), "
        + "Lambda(\"e\", [Select(\"ts\", Var(\"e\")), Select(\"document\", Var(\"e\")), At(Select(\"ts\", Var(\"e\")), "
        + "If(Exists(Select(\"document\", Var(\"e\"))), Get(Select(\"document\", Var(\"e\"))), null))]))";
    FaunaQueries.Fql page = new FaunaQueries.Fql(Map(adds, Lambda("e", version)), fql);
    if (cursor == null) {
      page = FaunaQueries.inHistory(collection, after.ts(), page);
    }
    return new FaunaQuery(page.expr(), page.text(),
        List.of("Index(" + SetupFql.quote(index) + ")", "Collection(" + SetupFql.quote(collection) + ")"),
        collection, index);
  }
}
