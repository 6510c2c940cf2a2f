package dev.faunaconnect.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The few calls of the Kafka Connect REST API that a user makes by hand (with curl) to run a connector. */
final class ConnectRest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final String baseUrl;

  /** @param baseUrl the worker's REST URL, ending in a slash, e.g. {@code http://localhost:8083/} */
  ConnectRest(String baseUrl) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
  }

  String url(String resource) {
    return baseUrl + resource;
  }

  /** {@code PUT /connectors/<name>/config}: creates or updates the connector. */
  JsonNode putConfig(String name, Map<String, String> config) {
    try {
      return send(HttpRequest.newBuilder(URI.create(url("connectors/" + name + "/config")))
          .header("Content-Type", "application/json")
          .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(config))).build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code GET /connector-plugins}: the version of the installed plugin {@code className}, or empty. */
  Optional<String> pluginVersion(String className) {
    JsonNode plugins = send(HttpRequest.newBuilder(URI.create(url("connector-plugins?connectorsOnly=true"))).GET()
        .build());
    for (JsonNode plugin : plugins) {
      if (className.equals(plugin.path("class").asText())) {
        return Optional.of(plugin.path("version").asText());
      }
    }
    return Optional.empty();
  }

  /** {@code GET /connector-plugins}: the class of every connector the worker can run, sorted. */
  List<String> connectorClasses() {
    List<String> classes = new java.util.ArrayList<>();
    send(HttpRequest.newBuilder(URI.create(url("connector-plugins?connectorsOnly=true"))).GET().build())
        .forEach(plugin -> classes.add(plugin.path("class").asText()));
    return classes.stream().sorted().toList();
  }

  /** {@code GET /connectors/<name>/config}: the configuration as the worker stores and shows it. */
  JsonNode config(String name) {
    return send(HttpRequest.newBuilder(URI.create(url("connectors/" + name + "/config"))).GET().build());
  }

  /** {@code GET /connectors/<name>/status}. */
  JsonNode status(String name) {
    return send(HttpRequest.newBuilder(URI.create(url("connectors/" + name + "/status"))).GET().build());
  }

  /**
   * Waits until the connector and all its tasks are RUNNING and returns the number of tasks; fails with the
   * worker's error trace when the connector or a task FAILED.
   */
  int awaitRunning(String name, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no status yet";
    while (System.nanoTime() < deadline) {
      try {
        JsonNode status = status(name);
        last = status.toString();
        failOnFailure(status.path("connector"), "connector " + name);
        JsonNode tasks = status.path("tasks");
        boolean allRunning = tasks.size() > 0;
        for (JsonNode task : tasks) {
          failOnFailure(task, "task " + name + "-" + task.path("id").asInt());
          allRunning &= "RUNNING".equals(task.path("state").asText());
        }
        if (allRunning && "RUNNING".equals(status.path("connector").path("state").asText())) {
          return tasks.size();
        }
      } catch (RestException e) {
        last = e.getMessage();
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("Connector " + name + " did not start within " + timeout.toSeconds()
        + " s; last status: " + last);
  }

  private static void failOnFailure(JsonNode state, String what) {
    if ("FAILED".equals(state.path("state").asText())) {
      throw new IllegalStateException(what + " FAILED:\n" + state.path("trace").asText());
    }
  }

  private JsonNode send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 300) {
        throw new RestException(request.method() + " " + request.uri() + " answered " + response.statusCode()
            + ": " + response.body());
      }
      return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** The REST API answered with an error status. */
  static final class RestException extends RuntimeException {
    RestException(String message) {
      super(message);
    }
  }
}
