package dev.faunaconnect.source;

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
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/** Builds collection readers against a local Fauna server and runs them, as a task would, without Kafka. */
final class ReaderHarness {
  private final FaunaFixture fixture;
  private final FaunaSourceConfig config;
  private final FaunaGateway gateway;

  ReaderHarness(FaunaFixture fixture, Map<String, String> settings) {
    this.fixture = fixture;
    Map<String, String> props = new HashMap<>(settings);
    props.put("fauna.endpoint", fixture.endpoint());
    props.put("fauna.secret", fixture.fauna().secret());
    this.config = new FaunaSourceConfig(props);
    this.gateway = new FaunaGateway(FaunaSession.create(config.endpoint(), config.secret(), Duration.ofSeconds(10)),
        new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(10), 3), Duration.ofSeconds(10),
        collection -> DocumentReader.of(config, config.settingsFor(collection)));
  }

  CollectionReader reader(String collection, CollectionOffset stored) {
    ReaderSettings settings = ReaderSettings.of(config, collection);
    return new CollectionReader(settings, gateway, new RecordBuilder(config, settings.collection()),
        new ReaderStart(settings, gateway, new IndexInspector()), stored);
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
    String ref = ((Struct) record.key()).getString("ref");
    if (record.value() == null) {
      return "tombstone " + ref + " " + offsetOf(record).remove().ts();
    }
    return op + " " + ref + " " + ((Struct) record.value()).getInt64("ts");
  }

  static CollectionOffset offsetOf(SourceRecord record) {
    @SuppressWarnings("unchecked")
    Map<String, Object> offset = (Map<String, Object>) record.sourceOffset();
    return CollectionOffset.fromMap(offset);
  }

  FaunaFixture fixture() {
    return fixture;
  }
}
