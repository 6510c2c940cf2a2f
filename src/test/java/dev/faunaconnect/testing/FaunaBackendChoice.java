package dev.faunaconnect.testing;

import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Which Fauna server the integration tests talk to, from the system properties {@code fauna.backend} ({@code local},
 * the default, or {@code container}) and {@code fauna.image} (the Docker image of the container; only with
 * {@code container}). Empty values count as unset, so the pom can forward them unconditionally.
 */
public record FaunaBackendChoice(Kind kind, String image) {
  public static final String BACKEND_PROPERTY = "fauna.backend";
  public static final String IMAGE_PROPERTY = "fauna.image";
  /**
   * The image the container mode was written for: a Fauna v4 dev image (port 8443, root secret {@code secret}), the
   * newest tag this project found in use. It has never been pulled on this project's machines (no Docker there).
   */
  public static final String DEFAULT_IMAGE = "fauna/faunadb:4.27.0";

  /** The local Fauna server of the test sources, or the real server in a Docker container. */
  public enum Kind { LOCAL, CONTAINER }

  public FaunaBackendChoice {
    if (kind == Kind.LOCAL && image != null) {
      throw new IllegalArgumentException("-D" + IMAGE_PROPERTY + " applies only with -D" + BACKEND_PROPERTY
          + "=container");
    }
  }

  /** The choice the JVM's system properties make. */
  public static FaunaBackendChoice fromSystemProperties() {
    return from(System::getProperty);
  }

  /** The choice the given properties make; {@code property} answers null for an unset one. */
  public static FaunaBackendChoice from(UnaryOperator<String> property) {
    String backend = blankToNull(property.apply(BACKEND_PROPERTY));
    String image = blankToNull(property.apply(IMAGE_PROPERTY));
    Kind kind = backend == null ? Kind.LOCAL : kind(backend);
    if (kind == Kind.CONTAINER && image == null) {
      image = DEFAULT_IMAGE;
    }
    return new FaunaBackendChoice(kind, image);
  }

  public boolean isLocal() {
    return kind == Kind.LOCAL;
  }

  /** One line for logs: {@code the local Fauna server} or {@code the real Fauna server (fauna/faunadb:...)}. */
  public String describe() {
    return isLocal() ? "the local Fauna server" : "the real Fauna server in a container (" + image + ")";
  }

  private static Kind kind(String backend) {
    try {
      return Kind.valueOf(backend.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("-D" + BACKEND_PROPERTY + "=" + backend + " is not a Fauna backend: use "
          + "local (the default, the project's local Fauna server) or container (fauna/faunadb in Docker)");
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
