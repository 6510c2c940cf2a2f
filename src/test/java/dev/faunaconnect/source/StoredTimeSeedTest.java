package dev.faunaconnect.source;

import static com.faunadb.client.query.Language.Now;
import static com.faunadb.client.query.Language.ToMicros;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.faunadb.client.types.Codec;
import dev.faunaconnect.config.FaunaSourceConfig;
import dev.faunaconnect.fixtures.FaunaFixture;
import dev.faunaconnect.offset.CollectionOffset;
import dev.faunaconnect.offset.CollectionOffset.Phase;
import dev.faunaconnect.offset.CollectionPartition;
import dev.faunaconnect.offset.Position;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A task resuming from a stored time T sends {@code X-Last-Seen-Txn: T} (or later) from its first query on, so a
 * node of a cluster whose snapshot is still below T waits for T instead of quietly reading at its own, lower time.
 * The local server honours the header as a floor of its clock (its {@code Now()} is then at least T); a stored time
 * far ahead of the server's clock shows whether the header was sent: without it, nothing moves the clock there.
 */
class StoredTimeSeedTest {
  private FaunaFixture fixture;

  @BeforeEach
  void start() {
    fixture = FaunaFixture.start();
    fixture.createCollection("items", 7L);
    fixture.createTsIndex("items_by_ts", "items");
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  private long serverNow() {
    return fixture.query(ToMicros(Now())).to(Codec.LONG).get();
  }

  @Test
  void theFirstQueriesAfterARestartCarryTheGreatestStoredTime() throws Exception {
    long ahead = serverNow() + 3_600_000_000L;
    // the greatest time is the remove position's, neither the snapshot's nor the change's
    CollectionOffset stored = new CollectionOffset(Phase.STREAMING, ahead - 2, null, Position.endOf(ahead - 1),
        Position.endOf(ahead));
    Map<String, String> props = new HashMap<>(Map.of("fauna.endpoint", fixture.endpoint(), "fauna.secret",
        fixture.adminSecret(), "collections", "items", "task.collections", "items", "deletes.mode", "column",
        "heartbeat.interval.ms", "0"));
    TaskPoller poller = TaskReaders.start(new FaunaSourceConfig(props), offsets(stored), "seed-test");
    long now = serverNow();
    try {
      for (int polls = 0; polls < 20 && now < ahead; polls++) {
        poller.poll();
        now = serverNow();
      }
    } finally {
      poller.stop();
    }
    assertTrue(now >= ahead, "the task's queries did not say they had seen " + ahead + ": the server is at " + now);
  }

  private static OffsetStorageReader offsets(CollectionOffset stored) {
    return new OffsetStorageReader() {
      @Override
      public <T> Map<String, Object> offset(Map<String, T> partition) {
        return new HashMap<>(stored.toMap());
      }

      @Override
      public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
        Map<Map<String, T>, Map<String, Object>> all = new HashMap<>();
        partitions.forEach(p -> all.put(p, new HashMap<>(stored.toMap())));
        return all;
      }
    };
  }
}
