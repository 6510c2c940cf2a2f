package dev.faunaconnect.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * A record as a consumer sees it with the JSON converter (schemas off): the key's ref, the {@code fauna.op} and
 * {@code fauna.collection} headers, and the value (null for a tombstone).
 */
record TopicRecord(String ref, String op, String collection, JsonNode value) {
  private static final ObjectMapper JSON = new ObjectMapper();

  static TopicRecord of(ConsumerRecord<byte[], byte[]> record) {
    JsonNode key = parse(record.key());
    return new TopicRecord(key.get("ref").asText(), header(record, "fauna.op"), header(record, "fauna.collection"),
        record.value() == null ? null : parse(record.value()));
  }

  boolean isTombstone() {
    return value == null;
  }

  long ts() {
    return value.get("ts").asLong();
  }

  /** The {@code data} column parsed back into JSON. */
  JsonNode data() {
    JsonNode data = value.get("data");
    return data == null || data.isNull() ? NullNode.getInstance() : parse(data.asText());
  }

  /** "op ref ts" (tombstones: "tombstone ref"), for comparing whole topics in order. */
  String summary() {
    return isTombstone() ? "tombstone " + ref : op + " " + ref + " " + ts();
  }

  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode parse(byte[] bytes) {
    return parse(new String(bytes, StandardCharsets.UTF_8));
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
