package dev.faunaconnect.localfauna;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** One HTTP/1.1 response: status, headers and a JSON body with its Content-Length (the server never chunks). */
record WireResponse(int status, byte[] body, Map<String, String> headers) {
  private static final JsonFactory JSON = new JsonFactory();

  WireResponse(int status, byte[] body) {
    this(status, body, new LinkedHashMap<>());
  }

  /** {@code {"errors":[{"code":..,"description":..}]}}: the protocol errors, which carry no position. */
  static WireResponse error(int status, String code, String description) {
    ByteArrayBuilder out = new ByteArrayBuilder();
    try (JsonGenerator gen = JSON.createGenerator(out)) {
      gen.writeStartObject();
      gen.writeArrayFieldStart("errors");
      gen.writeStartObject();
      gen.writeStringField("code", code);
      gen.writeStringField("description", description);
      gen.writeEndObject();
      gen.writeEndArray();
      gen.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new WireResponse(status, out.toByteArray());
  }

  /** {@code {"resource":<json>}}. */
  static WireResponse resource(String json) {
    return new WireResponse(200, ("{\"resource\":" + json + "}").getBytes(StandardCharsets.UTF_8));
  }

  WireResponse header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  void writeTo(OutputStream out) throws IOException {
    writeTo(out, false);
  }

  /** Writes the response; the answer to a HEAD request has the headers of the GET answer and no body. */
  void writeTo(OutputStream out, boolean headOnly) throws IOException {
    StringBuilder head = new StringBuilder(512);
    head.append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
    head.append("Content-Type: application/json;charset=utf-8\r\n");
    head.append("Content-Length: ").append(body.length).append("\r\n");
    headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
    head.append("\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    if (!headOnly) {
      out.write(body);
    }
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
}
