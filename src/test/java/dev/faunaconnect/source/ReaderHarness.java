package dev.faunaconnect.source;

import static com.faunadb.client.query.Language.Collection;
import static com.faunadb.client.query.Language.Documents;
import static com.faunadb.client.query.Language.Get;
import static com.faunadb.client.query.Language.Lambda;
import static com.faunadb.client.query.Language.Obj;
import static com.faunadb.client.query.Language.Paginate;
import static com.faunadb.client.query.Language.Value;
import static com.faunadb.client.query.Language.Var;

import com.faunadb.client.query.Expr;
import com.faunadb.client.types.Codec;
import com.faunadb.client.types.Value;
import dev.faunaconnect.config.FaunaSourceConfig;
import dev.faunaconnect.convert.DocumentReader;
import dev.faunaconnect.convert.RecordBuilder;
import dev.faunaconnect.fauna.FaunaGateway;
import dev.faunaconnect.fauna.FaunaSession;
import dev.faunaconnect.fauna.IndexInspector;
import dev.faunaconnect.fauna.RetryPolicy;
import dev.faunaconnect.fixtures.FaunaFixture;
import dev.faunaconnect.offset.CollectionOffset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/** Builds collection readers against a local Fauna server and runs them, as a task would, without Kafka. */
final class ReaderHarness {
  private final FaunaFixture fixture;
  private final FaunaSourceConfig config;
  private final FaunaGateway gateway;

  ReaderHarness(FaunaFixture fixture, Map<String, String> settings) {
    this(fixture, settings, fixture.fauna().secret());
  }

  /** Readers that read with {@code secret}, e.g. a key of a role that may not read every collection. */
  ReaderHarness(FaunaFixture fixture, Map<String, String> settings, String secret) {
    this.fixture = fixture;
    Map<String, String> props = new HashMap<>(settings);
    props.put("fauna.endpoint", fixture.endpoint());
    props.put("fauna.secret", secret);
    props.putIfAbsent("heartbeat.interval.ms", "0");
    this.config = new FaunaSourceConfig(props);
    this.gateway = new FaunaGateway(FaunaSession.create(config.endpoint(), config.secret(), Duration.ofSeconds(10)),
        new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(10), 3), Duration.ofSeconds(10),
        collection -> DocumentReader.of(config, config.settingsFor(collection)));
  }

  /**
   * Readers of collection {@code items} in pages of 2, with {@code deletes.mode} and further settings given as
   * key/value pairs ({@code more}).
   */
  static ReaderHarness ofItems(FaunaFixture fixture, String deletesMode, String... more) {
    Map<String, String> settings = new LinkedHashMap<>(Map.of("collections", "items", "page.size", "2",
        "deletes.mode", deletesMode, "poll.interval.ms", "1000"));
    for (int i = 0; i < more.length; i += 2) {
      settings.put(more[i], more[i + 1]);
    }
    return new ReaderHarness(fixture, settings);
  }

  /** Documents {@code from}..{@code to} by id, each {@code {n: id}}. */
  static Map<String, Expr> docs(int from, int to) {
    Map<String, Expr> docs = new LinkedHashMap<>();
    for (int i = from; i <= to; i++) {
      docs.put(String.valueOf(i), Obj("n", Value(i)));
    }
    return docs;
  }

  CollectionReader reader(String collection, CollectionOffset stored) {
    ReaderSettings settings = ReaderSettings.of(config, collection);
    return new CollectionReader(settings, gateway, new RecordBuilder(config, settings.collection()),
        new ReaderStart(settings, gateway, new IndexInspector()), stored);
  }

  /** The lifecycle of a collection, as a task runs it. */
  CollectionLifecycle lifecycle(String collection, CollectionOffset stored) {
    ReaderSettings settings = ReaderSettings.of(config, collection);
    return new CollectionLifecycle(settings, from -> reader(collection, from), gateway, stored);
  }

  /** Steps the lifecycle until its step asks to rest; returns every record it emitted. */
  static List<SourceRecord> untilResting(CollectionLifecycle lifecycle) {
    List<SourceRecord> records = new ArrayList<>();
    Step step;
    do {
      step = lifecycle.step();
      records.addAll(step.records());
    } while (step.rest().isZero());
    return records;
  }

  /** Steps the reader until it is caught up (its step asks to rest); returns every record it emitted. */
  static List<SourceRecord> untilCaughtUp(CollectionReader reader) {
    List<SourceRecord> records = new ArrayList<>();
    Step step;
    do {
      step = reader.step();
      records.addAll(step.records());
    } while (step.rest().isZero());
    return records;
  }

  /** "op ref ts" of each record, e.g. "read 1 1700000000000000" or "tombstone 3 ...". */
  static List<String> describe(List<SourceRecord> records) {
    return records.stream().map(ReaderHarness::describe).toList();
  }

  static String describe(SourceRecord record) {
    String op = record.headers().lastWithName(RecordBuilder.OP_HEADER).value().toString();
    if (op.equals(Heartbeats.OP_HEARTBEAT)) {
      return "heartbeat " + ((Struct) record.value()).getString("phase");
    }
    String ref = ((Struct) record.key()).getString("ref");
    if (record.value() == null) {
      return "tombstone " + ref + " " + offsetOf(record).remove().ts();
    }
    return op + " " + ref + " " + ((Struct) record.value()).getInt64("ts");
  }

  /** {@link #describe} of the records that are not heartbeats. */
  static List<String> data(List<SourceRecord> records) {
    return describe(records).stream().filter(r -> !r.startsWith("heartbeat ")).toList();
  }

  static CollectionOffset offsetOf(SourceRecord record) {
    @SuppressWarnings("unchecked")
    Map<String, Object> offset = (Map<String, Object>) record.sourceOffset();
    return CollectionOffset.fromMap(offset);
  }

  FaunaFixture fixture() {
    return fixture;
  }

  /** Fauna's documents of {@code items} now: id to ts. */
  static Map<String, Long> faunaDocuments(FaunaFixture fixture) {
    Value page = fixture.query(com.faunadb.client.query.Language.Map(
        Paginate(Documents(Collection("items"))).size(1000), Lambda("x", Get(Var("x")))));
    Map<String, Long> docs = new TreeMap<>();
    for (Value doc : page.at("data").to(Codec.ARRAY).get()) {
      docs.put(doc.at("ref").to(Codec.REF).get().getId(), doc.at("ts").to(Codec.LONG).get());
    }
    return docs;
  }

  /** What a compacted topic keeps of the described records: id to the ts of its last record, deleted ids left out. */
  static Map<String, Long> compacted(List<String> records) {
    Map<String, Long> last = new LinkedHashMap<>();
    for (String r : records) {
      String[] parts = r.split(" ");
      if (parts[0].equals("read") || parts[0].equals("upsert")) {
        last.put(parts[1], Long.parseLong(parts[2]));
      } else {
        last.remove(parts[1]);
      }
    }
    return new TreeMap<>(last);
  }
}
