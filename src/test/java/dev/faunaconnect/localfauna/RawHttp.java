package dev.faunaconnect.localfauna;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Plain HTTP requests to a local Fauna server, for the protocol checks the driver cannot express: other auth
 * schemes, headers, methods, paths and bodies, and the raw response (status, headers, exact body).
 */
final class RawHttp {
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String endpoint;

  RawHttp(String endpoint) {
    this.endpoint = endpoint;
  }

  static String bearer(String secret) {
    return "Bearer " + secret;
  }

  /** {@code Basic base64("<secret>:")}, as the v2 drivers sent it. */
  static String basic(String secret) {
    return "Basic " + Base64.getEncoder().encodeToString((secret + ":").getBytes(StandardCharsets.UTF_8));
  }

  /** {@code POST /} with a query, authorized by {@code authorization} (null for none), plus extra header pairs. */
  HttpResponse<String> post(String authorization, String body, String... headers) {
    return send(request("/", authorization, headers).POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** {@code POST /} with the body sent in chunks, without a Content-Length. */
  HttpResponse<String> postChunked(String authorization, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return send(request("/", authorization).POST(
        HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))));
  }

  HttpResponse<String> get(String pathAndQuery, String authorization) {
    return send(request(pathAndQuery, authorization).GET());
  }

  HttpResponse<String> method(String method, String path, String authorization, String body) {
    return send(request(path, authorization).method(method, body == null
        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
  }

  private HttpRequest.Builder request(String path, String authorization, String... headers) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(endpoint + path))
        .header("X-FaunaDB-API-Version", "4");
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    for (int i = 0; i < headers.length; i += 2) {
      builder.setHeader(headers[i], headers[i + 1]);
    }
    return builder;
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
