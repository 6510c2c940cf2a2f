package dev.faunaconnect.localfauna;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The benchmark's scan without the driver: the same page queries over plain HTTP, reading only each page's size and
 * {@code after} cursor, so that the time measured is the server's (and the socket's), not the driver's decoding.
 */
final class RawScan {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final URI endpoint;
  private final String secret;
  private final String collection;

  RawScan(String endpoint, String secret, String collection) {
    this.endpoint = URI.create(endpoint + "/");
    this.secret = secret;
    this.collection = collection;
  }

  int scan(int pageSize) throws IOException, InterruptedException {
    int read = 0;
    String after = null;
    do {
      Page page = Page.read(page(pageSize, after));
      read += page.size;
      after = page.after;
    } while (after != null);
    return read;
  }

  /** The body of the page of {@code pageSize} documents from cursor {@code after} (its JSON; null for the first). */
  byte[] page(int pageSize, String after) throws IOException, InterruptedException {
    String query = "{\"map\":{\"lambda\":\"x\",\"expr\":{\"get\":{\"var\":\"x\"}}},\"collection\":"
        + "{\"paginate\":{\"documents\":{\"collection\":\"" + collection + "\"}}"
        + (after == null ? "" : ",\"after\":" + after) + ",\"size\":" + pageSize + "}}";
    HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(endpoint)
        .header("Authorization", "Bearer " + secret)
        .POST(HttpRequest.BodyPublishers.ofString(query)).build(), HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("status " + response.statusCode());
    }
    return response.body();
  }

  /** How many elements a page holds and its {@code after} cursor as JSON, read with a streaming parser. */
  private record Page(int size, String after) {
    static Page read(byte[] body) throws IOException {
      int size = 0;
      String after = null;
      try (JsonParser p = new JsonFactory().createParser(body)) {
        p.nextToken();
        p.nextToken();
        p.nextToken();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          if (name.equals("after")) {
            after = JSON.writeValueAsString(JSON.readTree(p));
          } else if (name.equals("data")) {
            while (p.nextToken() != JsonToken.END_ARRAY) {
              p.skipChildren();
              size++;
            }
          } else {
            p.skipChildren();
          }
        }
      }
      return new Page(size, after);
    }
  }
}
