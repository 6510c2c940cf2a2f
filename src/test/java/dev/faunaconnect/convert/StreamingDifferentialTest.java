package dev.faunaconnect.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.faunadb.client.types.Value;
import dev.faunaconnect.config.ColumnType;
import dev.faunaconnect.config.FaunaSourceConfig;
import dev.faunaconnect.testing.FaunaWire;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/**
 * The streaming path against the driver-decoded oracle, on random documents of every Fauna type (see
 * {@link RandomWire}) with random additional columns of every type, optional and required: for each, both read the
 * same wire JSON, and the records (key, value struct with its data text and columns, headers, offset, timestamp)
 * must be equal, or both must fail with the same message. Set {@code -Ddifferential.seed=N} to replay a run; the
 * seed is in every failure message.
 */
public class StreamingDifferentialTest {
  private static final int DOCUMENTS = Integer.getInteger("differential.documents", 3000);
  private static final Map<String, ?> PARTITION = Map.of("collection", "things");
  private static final Map<String, ?> OFFSET = Map.of("v", 1L, "phase", "snapshot", "ts", 17L, "ref", "9");

  @Test
  void streamedRecordsEqualTheDriverDecodedOnes() {
    long seed = Long.getLong("differential.seed", System.nanoTime());
    Random random = new Random(seed + 1);
    // twins: the same documents, their bytes in the URL-safe alphabet (the driver's) and in the standard one (the
    // real server's, which the driver cannot read)
    RandomWire urlSafe = new RandomWire(new Random(seed), false);
    RandomWire standard = new RandomWire(new Random(seed), true);
    Map<String, Integer> seen = new java.util.TreeMap<>();
    // at least DOCUMENTS, and on until the run covered every column type (a random run may fall just short)
    for (int n = 0; n < DOCUMENTS || (n < 4 * DOCUMENTS && !covered(seen)); n++) {
      String document = urlSafe.document("things");
      String twin = standard.document("things");
      String columns = columns(random, urlSafe.paths());
      String context = "seed " + seed + ", document " + n + ": " + document + "\ncolumns " + columns;
      FaunaSourceConfig config = config(columns, random.nextInt(4) != 0);
      String expected = outcome(() -> oracle(config, document));
      assertEquals(expected, outcome(() -> streamed(config, document)), context);
      assertEquals(expected, outcome(() -> streamed(config, twin)), "standard alphabet, " + context);
      tally(config, document, seen);
    }
    // the run covered what it claims: values of every column type, and required columns that failed
    for (ColumnType type : ColumnType.values()) {
      assertTrue(seen.getOrDefault(type.configValue(), 0) > 20, "few " + type + " values: " + seen);
    }
    assertTrue(seen.getOrDefault("failed", 0) > 20, "few failures: " + seen);
  }

  private static boolean covered(Map<String, Integer> seen) {
    return seen.getOrDefault("failed", 0) > 20 && java.util.Arrays.stream(ColumnType.values())
        .allMatch(type -> seen.getOrDefault(type.configValue(), 0) > 20);
  }

  private static void tally(FaunaSourceConfig config, String document, Map<String, Integer> seen) {
    try {
      org.apache.kafka.connect.data.Struct value = (org.apache.kafka.connect.data.Struct) streamed(config, document)
          .value();
      for (var column : config.settingsFor("things").columns()) {
        if (value.get(column.name()) != null) {
          seen.merge(column.type().configValue(), 1, Integer::sum);
        }
      }
    } catch (DocumentConversionException e) {
      seen.merge("failed", 1, Integer::sum);
    }
  }

  public static SourceRecord streamed(FaunaSourceConfig config, String document) {
    return record(config, Streamed.document(config, "things", document));
  }

  /** The record of a document of collection "things" read by the streaming path. */
  public static SourceRecord record(FaunaSourceConfig config, FaunaDocument document) {
    return new RecordBuilder(config, config.settingsFor("things")).document(PARTITION, OFFSET, document,
        RecordBuilder.OP_READ);
  }

  public static SourceRecord oracle(FaunaSourceConfig config, String document) {
    return oracle(config, FaunaWire.value(document));
  }

  /** The record of a document of collection "things" decoded by the driver, as the connector built it before. */
  public static SourceRecord oracle(FaunaSourceConfig config, Value document) {
    return new DriverRecordBuilder(config, config.settingsFor("things")).document(PARTITION, OFFSET, document,
        RecordBuilder.OP_READ);
  }

  /** The record with every part spelled out, or the failure. */
  public static String outcome(java.util.function.Supplier<SourceRecord> build) {
    try {
      SourceRecord r = build.get();
      return "key " + r.key() + "\nvalue " + r.value() + "\nrecord " + r + "\nequal " + r.hashCode();
    } catch (DocumentConversionException e) {
      return "failed: " + e.getMessage();
    }
  }

  public static FaunaSourceConfig config(String columns, boolean dataColumn) {
    return new FaunaSourceConfig(Map.of("fauna.endpoint", "http://localhost:8443", "fauna.secret", "s",
        "data.column", String.valueOf(dataColumn), "collection.things.columns", columns));
  }

  /** Up to 8 columns of random types: most on paths the document has, some on paths it lacks. */
  public static String columns(Random random, List<List<Object>> paths) {
    List<String> columns = new ArrayList<>();
    int count = random.nextInt(9);
    for (int i = 0; i < count; i++) {
      List<Object> path = new ArrayList<>(paths.get(random.nextInt(paths.size())));
      if (random.nextInt(6) == 0) {
        path.add(random.nextBoolean() ? (Object) "id" : (Object) (long) random.nextInt(3));
      }
      ColumnType type = ColumnType.values()[random.nextInt(ColumnType.values().length)];
      columns.add("{\"name\":\"c" + i + "\",\"type\":\"" + type.configValue() + "\",\"path\":"
          + pathJson(path) + ",\"required\":" + (random.nextInt(8) == 0) + "}");
    }
    return "[" + String.join(",", columns) + "]";
  }

  private static String pathJson(List<Object> path) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(path);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
