package dev.faunaconnect.localfauna.conformance;

import static com.faunadb.client.query.Language.At;
import static com.faunadb.client.query.Language.Collection;
import static com.faunadb.client.query.Language.Create;
import static com.faunadb.client.query.Language.Documents;
import static com.faunadb.client.query.Language.Events;
import static com.faunadb.client.query.Language.Exists;
import static com.faunadb.client.query.Language.Get;
import static com.faunadb.client.query.Language.Index;
import static com.faunadb.client.query.Language.Match;
import static com.faunadb.client.query.Language.Null;
import static com.faunadb.client.query.Language.Obj;
import static com.faunadb.client.query.Language.Paginate;
import static com.faunadb.client.query.Language.Ref;
import static com.faunadb.client.query.Language.Singleton;
import static com.faunadb.client.query.Language.Update;
import static com.faunadb.client.query.Language.Value;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.arr;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.docEvent;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.field;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.obj;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.refOf;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.setEvent;
import static dev.faunaconnect.localfauna.conformance.FaunaDriver.tsOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.faunadb.client.errors.FaunaException;
import com.faunadb.client.query.Expr;
import com.faunadb.client.types.Value;
import com.faunadb.client.types.Value.BooleanV;
import com.faunadb.client.types.Value.RefV;
import com.faunadb.client.types.Value.TimeV;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Document TTL, driven by the server's clock. What the real server does (fauna/faunadb):
 * <ul>
 *   <li>{@code ext/storage-api/.../version/DocSnapshot.scala} {@code DocSnapshot.run}: a version is seen only if
 *       {@code v.ttl.forall(_ > snapshotTS)}; {@code ext/repo/.../Store.scala} {@code Store.get} passes the
 *       transaction's snapshot time as {@code snapshotTS} and {@code At}'s time only as the valid time
 *       ({@code EvalContext.atValidTime}). So Get and Exists ({@code ReadAdaptor.exists}) stop seeing an expired
 *       document even when they read {@code At} a time before its ttl.</li>
 *   <li>{@code ext/storage-api/.../set/SetSnapshot.scala} {@code SetSnapshot.run}: index snapshots reject
 *       {@code tuple.ttl <= snapshotTS}, so the document leaves {@code Documents()} and every index
 *       ({@code IndexSpec3} "ttl on read") with no remove event: set and document history are not filtered by ttl
 *       ({@code SetHistory}, {@code DocHistory}; {@code gc/SetHistorySpec} "in the presence of TTLed documents").</li>
 *   <li>{@code ext/repo/.../doc/Indexer.scala} {@code Indexer.rows}: the ttl is part of every index tuple, so an
 *       update that sets, changes or clears it removes the old tuple and adds the new one in every index.</li>
 *   <li>{@code DocHistory.applyGCRules} {@code rewriteGCEdge}: at the minimum valid time the GC root survives only if
 *       its ttl is not before the MVT, so an expired document's history goes once the MVT passes its ttl.</li>
 * </ul>
 */
class TtlConformanceTest extends FreshServerTest {
  private static final Duration HOUR = Duration.ofHours(1);

  /** A ttl an hour from the server's now, and the collection {@code c} (30 days of history) with two indexes. */
  private Instant setUp() {
    fauna.createCollection("c", Value(30));
    fauna.createIndex("by_x", "c", List.of(List.of("data", "x")), List.of());
    fauna.createIndex("xs", "c", List.of(), List.of(field("data", "x")));
    return Instant.ofEpochSecond(0, now() * 1000).plus(HOUR);
  }

  private Value create(String id, int x, Instant ttl) {
    return fauna.query(Create(Ref(Collection("c"), id), Obj("data", Obj("x", Value(x)), "ttl", Value(ttl))));
  }

  private Value events(Expr set) {
    return fauna.query(Paginate(Events(set))).at("data");
  }

