package dev.faunaconnect.validation;

import dev.faunaconnect.fauna.SetupFql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faunaconnect.localfauna.LocalFauna;
import dev.faunaconnect.testing.LogCapture;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.junit.jupiter.api.Test;

/**
 * The secret is hidden where it occurs as a secret (a value, a library's or Fauna's text), never by rewriting the
 * connector's own words: a secret that is an ordinary word ({@code secret}, {@code fauna}, {@code key}) leaves the
 * messages and the log readable.
 */
class RedactionWordsTest {
  @Test
  void anAdminKeyWhoseSecretIsAWordIsWarnedAboutInTheConnectorsOwnWords() {
    for (String secret : List.of("secret", "fauna", "key", "admin")) {
      try (LocalFauna fauna = LocalFauna.builder().secret(secret).start();
          LogCapture log = LogCapture.open()) {
        fauna.query("{\"create_collection\":{\"object\":{\"name\":\"customers\"}}}");
        Config config = new ConnectorValidator().validate(Map.of("fauna.endpoint", fauna.endpoint(), "fauna.secret",
            secret, "collections", "customers", "deletes.mode", "ignore"));
        assertEquals(Map.of(), BadInputTest.errors(config), secret);
        assertTrue(log.text().contains("fauna.secret is an admin key (it may list Keys()): it may create and delete "
            + "keys and databases"), "with the secret '" + secret + "' the log says: " + log.text());
      }
    }
  }

  @Test
  void aRejectedSecretThatIsAWordIsReportedInTheConnectorsOwnWords() {
    for (String secret : List.of("secret", "fauna", "key", "the")) {
      try (LocalFauna fauna = LocalFauna.builder().secret("fnRealAdminSecret0123456789").start()) {
        Config config = new ConnectorValidator().validate(Map.of("fauna.endpoint", fauna.endpoint(), "fauna.secret",
            secret, "collections", "customers"));
        assertEquals(List.of("Fauna rejected the secret (401 Unauthorized): it does not belong to a live key of this "
            + "database. Create a key with " + SetupFql.createKey() + " and use the secret it returns (it is shown "
            + "only once)."), BadInputTest.errors(config).get("fauna.secret"), secret);
      }
    }
  }
}
