package dev.faunaconnect.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the benchmark's collections to a Fauna server over HTTP (FQL v4 wire JSON): the collection, its ts/ref
 * index, the documents with ids {@code 1..n}, and updates. Writing is never timed.
 */
final class BenchFauna {
  private static final int BATCH = 500;

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final URI endpoint;
  private final String secret;

  BenchFauna(String endpoint, String secret) {
    this.endpoint = URI.create(endpoint + "/");
    this.secret = secret;
  }

  /** The collection {@code name}, the index {@code <name>_by_ts} (values ts, ref) and {@code docs} documents. */
  void createCollection(String name, int docs, BenchDocuments shape) throws IOException, InterruptedException {
    query("{\"create_collection\":{\"object\":{\"name\":\"" + name + "\",\"history_days\":1}}}");
    query("{\"create_index\":{\"object\":{\"name\":\"" + name + "_by_ts\",\"source\":{\"collection\":\"" + name
        + "\"},\"values\":[{\"object\":{\"field\":\"ts\"}},{\"object\":{\"field\":\"ref\"}}]}}}");
    for (int from = 0; from < docs; from += BATCH) {
      List<String> creates = new ArrayList<>();
      for (int i = from; i < Math.min(docs, from + BATCH); i++) {
        creates.add("{\"create\":" + ref(name, i) + ",\"params\":{\"object\":{\"data\":" + shape.dataObject(i)
            + "}}}");
      }
      query("[" + String.join(",", creates) + "]");
    }
  }

  /** Updates documents {@code 0..docs-1} (field {@code n} set to {@code round}): each gets a new ts. */
  void updateAll(String name, int docs, int round) throws IOException, InterruptedException {
    for (int from = 0; from < docs; from += BATCH) {
      List<String> updates = new ArrayList<>();
      for (int i = from; i < Math.min(docs, from + BATCH); i++) {
        updates.add("{\"update\":" + ref(name, i) + ",\"params\":{\"object\":{\"data\":{\"object\":{\"n\":"
            + round + "}}}}}");
      }
      query("[" + String.join(",", updates) + "]");
    }
  }

  private static String ref(String collection, int i) {
    return "{\"ref\":{\"collection\":\"" + collection + "\"},\"id\":\"" + (i + 1) + "\"}";
  }

  private void query(String json) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint)
        .header("Authorization", "Bearer " + secret).header("X-FaunaDB-API-Version", "4")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException("Fauna answered " + response.statusCode() + ": " + response.body());
    }
  }
}
