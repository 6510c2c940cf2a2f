package dev.faunaconnect.localfauna;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The secret a request carries in its {@code Authorization} header. */
final class AuthorizationHeader {
  private AuthorizationHeader() {}

  /**
   * The secret of an {@code Authorization} header as the real server reads it ({@code AuthType.fromHeaders}):
   * {@code Bearer <secret>}, or {@code Basic <standard base64 of "secret:">} where one trailing colon is dropped
   * (before and after decoding). Scheme names are case-sensitive; anything else is no secret.
   */
  static String secretOf(String authorization) {
    String[] parts = authorization == null ? new String[0] : authorization.split("\\s+", 2);
    if (parts.length != 2) {
      return null;
    }
    if (parts[0].equals("Bearer")) {
      return parts[1];
    }
    if (!parts[0].equals("Basic")) {
      return null;
    }
    try {
      return withoutColon(new String(Base64.getDecoder().decode(withoutColon(parts[1])), StandardCharsets.UTF_8)
          .trim());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String withoutColon(String s) {
    return s.endsWith(":") ? s.substring(0, s.length() - 1) : s;
  }
}