  @Test
  void anExpiredDocumentVanishesFromReadsAndIndexesWithNoRemoveEvent() {
    Instant ttl = setUp();
    Value a = create("1", 1, ttl);
    Value b = fauna.create("c", "2", Obj("x", Value(1)));
    RefV refA = refOf(a);
    long beforeTtl = tsOf(b);
    assertEquals(new TimeV(ttl), fauna.query(Get(refA)).at("ttl"));
    assertEquals(arr(refA, refOf(b)), all(Documents(Collection("c"))));

    fauna.fauna.advanceClock(HOUR.plusSeconds(1));

    assertEquals("Document not found.", fauna.failure(Get(refA)).errors().get(0).description());
    assertEquals(BooleanV.FALSE, fauna.query(Exists(refA)));
    assertEquals(arr(refOf(b)), all(Documents(Collection("c"))));
    assertEquals(arr(refOf(b)), all(Match(Index("by_x"), Value(1))));
    assertEquals(arr(1), all(Match(Index("xs"))));
    assertEquals(arr(), all(Singleton(refA)));
    // the ttl is checked against the transaction's snapshot time, not At's valid time
    assertEquals(BooleanV.FALSE, fauna.query(At(Value(beforeTtl), Exists(refA))));
    assertEquals(BooleanV.FALSE, fauna.query(Exists(refA, Value(beforeTtl))));
    assertEquals(404, fauna.failure(At(Value(beforeTtl), Get(refA))).status());
    assertEquals(arr(refOf(b)), fauna.query(At(Value(beforeTtl), Paginate(Documents(Collection("c"))))).at("data"));
    // history is not filtered: no remove, and the document's own events are still there
    assertEquals(arr(setEvent(tsOf(a), "add", refA), setEvent(tsOf(b), "add", refOf(b))),
        events(Documents(Collection("c"))));
    assertEquals(arr(setEvent(tsOf(a), "add", refA), setEvent(tsOf(b), "add", refOf(b))),
        events(Match(Index("by_x"), Value(1))));
    assertEquals(arr(docEvent(tsOf(a), "create", refA, obj("x", 1))), events(refA));
    assertEquals(arr(setEvent(tsOf(a), "add", refA)), events(Singleton(refA)));
  }

  @Test
  void aDocumentIsThereUntilItsTtlAndGoneAtIt() {
    Instant ttl = setUp();
    RefV ref = refOf(create("1", 1, ttl));
    fauna.fauna.advanceClock(HOUR.minusSeconds(5));
    assertEquals(BooleanV.TRUE, fauna.query(Exists(ref)));
    fauna.fauna.advanceClock(Duration.ofSeconds(5));
    assertEquals(BooleanV.FALSE, fauna.query(Exists(ref)));
  }

  @Test
  void anExpiredDocumentCannotBeUpdatedAndItsIdCanBeCreatedAgain() {
    Instant ttl = setUp();
    RefV ref = refOf(create("1", 1, ttl));
    fauna.fauna.advanceClock(HOUR);
    FaunaDriver.assertError(fauna.failure(Update(ref, Obj("data", Obj("x", Value(2))))), 404, List.of("update"),
        "instance not found", "Document not found.");
    Value again = fauna.create("c", "1", Obj("x", Value(3)));
    assertEquals(obj("x", 3), fauna.query(Get(ref)).at("data"));
    assertEquals(arr(ref), all(Match(Index("by_x"), Value(3))));
    assertEquals(tsOf(again), tsOf(fauna.query(Get(ref))));
  }

