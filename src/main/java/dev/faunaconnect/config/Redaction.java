package dev.faunaconnect.config;

/**
 * Hides a secret in text the connector did not write: a library's or Fauna's message, a value a user gave. It is
 * never applied to the connector's own words, which hold no secret: a secret that is an ordinary word (say
 * {@code secret}) would otherwise rewrite them ({@code fauna.secret} into {@code fauna.[hidden]}).
 */
public final class Redaction {
  public static final String HIDDEN = "[hidden]";
  public static final Redaction NONE = new Redaction(null);
  private final String secret;

  private Redaction(String secret) {
    this.secret = secret;
  }

  /** Hides {@code secret}; nothing when it is empty or a config-provider placeholder (which is not the secret). */
  public static Redaction of(String secret) {
    return secret == null || secret.isBlank() || SecretCheck.isPlaceholder(secret) ? NONE : new Redaction(secret);
  }

  /** The foreign text with every occurrence of the secret hidden. */
  public String in(String foreign) {
    return secret == null || foreign == null ? foreign : foreign.replace(secret, HIDDEN);
  }
}
