package dev.faunaconnect.source;

import static dev.faunaconnect.source.ReaderHarness.docs;

import static com.faunadb.client.query.Language.Arr;
import static com.faunadb.client.query.Language.Collection;
import static com.faunadb.client.query.Language.CreateRole;
import static com.faunadb.client.query.Language.Delete;
import static com.faunadb.client.query.Language.Index;
import static com.faunadb.client.query.Language.Obj;
import static com.faunadb.client.query.Language.Value;
import static dev.faunaconnect.source.ReaderHarness.data;
import static dev.faunaconnect.source.ReaderHarness.untilResting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faunaconnect.config.FaunaSourceConfig;
import dev.faunaconnect.fauna.FaunaQueryException;
import dev.faunaconnect.fixtures.FaunaFixture;
import dev.faunaconnect.source.CollectionLifecycle.State;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A discovered collection deleted, re-created, stripped of its index or unreadable, as one task lives it. */
class CollectionLifecycleTest {
  private FaunaFixture fixture;

  @BeforeEach
  void start() {
    fixture = FaunaFixture.start();
  }

  @AfterEach
  void stop() {
    fixture.close();
  }


  /** Discovery: {@code collections} empty, so every collection is a discovered one. */
  private ReaderHarness discovering(String secret) {
    return new ReaderHarness(fixture, Map.of("collections", "", "page.size", "2", "deletes.mode", "column",
        "collections.refresh.interval.ms", "500"), secret);
  }

  private void collectionWithIndex(String name, int docs) {
    fixture.createCollection(name, 30L);
    fixture.createTsIndex(name + "_by_ts", name);
    fixture.createAll(name, docs(1, docs));
  }

  @Test
  void aDeletedCollectionIsLetGoWhicheverQueryFailsFirstAndStreamedFromItsStartWhenCreatedAgain() {
    collectionWithIndex("items", 2);
    CollectionLifecycle items = discovering(fixture.fauna().secret()).lifecycle("items", null);
    assertEquals(2, data(untilResting(items)).size());
    // the server deletes the collection's index with it: the index query is the first to fail
    fixture.query(Delete(Collection("items")));
    Step gone = items.step();
    assertEquals(State.GONE, items.state());
    assertEquals(Duration.ofMillis(500), gone.rest(), "looked for again every refresh interval");
    assertEquals(List.of(), untilResting(items));

    fixture.createCollection("items", 30L);
    fixture.createTsIndex("items_by_ts", "items");
    long a = fixture.createAll("items", docs(7, 8));
    assertEquals(List.of("read 7 " + a, "read 8 " + a), data(untilResting(items)), "the new collection, in full");
    assertEquals(State.STREAMING, items.state());
  }

  @Test
  void aCollectionDeletedAndCreatedAgainBetweenTwoStepsIsStreamedFromItsStart() {
    collectionWithIndex("items", 3);
    CollectionLifecycle items = discovering(fixture.fauna().secret()).lifecycle("items", null);
    assertEquals(3, data(untilResting(items)).size());
    fixture.query(Delete(Collection("items")));
    fixture.createCollection("items", 30L);
    long a = fixture.createAll("items", docs(1, 1));
    // no index any more: the first query to fail is the index's, and the collection's ts tells it is a new one
    List<String> read = data(untilResting(items));
    assertEquals(List.of("read 1 " + a), read);
    assertEquals(State.STREAMING, items.state());
  }

  @Test
  void aCollectionWhoseIndexIsDeletedGoesOnInFullSyncFromWhereItStood() {
    collectionWithIndex("items", 2);
    CollectionLifecycle items = discovering(fixture.fauna().secret()).lifecycle("items", null);
    assertEquals(2, data(untilResting(items)).size());
    fixture.query(Delete(Index("items_by_ts")));
    long d = fixture.delete("items", "1");
    List<String> after = data(untilResting(items));
    assertTrue(after.contains("delete 1 " + d), after.toString());
    assertEquals(State.STREAMING, items.state());
  }

  /**
   * The real server filters the documents a key may not read out of sets rather than refusing them, but refuses a
   * {@code Get} it may not make with 403: here the read of the collection document, for a key without the
   * Collections() privilege.
   */
  @Test
  void aCollectionThatAnswers403IsSkippedWhileTheOthersGoOn() {
    collectionWithIndex("open", 2);
    collectionWithIndex("secret", 2);
    fixture.query(CreateRole(Obj("name", Value("no-schema"), "privileges", Arr(
        Obj("resource", Collection("secret"), "actions", Obj("read", Value(true)))))));
    CollectionLifecycle secret = discovering(fixture.createKey("no-schema")).lifecycle("secret", null);
    CollectionLifecycle open = discovering(fixture.fauna().secret()).lifecycle("open", null);
    Step skipped = secret.step();
    assertEquals(State.UNREADABLE, secret.state());
    assertEquals(List.of(), skipped.records());
    assertEquals(Duration.ofMillis(500), skipped.rest(), "tried again every refresh interval");
    assertEquals(2, data(untilResting(open)).size(), "the readable collection goes on");
    secret.step();
    assertEquals(State.STREAMING, secret.state(), "tried again after the interval");
    secret.step();
    assertEquals(State.UNREADABLE, secret.state());
  }

  @Test
  void aConfiguredCollectionThatDisappearsFailsTheTask() {
    collectionWithIndex("items", 1);
    ReaderHarness configured = new ReaderHarness(fixture, Map.of("collections", "items", "deletes.mode", "column"));
    CollectionLifecycle items = configured.lifecycle("items", null);
    untilResting(items);
    fixture.query(Delete(Collection("items")));
    assertThrows(FaunaQueryException.class, items::step);
  }

  @Test
  void anErrorOnTheReaderThreadFailsTheTaskWithItsMessage() throws Exception {
    FaunaSourceConfig config = new FaunaSourceConfig(Map.of("fauna.endpoint", fixture.endpoint(),
        "fauna.secret", "unused", "collections", "huge"));
    CollectionLifecycle huge = new CollectionLifecycle(ReaderSettings.of(config, "huge"), from -> {
      throw new OutOfMemoryError("Java heap space (a huge page)");
    }, null, null);
    TaskPoller poller = new TaskPoller(List.of(huge), "oom-test");
    poller.start();
    try {
      ConnectException failed = assertThrows(ConnectException.class, () -> {
        for (int i = 0; i < 20; i++) {
          poller.poll();
        }
      });
      assertEquals("Java heap space (a huge page)", failed.getMessage());
      assertTrue(failed.getCause() instanceof OutOfMemoryError);
    } finally {
      poller.stop();
    }
  }
}
