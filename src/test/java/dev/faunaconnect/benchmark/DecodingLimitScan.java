package dev.faunaconnect.benchmark;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The decoding limit: the snapshot's page query, {@code Map(Paginate(Documents(c)), Lambda(x, Get(x)))}, over
 * plain HTTP, each answer parsed once with Jackson's streaming parser into what a record needs: each document's
 * ref id, ts and {@code data} as JSON text, and the page's {@code after} cursor. No driver, no tree, no record.
 */
final class DecodingLimitScan {
  private static final JsonFactory JSON = new JsonFactory();

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final URI endpoint;
  private final String secret;
  private long checksum;
  private long dataChars;
  private long documents;
  private int read;

  DecodingLimitScan(String endpoint, String secret) {
    this.endpoint = URI.create(endpoint + "/");
    this.secret = secret;
  }

  /** Reads the whole collection; returns how many documents it parsed. */
  int scan(String collection, int pageSize) throws IOException, InterruptedException {
    read = 0;
    String after = null;
    do {
      after = parsePage(page(collection, pageSize, after));
    } while (after != null);
    return read;
  }

  /** Folded over every parsed field, so that nothing parsed is dead code. */
  long checksum() {
    return checksum;
  }

  /** The mean length of the {@code data} JSON text of the documents parsed so far. */
  long dataCharsPerDocument() {
    return documents == 0 ? 0 : dataChars / documents;
  }

  private byte[] page(String collection, int pageSize, String after) throws IOException, InterruptedException {
    String query = "{\"map\":{\"lambda\":\"x\",\"expr\":{\"get\":{\"var\":\"x\"}}},\"collection\":"
        + "{\"paginate\":{\"documents\":{\"collection\":\"" + collection + "\"}}"
        + (after == null ? "" : ",\"after\":" + after) + ",\"size\":" + pageSize + "}}";
    HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(endpoint)
        .header("Authorization", "Bearer " + secret).header("X-FaunaDB-API-Version", "4")
        .POST(HttpRequest.BodyPublishers.ofString(query)).build(), HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("Fauna answered " + response.statusCode());
    }
    return response.body();
  }

  /** Parses {@code {"resource": {"data": [...], "after": [...]}}}; returns the cursor as JSON, or null. */
  private String parsePage(byte[] body) throws IOException {
    String after = null;
    try (JsonParser p = JSON.createParser(body)) {
      expect(p.nextToken(), JsonToken.START_OBJECT);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        if (field.equals("resource")) {
          after = parseResource(p);
        } else {
          p.skipChildren();
        }
      }
    }
    return after;
  }

  private String parseResource(JsonParser p) throws IOException {
    String after = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      if (field.equals("data")) {
        while (p.nextToken() == JsonToken.START_OBJECT) {
          parseDocument(p);
        }
      } else if (field.equals("after")) {
        after = text(p);
      } else {
        p.skipChildren();
      }
    }
    return after;
  }

  /** {@code {"ref": {"@ref": {"id": .., "collection": ..}}, "ts": .., "data": {..}}}. */
  private void parseDocument(JsonParser p) throws IOException {
    String id = null;
    long ts = 0;
    String data = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "ref" -> id = refId(p);
        case "ts" -> ts = p.getLongValue();
        case "data" -> data = text(p);
        default -> p.skipChildren();
      }
    }
    read++;
    documents++;
    dataChars += data.length();
    checksum += ts ^ id.length() ^ data.length();
  }

  private static String refId(JsonParser p) throws IOException {
    String id = null;
    p.nextToken(); // "@ref"
    p.nextToken();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      if (field.equals("id")) {
        id = p.getText();
      } else {
        p.skipChildren();
      }
    }
    p.nextToken(); // the end of {"@ref": ..}
    return id;
  }

  /** The current value, copied as compact JSON text. */
  private static String text(JsonParser p) throws IOException {
    StringWriter out = new StringWriter(1024);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.copyCurrentStructure(p);
    }
    return out.toString();
  }

  private static void expect(JsonToken actual, JsonToken expected) {
    if (actual != expected) {
      throw new IllegalStateException("expected " + expected + ", got " + actual);
    }
  }
}
