package dev.faunaconnect.it;

import static com.faunadb.client.query.Language.Arr;
import static com.faunadb.client.query.Language.Collection;
import static com.faunadb.client.query.Language.Create;
import static com.faunadb.client.query.Language.Delete;
import static com.faunadb.client.query.Language.Get;
import static com.faunadb.client.query.Language.Obj;
import static com.faunadb.client.query.Language.Ref;
import static com.faunadb.client.query.Language.Select;
import static com.faunadb.client.query.Language.Update;
import static com.faunadb.client.query.Language.Value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.faunadb.client.query.Expr;
import dev.faunaconnect.localfauna.LocalFauna;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A collection holding bytes streams end to end (snapshot, change, delete) through a Connect worker when the Fauna
 * server writes {@code @bytes} in the standard base64 alphabet, as the real server does (the driver cannot read
 * those answers). The records carry them as the seed says: URL-safe base64 with padding.
 */
class StandardBytesIT {
  private static ConnectHarness harness;

  @BeforeAll
  static void start() {
    harness = ConnectHarness.start("standard-bytes-it", Map.of(), LocalFauna.builder().standardBase64Bytes(true));
  }

  @AfterAll
  static void stop() {
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  void bytesInTheRealServersAlphabetStreamThroughAWorker() throws Exception {
    harness.fauna.createCollection("blobs", 30L);
    harness.fauna.createTsIndex("blobs_by_ts", "blobs");
    // 0xfb 0xff is "+/8=" in the standard alphabet, "-_8=" in the URL-safe one; 0xf8 is "+A==" and "-A=="
    write(Create(Ref(Collection("blobs"), "1"), Obj("data", Obj("raw", Value(new byte[] {(byte) 0xfb, (byte) 0xff}),
        "nested", Obj("list", Arr(Value(new byte[] {(byte) 0xf8}), Value("text")))))));
    write(Create(Ref(Collection("blobs"), "2"), Obj("data", Obj("raw", Value(new byte[] {(byte) 0xf8})))));
    Throwable driver = assertThrows(IllegalStateException.class,
        () -> harness.fauna.query(Get(Ref(Collection("blobs"), "1"))));
    assertTrue(String.valueOf(driver.getCause().getCause()).contains("Illegal base64 character"),
        "the server should write what the driver cannot read: " + driver);

    harness.createTopics("fauna.blobs");
    harness.startConnector("standard-bytes", 1, harness.config("collections", "blobs",
        "collection.blobs.columns", "[{\"name\": \"raw\", \"type\": \"string\", \"path\": [\"data\", \"raw\"]},"
            + "{\"name\": \"nested\", \"type\": \"json\", \"path\": [\"data\", \"nested\"]}]"));
    List<TopicRecord> snapshot = harness.awaitRecords("fauna.blobs", 2);
    assertRecord(snapshot.get(0), "read", "1", "{\"raw\":\"-_8=\",\"nested\":{\"list\":[\"-A==\",\"text\"]}}", "-_8=",
        "{\"list\":[\"-A==\",\"text\"]}");
    assertRecord(snapshot.get(1), "read", "2", "{\"raw\":\"-A==\"}", "-A==", null);

    write(Update(Ref(Collection("blobs"), "2"), Obj("data", Obj("raw",
        Value(new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0xfd})))));
    write(Delete(Ref(Collection("blobs"), "1")));
    List<TopicRecord> all = harness.awaitRecords("fauna.blobs", 4);
    assertEquals(List.of("read 1", "read 2", "upsert 2", "delete 1"),
        all.stream().map(r -> r.op() + " " + r.ref()).toList());
    assertRecord(all.get(2), "upsert", "2", "{\"raw\":\"__79\"}", "__79", null);
  }

  /** Runs a write; only its ts comes back, since the driver cannot read documents holding such bytes. */
  private static void write(Expr write) {
    harness.fauna.query(Select(Value("ts"), write));
  }

  private static void assertRecord(TopicRecord record, String op, String ref, String data, String raw,
      String nested) {
    assertEquals(op, record.op(), record.toString());
    assertEquals(ref, record.ref(), record.toString());
    assertEquals(TopicRecord.parse(data), record.data(), record.toString());
    assertEquals(raw, record.value().get("raw").asText(), record.toString());
    if (nested == null) {
      assertTrue(record.value().get("nested").isNull(), record.toString());
    } else {
      assertEquals(TopicRecord.parse(nested), TopicRecord.parse(record.value().get("nested").asText()),
          record.toString());
    }
  }
}
