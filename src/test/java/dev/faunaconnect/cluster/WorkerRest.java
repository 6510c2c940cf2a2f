package dev.faunaconnect.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The Kafka Connect REST calls the cluster test makes, as an operator would with curl. */
final class WorkerRest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;

  WorkerRest(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** {@code GET /connector-plugins}: the version of the plugin {@code className}, empty while it is not loaded. */
  Optional<String> pluginVersion(String className) throws InterruptedException {
    try {
      for (JsonNode plugin : get("connector-plugins?connectorsOnly=true")) {
        if (className.equals(plugin.path("class").asText())) {
          return Optional.of(plugin.path("version").asText());
        }
      }
    } catch (IOException | RestError notReady) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /** {@code PUT /connectors/<name>/config}, retried while the group rebalances or its leader is away. */
  void putConfig(String name, Map<String, String> config, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      try {
        send(HttpRequest.newBuilder(URI.create(baseUrl + "connectors/" + name + "/config"))
            .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
            .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(config))).build());
        return;
      } catch (IOException | RestError e) {
        last = e.getMessage();
        Thread.sleep(1_000);
      }
    }
    throw new IllegalStateException("Could not create connector " + name + ": " + last);
  }

  /** {@code GET /connectors/<name>/status}. */
  JsonNode status(String name) throws IOException, InterruptedException {
    return get("connectors/" + name + "/status");
  }

  /** Waits until the connector and {@code tasks} tasks are RUNNING; fails at once when one FAILED. */
  void awaitRunning(String name, int tasks, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      try {
        JsonNode status = status(name);
        last = status.toString();
        int running = 0;
        for (JsonNode task : status.path("tasks")) {
          if ("FAILED".equals(task.path("state").asText())) {
            throw new IllegalStateException("task " + task.path("id") + " FAILED: " + task.path("trace").asText());
          }
          running += "RUNNING".equals(task.path("state").asText()) ? 1 : 0;
        }
        if (running == tasks && "RUNNING".equals(status.path("connector").path("state").asText())) {
          return;
        }
      } catch (IOException | RestError e) {
        last = e.getMessage();
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("connector " + name + " not RUNNING with " + tasks + " tasks: " + last);
  }

  private JsonNode get(String resource) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + resource)).timeout(Duration.ofSeconds(10)).GET()
        .build());
  }

  private JsonNode send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300) {
      throw new RestError(request.method() + " " + request.uri() + " answered " + response.statusCode() + ": "
          + response.body());
    }
    return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
  }

  /** The REST API answered with an error status. */
  static final class RestError extends RuntimeException {
    RestError(String message) {
      super(message);
    }
  }
}
