package dev.faunaconnect.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faunaconnect.localfauna.LocalFauna;
import dev.faunaconnect.localfauna.SampleData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

/**
 * What the quickstart does to Fauna besides loading the sample: a read-only key for the connector, then a few
 * inserts, updates, an expiry by ttl and deletes. Each change touches a different document, so each yields its own
 * records.
 */
final class SampleWrites {
  static final String READ_ONLY_ROLE = "kafka-connect-readonly";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How long after the quickstart sets it a document's ttl passes. */
  static final Duration EXPIRES_AFTER = Duration.ofSeconds(3);

  /**
   * One step of changes: what it does, in words, and its queries (Fauna's wire JSON). Its kind is that of the
   * records each change gives: {@code upsert}, {@code delete}, or {@code expire} (an upsert, the ttl set, then the
   * delete records when it passes).
   */
  record Step(String title, String kind, List<Change> changes) {}

  record Change(String collection, String description, String query) {}

  private SampleWrites() {}

  /** The sample's read-only key ({@link SampleData#createReadOnlyKey}); returns its secret. */
  static String createReadOnlyKey(LocalFauna fauna) {
    return SampleData.createReadOnlyKey(fauna);
  }

  /** How many documents a collection has: the length of {@code Paginate(Documents(Collection(c)))}. */
  static int documentCount(LocalFauna fauna, String collection) {
    String answer = fauna.query("""
        {"paginate":{"documents":{"collection":"%s"}},"size":100000}""".formatted(collection));
    return read(answer).path("resource").path("data").size();
  }

  static List<Step> steps() {
    return List.of(
        new Step("Insert", "upsert", List.of(
            new Change("customers", "Create customers/104 (Katherine Johnson)", """
                {"create":{"ref":{"collection":"customers"},"id":"104"},"params":{"object":{"data":{"object":{
                  "name":"Katherine Johnson","email":"katherine@example.com","tier":"silver",
                  "signed_up":{"@date":"2024-02-26"},"address":{"object":{"city":"Hampton","zip":"23666"}},
                  "tags":["nasa","math"]}}}}}"""),
            new Change("orders", "Create orders/203 for customer 104", """
                {"create":{"ref":{"collection":"orders"},"id":"203"},"params":{"object":{"data":{"object":{
                  "customer":{"ref":{"collection":"customers"},"id":"104"},"total":42.25,"items":2,
                  "placed_at":{"@ts":"2024-07-04T12:00:00Z"},"receipt":{"@bytes":"cmVjZWlwdA=="},
                  "shipping":{"object":{"method":"standard","address":{"object":{"city":"Hampton"}}}}}}}}}"""))),
        new Step("Update", "upsert", List.of(
            new Change("customers", "Update customers/101: tier gold -> platinum", """
                {"update":{"ref":{"collection":"customers"},"id":"101"},
                 "params":{"object":{"data":{"object":{"tier":"platinum"}}}}}"""),
            new Change("orders", "Update orders/201: items 3 -> 4, total 129.5 -> 172.5", """
                {"update":{"ref":{"collection":"orders"},"id":"201"},
                 "params":{"object":{"data":{"object":{"items":4,"total":172.5}}}}}"""))),
        new Step("Expire", "expire", List.of(
            new Change("customers", "Update customers/102: ttl = now + " + EXPIRES_AFTER.toSeconds() + " s", """
                {"update":{"ref":{"collection":"customers"},"id":"102"},"params":{"object":{"ttl":
                  {"epoch":{"add":[{"to_micros":{"now":null}},%d]},"unit":"microseconds"}}}}""".formatted(
                EXPIRES_AFTER.toNanos() / 1000L)))),
        new Step("Delete", "delete", List.of(
            new Change("customers", "Delete customers/103", """
                {"delete":{"ref":{"collection":"customers"},"id":"103"}}"""),
            new Change("orders", "Delete orders/202", """
                {"delete":{"ref":{"collection":"orders"},"id":"202"}}"""))));
  }

  private static JsonNode read(String answer) {
    try {
      return JSON.readTree(answer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
