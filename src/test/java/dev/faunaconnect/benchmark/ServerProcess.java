package dev.faunaconnect.benchmark;

import dev.faunaconnect.localfauna.LocalFaunaMain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * The local Fauna server in its own JVM ({@link LocalFaunaMain} on 127.0.0.1 and a free port), so that the
 * benchmark's client JVM measures only the client.
 */
final class ServerProcess implements AutoCloseable {
  private final ChildJvm jvm;
  private final String endpoint;
  private final String secret;

  private ServerProcess(ChildJvm jvm, String endpoint, String secret) {
    this.jvm = jvm;
    this.endpoint = endpoint;
    this.secret = secret;
  }

  static ServerProcess start(String heap) throws IOException {
    int port = freePort();
    String secret = "bench-" + UUID.randomUUID();
    ChildJvm jvm = ChildJvm.start(List.of("-Xmx" + heap, "-Dport=" + port, "-Dsecret=" + secret),
        LocalFaunaMain.class.getName(), false);
    BufferedReader out = new BufferedReader(new InputStreamReader(jvm.process().getInputStream(),
        StandardCharsets.UTF_8));
    String ready = out.readLine();
    String expected = "Local Fauna listening on http://127.0.0.1:" + port;
    if (!expected.equals(ready)) {
      jvm.close();
      throw new IllegalStateException("the local Fauna server did not start: " + ready);
    }
    return new ServerProcess(jvm, "http://127.0.0.1:" + port, secret);
  }

  String endpoint() {
    return endpoint;
  }

  String secret() {
    return secret;
  }

  long pid() {
    return jvm.pid();
  }

  @Override
  public void close() {
    jvm.close();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