  /** Indexer.rows: the ttl is part of each tuple, so each ttl change is a remove and an add in every index. */
  @Test
  void updatesThatSetChangeOrClearTheTtlWriteARemoveAndAnAddInEveryIndex() {
    Instant ttl = setUp();
    Value created = fauna.create("c", "1", Obj("x", Value(1)));
    RefV ref = refOf(created);
    long set = tsOf(fauna.query(Update(ref, Obj("ttl", Value(ttl)))));
    long changed = tsOf(fauna.query(Update(ref, Obj("ttl", Value(ttl.plus(HOUR))))));
    long untouched = tsOf(fauna.query(Update(ref, Obj("data", Obj("y", Value(1))))));
    long cleared = tsOf(fauna.query(Update(ref, Obj("ttl", Null()))));
    Value pairs = arr(setEvent(tsOf(created), "add", ref), setEvent(set, "remove", ref), setEvent(set, "add", ref),
        setEvent(changed, "remove", ref), setEvent(changed, "add", ref), setEvent(cleared, "remove", ref),
        setEvent(cleared, "add", ref));
    assertEquals(pairs, events(Documents(Collection("c"))));
    assertEquals(pairs, events(Match(Index("by_x"), Value(1))));
    Value xs = fauna.query(Paginate(Events(Match(Index("xs"))))).at("data");
    assertEquals(7, xs.to(com.faunadb.client.types.Codec.ARRAY).get().size());
    assertEquals(obj("ts", cleared, "action", "add", "document", ref, "data", arr(1)),
        xs.to(com.faunadb.client.types.Codec.ARRAY).get().get(6));
    // the update at `untouched` left the ttl alone and wrote no set event; a cleared ttl never expires
    assertEquals(List.of("ref", "ts", "data"), FaunaDriver.keys(fauna.query(Get(ref))));
    fauna.fauna.advanceClock(HOUR.multipliedBy(3));
    assertEquals(BooleanV.TRUE, fauna.query(Exists(ref)));
    assertEquals(docEvent(untouched, "update", ref, obj("y", 1)),
        events(ref).to(com.faunadb.client.types.Codec.ARRAY).get().get(3));
  }

  /** DocHistory.rewriteGCEdge: an expired GC root is dropped once the minimum valid time passes its ttl. */
  @Test
  void theHistoryOfAnExpiredDocumentGoesOnceTheMinimumValidTimePassesItsTtl() {
    fauna.createCollection("short");
    Instant ttl = Instant.ofEpochSecond(0, now() * 1000).plus(HOUR);
    Value a = fauna.query(Create(Ref(Collection("short"), "1"), Obj("data", Obj("x", Value(1)), "ttl", Value(ttl))));
    Value b = fauna.create("short", "2", Obj("x", Value(1)));
    fauna.fauna.advanceClock(HOUR.plusMinutes(16));
    assertEquals(arr(), events(refOf(a)));
    assertEquals(arr(docEvent(tsOf(b), "create", refOf(b), obj("x", 1))), events(refOf(b)));
    assertEquals(arr(), events(Singleton(refOf(a))));
  }

  /**
   * {@code ext/model/.../doc/Document.scala} {@code Document.VersionValidator} checks {@code Version.TTLField}
   * ({@code Option[Timestamp]}): a ttl that is not a Time is {@code InvalidType} ("Invalid type String, expected
   * type Time.", {@code RenderError}) in a {@code validation failed} at the write ({@code WriteAdaptor.liftPatch}).
   */
  @Test
  void aTtlMustBeATime() {
    setUp();
    FaunaException e = fauna.failure(Create(Collection("c"), Obj("ttl", Value("tomorrow"))));
    FaunaDriver.assertError(e, 400, List.of("create"), "validation failed", "document data is not valid.");
    assertEquals(List.of("ttl"), e.errors().get(0).failures().get(0).field());
    assertEquals("invalid type", e.errors().get(0).failures().get(0).code());
    assertEquals("Invalid type String, expected type Time.", e.errors().get(0).failures().get(0).description());
    RefV ref = refOf(fauna.create("c", "1", Obj("x", Value(1))));
    e = fauna.failure(Update(ref, Obj("ttl", Value(5))));
    FaunaDriver.assertError(e, 400, List.of(), "validation failed", "document data is not valid.");
    assertEquals("Invalid type Long, expected type Time.", e.errors().get(0).failures().get(0).description());
    assertEquals(List.of("ref", "ts", "data"), FaunaDriver.keys(fauna.query(Get(ref))));
  }
}
