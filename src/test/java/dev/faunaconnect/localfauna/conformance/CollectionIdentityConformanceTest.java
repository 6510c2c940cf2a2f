package dev.faunaconnect.localfauna.conformance;

import static com.faunadb.client.query.Language.Collection;
import static com.faunadb.client.query.Language.CreateCollection;
import static com.faunadb.client.query.Language.Delete;
import static com.faunadb.client.query.Language.Exists;
import static com.faunadb.client.query.Language.Get;
import static com.faunadb.client.query.Language.Obj;
import static com.faunadb.client.query.Language.Update;
import static com.faunadb.client.query.Language.Value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.faunadb.client.errors.NotFoundException;
import com.faunadb.client.types.Codec;
import org.junit.jupiter.api.Test;

/**
 * What tells a collection deleted and created again from the same collection updated, over the v4 API. The real
 * server keeps no name in a collection's identity: a collection is a document of the native Collection collection
 * with a numeric id, which v4 never shows (refs render by name). But:
 * <ul>
 *   <li>a new collection gets a new id: {@code IDStore.nextSequentialID} (ext/repo/.../store/IDStore.scala) skips
 *       every id that has any version, a delete included ({@code Store.getLatestNoTTLUnmigrated});</li>
 *   <li>the Collection collection keeps its history forever ({@code NativeCollection} object {@code Collection}:
 *       {@code historyDuration = Duration.Inf}, "Collection retention MUST BE INFINITE");</li>
 *   <li>{@code Collection("c")} resolves the name to the id of the collection live now
 *       ({@code ClassRefFunction}: {@code Collection.idByNameActive}, ext/model/.../ast/functions/BasicFunctions.scala),
 *       and {@code Get(ref, ts)} / {@code Exists(ref, ts)} read that id's version at ts ({@code GetFunction},
 *       {@code ExistsFunction} then {@code ReadAdaptor.get}, which needs only read permission on the
 *       collection document).</li>
 * </ul>
 * So {@code Get(Collection("c"), T)}, at a time T of an earlier life of "c", finds nothing: the collection living
 * now did not exist then. After an update it finds the version at T.
 */
class CollectionIdentityConformanceTest extends ConformanceTest {

  private static long tsOf(com.faunadb.client.types.Value doc) {
    return doc.at("ts").to(Codec.LONG).get();
  }

  @Test
  void anUpdatedCollectionStillHasItsVersionsAtEarlierTimes() {
    String name = uniqueName("coll");
    long created = tsOf(query(CreateCollection(Obj("name", Value(name), "history_days", Value(1L)))));
    long updated = tsOf(query(Update(Collection(name), Obj("history_days", Value(7L)))));
    assertTrue(updated > created);
    com.faunadb.client.types.Value then = query(Get(Collection(name), Value(created)));
    assertEquals(created, tsOf(then));
    assertEquals(1L, then.at("history_days").to(Codec.LONG).get());
    assertEquals(true, query(Exists(Collection(name), Value(created))).to(Codec.BOOLEAN).get());
  }

  @Test
  void aCollectionCreatedAgainHasNoVersionAtTheTimesOfItsEarlierLife() {
    String name = uniqueName("coll");
    long first = tsOf(query(CreateCollection(Obj("name", Value(name)))));
    query(Delete(Collection(name)));
    long second = tsOf(query(CreateCollection(Obj("name", Value(name)))));
    assertFalse(query(Exists(Collection(name), Value(first))).to(Codec.BOOLEAN).get());
    assertError(Get(Collection(name), Value(first)), NotFoundException.class, "instance not found",
        "Collection not found.");
    assertEquals(second, tsOf(query(Get(Collection(name), Value(second)))), "the new life's own versions");
  }
}
