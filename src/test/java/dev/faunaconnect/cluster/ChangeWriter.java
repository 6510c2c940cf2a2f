package dev.faunaconnect.cluster;

import static com.faunadb.client.query.Language.Collection;
import static com.faunadb.client.query.Language.Create;
import static com.faunadb.client.query.Language.Delete;
import static com.faunadb.client.query.Language.Documents;
import static com.faunadb.client.query.Language.Get;
import static com.faunadb.client.query.Language.Lambda;
import static com.faunadb.client.query.Language.Map;
import static com.faunadb.client.query.Language.Obj;
import static com.faunadb.client.query.Language.Paginate;
import static com.faunadb.client.query.Language.Ref;
import static com.faunadb.client.query.Language.Update;
import static com.faunadb.client.query.Language.Value;
import static com.faunadb.client.query.Language.Var;

import com.faunadb.client.query.Expr;
import com.faunadb.client.types.Codec;
import com.faunadb.client.types.Value;
import dev.faunaconnect.fixtures.FaunaFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Random;

/**
 * The writer of the cluster test: loads each collection, then creates, updates and deletes documents at a steady
 * rate (40% updates, 30% creates, 30% deletes, from a seeded random), remembering when each write returned, so that
 * the topics can be checked against Fauna's final state and the change latency measured. Document ids are never
 * reused, so a deleted document stays deleted.
 */
final class ChangeWriter implements Runnable {
  /** One write: its collection, document id, op (create, update, delete), ts (-1 for deletes) and wall time. */
  record Write(String collection, String id, String op, long ts, long wallMillis) {}

  /** A document of Fauna's final state: its ts and {@code data.n}, {@code data.v}. */
  record FinalDocument(long ts, long n, long version) {}

  private final FaunaFixture fauna;
  private final List<String> collections;
  private final Random random;
  private final double perSecond;
  private final List<Write> writes = Collections.synchronizedList(new ArrayList<>());
  private final java.util.Map<String, List<String>> live = new HashMap<>();
  private final java.util.Map<String, Integer> nextId = new HashMap<>();
  private volatile boolean running = true;
  private long version;

  ChangeWriter(FaunaFixture fauna, List<String> collections, long seed, double perSecond) {
    this.fauna = fauna;
    this.collections = collections;
    this.random = new Random(seed);
    this.perSecond = perSecond;
    collections.forEach(c -> {
      live.put(c, new ArrayList<>());
      nextId.put(c, 1);
    });
  }

  /** Creates {@code count} documents in each collection, 100 per transaction. */
  void load(int count) {
    for (String c : collections) {
      for (int from = 0; from < count; from += 100) {
        List<Expr> creates = new ArrayList<>();
        for (int i = from; i < Math.min(count, from + 100); i++) {
          String id = newId(c);
          creates.add(Create(Ref(Collection(c), id), Obj("data", data(id))));
          live.get(c).add(id);
        }
        fauna.query(com.faunadb.client.query.Language.Arr(creates));
      }
    }
  }

  @Override
  public void run() {
    long intervalNanos = (long) (1e9 / perSecond);
    long next = System.nanoTime();
    while (running) {
      writeOne();
      next += intervalNanos;
      long sleep = next - System.nanoTime();
      if (sleep > 0) {
        try {
          Thread.sleep(Duration.ofNanos(sleep).toMillis());
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  void stop() {
    running = false;
  }

  List<Write> writes() {
    synchronized (writes) {
      return List.copyOf(writes);
    }
  }

  /** Every live document of the collection, read from Fauna: id to its ts and data. */
  java.util.Map<String, FinalDocument> finalState(String collection) {
    Value page = fauna.query(Map(Paginate(Documents(Collection(collection))).size(100_000),
        Lambda("x", Get(Var("x")))));
    java.util.Map<String, FinalDocument> docs = new HashMap<>();
    for (Value doc : page.at("data").to(Codec.ARRAY).get()) {
      docs.put(doc.at("ref").to(Codec.REF).get().getId(), new FinalDocument(doc.at("ts").to(Codec.LONG).get(),
          doc.at("data", "n").to(Codec.LONG).get(), doc.at("data", "v").to(Codec.LONG).get()));
    }
    return docs;
  }

  private void writeOne() {
    String c = collections.get(random.nextInt(collections.size()));
    List<String> ids = live.get(c);
    double dice = random.nextDouble();
    if (ids.isEmpty() || dice < 0.3) {
      String id = newId(c);
      long ts = fauna.query(Create(Ref(Collection(c), id), Obj("data", data(id)))).at("ts").to(Codec.LONG).get();
      ids.add(id);
      record(c, id, "create", ts);
    } else if (dice < 0.7) {
      String id = ids.get(random.nextInt(ids.size()));
      long ts = fauna.query(Update(Ref(Collection(c), id), Obj("data", data(id)))).at("ts").to(Codec.LONG).get();
      record(c, id, "update", ts);
    } else {
      String id = ids.remove(random.nextInt(ids.size()));
      fauna.query(Delete(Ref(Collection(c), id)));
      record(c, id, "delete", -1);
    }
  }

  private void record(String collection, String id, String op, long ts) {
    writes.add(new Write(collection, id, op, ts, System.currentTimeMillis()));
  }

  private String newId(String collection) {
    int id = nextId.merge(collection, 1, Integer::sum) - 1;
    return String.valueOf(1000 + id);
  }

  private Expr data(String id) {
    return Obj("n", Value(Long.parseLong(id)), "v", Value(++version), "note", Value("version " + version));
  }
}
