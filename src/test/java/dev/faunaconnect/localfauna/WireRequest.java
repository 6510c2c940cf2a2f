package dev.faunaconnect.localfauna;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 request as read from a connection: method, path, query parameters, headers (names in lower case)
 * and the body, whether sent with a Content-Length or chunked.
 */
record WireRequest(String method, String path, Map<String, String> params, Map<String, String> headers,
                   byte[] body) {

  /** A request line or header the server cannot read; the connection is answered 400 and closed. */
  static final class Malformed extends IOException {
    Malformed(String message) {
      super(message);
    }
  }

  String header(String lowerCaseName) {
    return headers.get(lowerCaseName);
  }

  /** Reads the next request; null when the client closed the connection between requests. */
  static WireRequest read(InputStream in) throws IOException {
    String line = readLine(in);
    while (line != null && line.isEmpty()) {
      line = readLine(in);
    }
    if (line == null) {
      return null;
    }
    String[] parts = line.split(" ");
    if (parts.length != 3 || !parts[2].startsWith("HTTP/")) {
      throw new Malformed("bad request line: " + line);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (String h = readLine(in); h != null && !h.isEmpty(); h = readLine(in)) {
      int colon = h.indexOf(':');
      if (colon <= 0) {
        throw new Malformed("bad header: " + h);
      }
      headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
    }
    String target = parts[1];
    int question = target.indexOf('?');
    String path = question < 0 ? target : target.substring(0, question);
    Map<String, String> params = question < 0 ? Map.of() : params(target.substring(question + 1));
    return new WireRequest(parts[0], path, params, headers, body(in, headers));
  }

  private static Map<String, String> params(String query) {
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      params.putIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return params;
  }

  private static byte[] body(InputStream in, Map<String, String> headers) throws IOException {
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (int size = chunkSize(in); size > 0; size = chunkSize(in)) {
        out.write(readExactly(in, size));
        readLine(in);
      }
      for (String trailer = readLine(in); trailer != null && !trailer.isEmpty(); trailer = readLine(in)) {
        // trailers are ignored
      }
      return out.toByteArray();
    }
    String length = headers.get("content-length");
    if (length == null) {
      return new byte[0];
    }
    try {
      return readExactly(in, Integer.parseInt(length));
    } catch (NumberFormatException e) {
      throw new Malformed("bad content-length: " + length);
    }
  }

  private static byte[] readExactly(InputStream in, int size) throws IOException {
    byte[] bytes = in.readNBytes(size);
    if (bytes.length != size) {
      throw new IOException("connection closed in the middle of a request body");
    }
    return bytes;
  }

  private static int chunkSize(InputStream in) throws IOException {
    String line = readLine(in);
    if (line == null) {
      throw new IOException("connection closed in the middle of a chunked body");
    }
    int semi = line.indexOf(';');
    try {
      return Integer.parseInt((semi < 0 ? line : line.substring(0, semi)).trim(), 16);
    } catch (NumberFormatException e) {
      throw new Malformed("bad chunk size: " + line);
    }
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
