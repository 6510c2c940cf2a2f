package dev.faunaconnect.localfauna;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small HTTP/1.1 server with keep-alive, speaking the v4 protocol as the real server's {@code TMPEndpoint} does:
 * {@code POST /} (or {@code GET /?q=}) runs a query, {@code GET /ping} answers health checks without a secret, and
 * the {@link ControlEndpoint} changes faults and the clock (admin secret only). Faults apply to queries only.
 */
final class HttpFront implements AutoCloseable {
  private static final String CONTACT_SUPPORT = "Please create a ticket at https://support.fauna.com";
  private static final Set<String> PING_SCOPES = Set.of("all", "write", "read");

  private final QueryEngine engine;
  private final FaultPlan faults;
  private final FaunaClock clock;
  private final ControlEndpoint control;
  private final ServerSocket socket;
  private final ExecutorService connections = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "local-fauna-connection");
    t.setDaemon(true);
    return t;
  });
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  HttpFront(QueryEngine engine, FaultPlan faults, FaunaClock clock, int port) throws IOException {
    this.engine = engine;
    this.faults = faults;
    this.clock = clock;
    this.control = new ControlEndpoint(faults, clock);
    this.socket = new ServerSocket(port, 128, InetAddress.getLoopbackAddress());
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
        register(client);
      } catch (IOException e) {
        if (!closed) {
          System.err.println("local fauna: accept failed: " + e);
        }
      }
    }
  }

  /** Serves a new connection, or closes it if the server closed meanwhile (a blocked accept can still succeed). */
  private void register(Socket client) throws IOException {
    synchronized (open) {
      if (closed) {
        client.close();
        return;
      }
      open.add(client);
      connections.execute(() -> serve(client));
    }
  }

  private void serve(Socket client) {
    try (client; InputStream in = new BufferedInputStream(client.getInputStream(), 65536);
         OutputStream out = client.getOutputStream()) {
      while (!closed) {
        WireRequest request = read(in, out);
        WireResponse response = request == null ? null : answer(request);
        if (response == null) {
          return; // closed by the client, unreadable, or a dropped-connection fault: close without answering
        }
        response.header("x-faunadb-build", "local").writeTo(out, request.method().equals("HEAD"));
      }
    } catch (SocketException e) {
      // the client went away, or the server closed
    } catch (IOException e) {
      if (!closed) {
        System.err.println("local fauna: connection failed: " + e);
      }
    } finally {
      open.remove(client);
    }
  }

  /** The next request; null at the end of the connection, or after answering one the server cannot read. */
  private static WireRequest read(InputStream in, OutputStream out) throws IOException {
    try {
      return WireRequest.read(in);
    } catch (WireRequest.Malformed e) {
      // what the real server's netty layer answers before closing
      new WireResponse(400, "{\"error\":\"bad request\"}".getBytes(StandardCharsets.UTF_8))
          .header("Connection", "close").writeTo(out);
      return null;
    }
  }

  /** The response to one request, or null to close the connection without answering. */
  private WireResponse answer(WireRequest request) {
    long lastSeen;
    try {
      lastSeen = RequestHeaders.check(request);
    } catch (RequestHeaders.Invalid e) {
      return WireResponse.error(400, "bad request", e.getMessage());
    }
    if (request.path().equals("/ping")) {
      return withMetrics(request.method().equals("GET") || request.method().equals("HEAD") ? ping(request)
          : WireResponse.error(405, "method not allowed", "Allowed methods are GET.").header("Allow", "GET"),
          0, 0, 0, 0);
    }
    if (!request.path().equals("/") && !ControlEndpoint.handles(request.path())) {
      return withMetrics(WireResponse.error(404, "not found", "Not Found"), 0, 0, 0, 0);
    }
    String secret = AuthorizationHeader.secretOf(request.header("authorization"));
    Access access = engine.authenticate(secret);
    if (access == null) {
      return withTxnTime(WireResponse.error(401, "unauthorized", "Unauthorized")
          .header("WWW-Authenticate", "Basic realm=\"Unauthorized\""));
    }
    if (ControlEndpoint.handles(request.path())) {
      return withTxnTime(engine.isAdminSecret(secret) ? control.handle(request)
          : WireResponse.error(403, "permission denied", "Insufficient privileges to perform the action."));
    }
    if (!request.method().equals("POST") && !request.method().equals("GET")) {
      return withMetrics(WireResponse.error(405, "method not allowed", "Allowed methods are GET, POST.")
          .header("Allow", "GET, POST"), 0, 0, 0, 0);
    }
    return query(request, access, lastSeen);
  }

  private WireResponse query(WireRequest request, Access access, long lastSeen) {
    FaultPlan.Fault fault = faults.next();
    if (fault != null && fault.kind() == FaultPlan.Kind.DROP_CONNECTION) {
      return null;
    }
    if (fault != null && fault.kind() == FaultPlan.Kind.DELAY) {
      sleep(fault.delay());
    }
    boolean get = request.method().equals("GET");
    byte[] body = get ? queryParam(request) : request.body();
    if (fault != null && fault.kind() == FaultPlan.Kind.STATUS) {
      return withMetrics(faultResponse(fault.status()), 0, body.length, 0, 0);
    }
    long start = System.nanoTime();
    QueryEngine.Answer answer = engine.run(body, access, lastSeen, get);
    long millis = (System.nanoTime() - start) / 1_000_000;
    return withMetrics(new WireResponse(answer.status(), answer.body()), millis, body.length, answer.reads(),
        answer.writes()).header("x-txn-time", Long.toString(answer.txnTime()));
  }

  /** {@code GET /ping?scope=all|write|read|...}: any other scope is the single node's. */
  private static WireResponse ping(WireRequest request) {
    String scope = request.params().getOrDefault("scope", "write");
    String name = PING_SCOPES.contains(scope) ? scope
        : scope.equals("global") ? "write" : scope.equals("local") ? "read" : "node";
    return WireResponse.resource("\"Scope " + name + " is OK\"");
  }

  /** What the real server answers when a request is refused before it runs ({@code ExceptionResponseHelpers}). */
  private static WireResponse faultResponse(int status) {
    return switch (status) {
      case 429 -> WireResponse.error(429, "too many requests", "Too many pending requests");
      case 503 -> WireResponse.error(503, "time out", "Read timed out");
      case 409 -> WireResponse.error(409, "contended transaction",
          "Transaction was aborted due to detection of concurrent modification.");
      default -> WireResponse.error(500, "internal server error",
          "java.lang.IllegalStateException: fault injected by the local Fauna fault plan " + CONTACT_SUPPORT);
    };
  }

  private WireResponse withTxnTime(WireResponse response) {
    if (!response.headers().containsKey("x-txn-time")) {
      response.header("x-txn-time", Long.toString(clock.now()));
    }
    return response;
  }

  /** {@code x-txn-time} always; the metric headers on every answer but 401 and 500, as {@code TMPEndpoint}. */
  private WireResponse withMetrics(WireResponse response, long queryMillis, int bytesIn, int reads, int writes) {
    if (response.status() != 401 && response.status() != 500) {
      response.header("x-compute-ops", "1")
          .header("x-read-ops", Integer.toString(reads))
          .header("x-byte-read-ops", Integer.toString(reads))
          .header("x-write-ops", Integer.toString(writes))
          .header("x-byte-write-ops", Integer.toString(writes))
          .header("x-query-time", Long.toString(queryMillis))
          .header("x-query-bytes-in", Integer.toString(bytesIn))
          .header("x-query-bytes-out", Integer.toString(response.body().length))
          .header("x-storage-bytes-read", "0")
          .header("x-storage-bytes-write", "0")
          .header("x-txn-retries", "0");
    }
    return withTxnTime(response);
  }

  private static byte[] queryParam(WireRequest request) {
    String q = request.params().get("q");
    return q == null ? new byte[0] : q.getBytes(StandardCharsets.UTF_8);
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
    synchronized (open) {
      closed = true;
      for (Socket client : open) {
        client.close(); // unblocks its reader: blocking socket reads ignore interrupts
      }
      connections.shutdownNow();
    }
    socket.close();
  }
}
