package dev.faunaconnect.localfauna;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;

/**
 * The local server's own endpoints, for tests and operators (the real server has none): {@code /local/faults}
 * changes the {@link FaultPlan} and {@code /local/clock} moves the wall clock forward, while the server runs.
 *
 * <ul>
 *   <li>{@code POST /local/faults {"fault":"status","status":503,"count":2}}: the next 2 queries answer 503;
 *   {@code "fault"} is {@code status} (429, 503, 500, 409), {@code drop} (close the connection without answering)
 *   or {@code delay} (with {@code "delay_ms"}); {@code "fraction":0.25,"seed":7} instead of {@code count} picks
 *   that fraction of all later queries with a seeded random. {@code {"clear":true}} removes every fault.</li>
 *   <li>{@code GET /local/faults}: how many faults were injected so far, {@code {"resource":{"injected":3}}}.</li>
 *   <li>{@code POST /local/clock {"advance_ms":960000}}: ages history by 16 minutes; answers the new wall time in
 *   microseconds.</li>
 * </ul>
 */
final class ControlEndpoint {
  static final String FAULTS = "/local/faults";
  static final String CLOCK = "/local/clock";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final FaultPlan faults;
  private final FaunaClock clock;

  ControlEndpoint(FaultPlan faults, FaunaClock clock) {
    this.faults = faults;
    this.clock = clock;
  }

  static boolean handles(String path) {
    return path.equals(FAULTS) || path.equals(CLOCK);
  }

  WireResponse handle(WireRequest request) {
    boolean post = request.method().equals("POST");
    if (!post && !(request.path().equals(FAULTS) && request.method().equals("GET"))) {
      String allowed = request.path().equals(FAULTS) ? "GET, POST" : "POST";
      return WireResponse.error(405, "method not allowed", "Allowed methods are " + allowed + ".")
          .header("Allow", allowed);
    }
    try {
      if (request.path().equals(CLOCK)) {
        clock.advance(Duration.ofMillis(body(request).path("advance_ms").asLong()));
        return WireResponse.resource(Long.toString(clock.wallMicros()));
      }
      if (post) {
        configure(body(request));
      }
      return WireResponse.resource("{\"injected\":" + faults.injected() + "}");
    } catch (IOException | IllegalArgumentException e) {
      return WireResponse.error(400, "bad request", e.getMessage());
    }
  }

  private static JsonNode body(WireRequest request) throws IOException {
    return request.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(request.body());
  }

  private void configure(JsonNode body) {
    if (body.path("clear").asBoolean(false)) {
      faults.clear();
      return;
    }
    FaultPlan.Fault fault = switch (body.path("fault").asText()) {
      case "status" -> FaultPlan.Fault.status(body.path("status").asInt());
      case "drop" -> FaultPlan.Fault.dropConnection();
      case "delay" -> FaultPlan.Fault.delay(Duration.ofMillis(body.path("delay_ms").asLong()));
      default -> throw new IllegalArgumentException("\"fault\" must be \"status\", \"drop\" or \"delay\".");
    };
    if (body.has("fraction")) {
      faults.failFraction(body.get("fraction").asDouble(), fault, body.path("seed").asLong(0));
    } else {
      faults.failNext(body.path("count").asInt(1), fault);
    }
  }
}
