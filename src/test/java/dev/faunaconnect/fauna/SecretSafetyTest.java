package dev.faunaconnect.fauna;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.faunadb.client.query.Language;
import java.time.Duration;
import dev.faunaconnect.config.Redaction;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;

/** A secret Java's HTTP client would refuse never reaches it, and its refusal is never passed on. */
class SecretSafetyTest {
  private static final String DASHED = "fnAE\u2013the-secret-itself";

  @Test
  void aClientIsNeverBuiltWithASecretThatCannotBeSent() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> FaunaClients.create("http://127.0.0.1:1", new Password(DASHED), Duration.ofSeconds(1)));
    assertFalse(e.getMessage().contains("the-secret-itself"), e.getMessage());
  }

  @Test
  void theHttpClientsRefusalOfAHeaderIsClassifiedWithoutItsText() {
    IllegalArgumentException refusal = new IllegalArgumentException("invalid header value: \"Bearer " + DASHED + "\"");
    FaunaQueryException e = FaunaErrors.classify(refusal, new FaunaQuery(Language.Now(), "Now()", java.util.List.of(), null,
        null), Redaction.of(DASHED));
    assertEquals("Java's HTTP client refused a request header of Now(): fauna.secret holds a character that cannot "
        + "be sent; copy the secret again.", e.getMessage());
    assertNull(e.getCause(), "the refusal, which quotes the secret, is not kept as the cause");
  }
}
