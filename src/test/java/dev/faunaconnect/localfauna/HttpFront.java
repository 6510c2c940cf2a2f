package dev.faunaconnect.localfauna;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small HTTP/1.1 server with keep-alive, speaking the v4 protocol: {@code POST /} runs a query, {@code GET /ping}
 * answers health checks, and {@code POST /local/faults} and {@code POST /local/clock} let a test or an operator
 * inject faults and age history while the server runs (admin secret only).
 */
final class HttpFront implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] UNAUTHORIZED =
      "{\"errors\":[{\"code\":\"unauthorized\",\"description\":\"Unauthorized\"}]}".getBytes(StandardCharsets.UTF_8);

  private final QueryEngine engine;
  private final FaultPlan faults;
  private final FaunaClock clock;
  private final String adminSecret;
  private final ServerSocket socket;
  private final ExecutorService connections = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "local-fauna-connection");
    t.setDaemon(true);
    return t;
  });
  private volatile boolean closed;

  HttpFront(QueryEngine engine, FaultPlan faults, FaunaClock clock, String adminSecret, int port) throws IOException {
    this.engine = engine;
    this.faults = faults;
    this.clock = clock;
    this.adminSecret = adminSecret;
    this.socket = new ServerSocket(port, 128, java.net.InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "local-fauna-acceptor");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return socket.getLocalPort();
  }

  private void accept() {
    while (!closed) {
      try {
        Socket client = socket.accept();
        client.setTcpNoDelay(true);
        connections.execute(() -> serve(client));
      } catch (IOException e) {
        if (!closed) {
          System.err.println("local fauna: accept failed: " + e);
        }
      }
    }
  }

  private void serve(Socket client) {
    try (client; InputStream in = new BufferedInputStream(client.getInputStream(), 65536);
         OutputStream out = client.getOutputStream()) {
      while (!closed) {
        Request request = Request.read(in);
        if (request == null) {
          return;
        }
        if (!handle(request, out)) {
          return;
        }
      }
    } catch (SocketException e) {
      // the client went away
    } catch (IOException e) {
      if (!closed) {
        System.err.println("local fauna: connection failed: " + e);
      }
    }
  }

  /** Answers one request; false when the connection must be closed. */
  private boolean handle(Request request, OutputStream out) throws IOException {
    if (request.path.equals("/ping")) {
      respond(out, 200, "{\"resource\":\"Scope write is OK\"}".getBytes(StandardCharsets.UTF_8), null, false);
      return true;
    }
    Access access = engine.authenticate(secretOf(request.headers.get("authorization")));
    if (!request.path.equals("/") && !request.path.startsWith("/?") && !request.path.startsWith("/local/")) {
      respond(out, 404, "{\"errors\":[{\"code\":\"not found\",\"description\":\"Not Found\"}]}"
          .getBytes(StandardCharsets.UTF_8), null, false);
      return true;
    }
    if (access == null) {
      respond(out, 401, UNAUTHORIZED, Map.of("WWW-Authenticate", "Basic realm=\"Unauthorized\""), false);
      return true;
    }
    if (request.path.startsWith("/local/")) {
      return control(request, out, access);
    }
    if (!request.method.equals("POST") && !request.method.equals("GET")) {
      respond(out, 405, "{\"errors\":[{\"code\":\"method not allowed\",\"description\":\"Allowed methods are GET, POST.\"}]}"
          .getBytes(StandardCharsets.UTF_8), Map.of("Allow", "GET, POST"), false);
      return true;
    }
    FaultPlan.Fault fault = faults.next();
    if (fault != null && fault.kind() == FaultPlan.Kind.DROP_CONNECTION) {
      return false;
    }
    if (fault != null && fault.kind() == FaultPlan.Kind.DELAY) {
      sleep(fault.delay());
    }
    if (fault != null && fault.kind() == FaultPlan.Kind.STATUS) {
      respond(out, fault.status(), faultBody(fault.status()), null, true);
      return true;
    }
    byte[] body = request.method.equals("GET") ? queryParam(request.path) : request.body;
    long lastSeen = lastSeen(request.headers.get("x-last-seen-txn"));
    if (lastSeen < 0) {
      respond(out, 400, ("{\"errors\":[{\"code\":\"bad request\",\"description\":\"Invalid header 'x-last-seen-txn': "
          + "Invalid timestamp '" + request.headers.get("x-last-seen-txn") + "'.\"}]}").getBytes(StandardCharsets.UTF_8),
          null, true);
      return true;
    }
    QueryEngine.Answer answer = engine.run(body, access, lastSeen);
    respond(out, answer.status(), answer.body(), metrics(answer, body.length), answer.status() != 500);
    return true;
  }

  private boolean control(Request request, OutputStream out, Access access) throws IOException {
    if (access != Access.ALL || !request.method.equals("POST")) {
      respond(out, 403, "{\"errors\":[{\"code\":\"permission denied\",\"description\":\"Insufficient privileges to perform the action.\"}]}"
          .getBytes(StandardCharsets.UTF_8), null, false);
      return true;
    }
    JsonNode body = JSON.readTree(request.body.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : request.body);
    switch (request.path) {
      case "/local/faults" -> configureFaults(body);
      case "/local/clock" -> clock.advance(Duration.ofMillis(body.path("advance_ms").asLong()));
      default -> {
        respond(out, 404, "{\"errors\":[{\"code\":\"not found\",\"description\":\"Not Found\"}]}"
            .getBytes(StandardCharsets.UTF_8), null, false);
        return true;
      }
    }
    respond(out, 200, "{\"resource\":true}".getBytes(StandardCharsets.UTF_8), null, false);
    return true;
  }

  /** {@code {"clear":true}}, or {@code {"fault":"status|drop|delay","status":503,"delay_ms":100,"count":2|"fraction":0.5,"seed":1}}. */
  private void configureFaults(JsonNode body) {
    if (body.path("clear").asBoolean(false)) {
      faults.clear();
      return;
    }
    FaultPlan.Fault fault = switch (body.path("fault").asText()) {
      case "status" -> FaultPlan.Fault.status(body.path("status").asInt());
      case "drop" -> FaultPlan.Fault.dropConnection();
      case "delay" -> FaultPlan.Fault.delay(Duration.ofMillis(body.path("delay_ms").asLong()));
      default -> throw new IllegalArgumentException("fault must be status, drop or delay");
    };
    if (body.has("fraction")) {
      faults.failFraction(body.get("fraction").asDouble(), fault, body.path("seed").asLong(0));
    } else {
      faults.failNext(body.path("count").asInt(1), fault);
    }
  }

  private static byte[] faultBody(int status) {
    String[] error = switch (status) {
      case 429 -> new String[] {"too many requests", "Too many pending requests."};
      case 503 -> new String[] {"time out", "Request timed out."};
      case 409 -> new String[] {"contended transaction",
          "Transaction was aborted due to detection of concurrent modification."};
      default -> new String[] {"internal server error", "Internal server error."};
    };
    return ("{\"errors\":[{\"position\":[],\"code\":\"" + error[0] + "\",\"description\":\"" + error[1] + "\"}]}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private Map<String, String> metrics(QueryEngine.Answer answer, int bytesIn) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("x-txn-time", Long.toString(answer.txnTime()));
    if (answer.status() == 500) {
      return h;
    }
    h.put("x-faunadb-build", "local");
    h.put("x-query-time", "1");
    h.put("x-read-ops", "1");
    h.put("x-write-ops", answer.wrote() ? "1" : "0");
    h.put("x-byte-read-ops", "1");
    h.put("x-byte-write-ops", answer.wrote() ? "1" : "0");
    h.put("x-compute-ops", "1");
    h.put("x-query-bytes-in", Integer.toString(bytesIn));
    h.put("x-query-bytes-out", Integer.toString(answer.body().length));
    h.put("x-storage-bytes-read", "0");
    h.put("x-storage-bytes-write", "0");
    h.put("x-txn-retries", "0");
    return h;
  }

  private void respond(OutputStream out, int status, byte[] body, Map<String, String> headers, boolean txnTime)
      throws IOException {
    StringBuilder head = new StringBuilder(256);
    head.append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
    head.append("Content-Type: application/json;charset=utf-8\r\n");
    head.append("Content-Length: ").append(body.length).append("\r\n");
    boolean hasTxnTime = headers != null && headers.containsKey("x-txn-time");
    if (!hasTxnTime) {
      head.append("x-txn-time: ").append(clock.lastTransactionTime()).append("\r\n");
    }
    if (headers != null) {
      headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
    }
    head.append("\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.write(body);
    out.flush();
  }

  private static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 201 -> "Created";
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 409 -> "Conflict";
      case 429 -> "Too Many Requests";
      case 503 -> "Service Unavailable";
      default -> "Internal Server Error";
    };
  }

  /** {@code Bearer <secret>} or {@code Basic base64(<secret>:)}. */
  static String secretOf(String authorization) {
    if (authorization == null) {
      return null;
    }
    if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return authorization.substring(7).trim();
    }
    if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
            StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        return colon >= 0 ? decoded.substring(0, colon) : decoded;
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    return null;
  }

  private static long lastSeen(String header) {
    if (header == null) {
      return 0;
    }
    try {
      return Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static byte[] queryParam(String path) {
    int q = path.indexOf("q=");
    if (q < 0) {
      return new byte[0];
    }
    String value = path.substring(q + 2);
    int amp = value.indexOf('&');
    return java.net.URLDecoder.decode(amp < 0 ? value : value.substring(0, amp), StandardCharsets.UTF_8)
        .getBytes(StandardCharsets.UTF_8);
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    socket.close();
    connections.shutdownNow();
  }

  /** One parsed HTTP request. */
  private record Request(String method, String path, Map<String, String> headers, byte[] body) {
    static Request read(InputStream in) throws IOException {
      String line = readLine(in);
      while (line != null && line.isEmpty()) {
        line = readLine(in);
      }
      if (line == null) {
        return null;
      }
      String[] parts = line.split(" ");
      if (parts.length < 2) {
        throw new IOException("bad request line: " + line);
      }
      Map<String, String> headers = new LinkedHashMap<>();
      for (String h = readLine(in); h != null && !h.isEmpty(); h = readLine(in)) {
        int colon = h.indexOf(':');
        if (colon > 0) {
          headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
        }
      }
      return new Request(parts[0], parts[1], headers, body(in, headers));
    }

    private static byte[] body(InputStream in, Map<String, String> headers) throws IOException {
      String length = headers.get("content-length");
      if (length != null) {
        return in.readNBytes(Integer.parseInt(length.trim()));
      }
      if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int size = chunkSize(in); size > 0; size = chunkSize(in)) {
          out.write(in.readNBytes(size));
          readLine(in);
        }
        readLine(in);
        return out.toByteArray();
      }
      return new byte[0];
    }

    private static int chunkSize(InputStream in) throws IOException {
      String line = readLine(in);
      int semi = line == null ? -1 : line.indexOf(';');
      return line == null ? 0 : Integer.parseInt((semi < 0 ? line : line.substring(0, semi)).trim(), 16);
    }

    private static String readLine(InputStream in) throws IOException {
      StringBuilder sb = new StringBuilder();
      int c;
      while ((c = in.read()) != -1) {
        if (c == '\n') {
          int n = sb.length();
          return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
        }
        sb.append((char) c);
      }
      return sb.length() == 0 ? null : sb.toString();
    }
  }
}
