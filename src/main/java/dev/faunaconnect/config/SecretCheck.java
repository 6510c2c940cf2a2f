package dev.faunaconnect.config;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What is wrong with a secret before it is sent, in words that never contain it: an unresolved config-provider
 * placeholder, or a character no Fauna secret has. Fauna secrets are printable ASCII ({@code fnAE...}, scoped
 * {@code secret:db:role}); anything else (a pasted en dash, a space, a line break) is a copy-and-paste accident that
 * Java's HTTP client would refuse as a header value, quoting the header, and so the secret, in its exception.
 */
public final class SecretCheck {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]*)(:[^}]*)?}");

  private SecretCheck() {}

  /** Whether the value is a config-provider placeholder such as {@code ${env:FAUNA_SECRET}}, not a secret. */
  public static boolean isPlaceholder(String value) {
    return value != null && PLACEHOLDER.matcher(value.trim()).matches();
  }

  /** The problem with the secret, or empty when it can be sent. */
  public static Optional<String> problem(String secret) {
    if (secret == null || secret.isBlank()) {
      return Optional.of("fauna.secret must not be empty: use the secret of a Fauna key (CreateKey returns it once).");
    }
    Matcher placeholder = PLACEHOLDER.matcher(secret);
    if (placeholder.find()) {
      return Optional.of(unresolved(placeholder.group(), placeholder.group(1), placeholder.group(2)));
    }
    for (int i = 0; i < secret.length(); i = secret.offsetByCodePoints(i, 1)) {
      int c = secret.codePointAt(i);
      if (c < 0x21 || c > 0x7e) {
        return Optional.of("fauna.secret has " + describe(c) + " at character " + (secret.codePointCount(0, i) + 1)
            + " of " + secret.codePointCount(0, secret.length()) + ", which no Fauna secret has (secrets are printable "
            + "ASCII, e.g. fnAE...). It was probably changed on copy and paste (word processors turn '-' into an en "
            + "dash): copy the secret again from where CreateKey showed it, or create a new key.");
      }
    }
    return Optional.empty();
  }

  /**
   * Why the worker left the placeholder: a worker resolves {@code ${env:X}} when it has the {@code env} provider and
   * its environment has X (the connector runs in the worker's JVM, so it sees the same environment). Without X, the
   * variable is what is missing, whatever the provider; with X, the provider is.
   */
  private static String unresolved(String placeholder, String provider, String path) {
    String start = "fauna.secret is the config-provider placeholder " + placeholder + ", which the worker did not "
        + "resolve: ";
    if ("env".equals(provider) && path != null && System.getenv(path.substring(1)) == null) {
      String variable = path.substring(1);
      return start + "its environment has no variable " + variable + ". Set " + variable + " in the environment of "
          + "every worker and restart them (the worker also needs config.providers=env and "
          + "config.providers.env.class=org.apache.kafka.common.config.provider.EnvVarConfigProvider).";
    }
    String example = "env".equals(provider)
        ? "config.providers=env and config.providers.env.class="
            + "org.apache.kafka.common.config.provider.EnvVarConfigProvider"
        : "config.providers=" + provider + " and config.providers." + provider + ".class=<its ConfigProvider class>";
    return start + "its configuration lacks the provider '" + provider + "'" + ("env".equals(provider)
        ? " (the worker's environment has the variable)" : "") + ". Add " + example + " to the configuration of "
        + "every worker and restart them" + ("env".equals(provider) ? " (or, if it has them, check that its "
        + "allowlist.pattern admits the variable)." : ".");
  }

  private static String describe(int c) {
    String name = Character.getName(c);
    String code = String.format("U+%04X", c);
    return c == ' ' ? "a space (U+0020)" : name == null ? "the character " + code : "the character " + code + " ("
        + name + ")";
  }
}
