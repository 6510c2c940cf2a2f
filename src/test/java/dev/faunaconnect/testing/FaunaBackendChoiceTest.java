package dev.faunaconnect.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.faunaconnect.testing.FaunaBackendChoice.Kind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.opentest4j.TestAbortedException;
import org.testcontainers.DockerClientFactory;

/** How the integration tests pick their Fauna: the system properties, the {@link LocalFaunaOnly} skip, no Docker. */
class FaunaBackendChoiceTest {
  private static FaunaBackendChoice choice(Map<String, String> properties) {
    return FaunaBackendChoice.from(properties::get);
  }

  @Test
  void theLocalServerByDefaultAndWhenPropertiesAreBlank() {
    assertEquals(new FaunaBackendChoice(Kind.LOCAL, null), choice(Map.of()));
    assertEquals(new FaunaBackendChoice(Kind.LOCAL, null), choice(Map.of("fauna.backend", "", "fauna.image", " ")));
    assertEquals(new FaunaBackendChoice(Kind.LOCAL, null), choice(Map.of("fauna.backend", "Local")));
  }

  @Test
  void theContainerWithTheDefaultOrTheGivenImage() {
    assertEquals(new FaunaBackendChoice(Kind.CONTAINER, "fauna/faunadb:4.27.0"),
        choice(Map.of("fauna.backend", "container")));
    assertEquals(new FaunaBackendChoice(Kind.CONTAINER, "registry.example/fauna/faunadb:4.15.0"),
        choice(Map.of("fauna.backend", " CONTAINER ", "fauna.image", "registry.example/fauna/faunadb:4.15.0")));
  }

  @Test
  void anUnknownBackendOrAnImageWithoutTheContainerIsRefusedSayingWhatToWrite() {
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> choice(Map.of("fauna.backend", "docker")));
    assertEquals("-Dfauna.backend=docker is not a Fauna backend: use local (the default, the project's local Fauna "
        + "server) or container (fauna/faunadb in Docker)", unknown.getMessage());
    IllegalArgumentException image = assertThrows(IllegalArgumentException.class,
        () -> choice(Map.of("fauna.image", "fauna/faunadb:4.15.0")));
    assertEquals("-Dfauna.image applies only with -Dfauna.backend=container", image.getMessage());
  }

  @Test
  void localOnlyTestsRunOnTheLocalServerAndAreSkippedOnTheRealOneWithTheReason() {
    ConditionEvaluationResult local = LocalFaunaOnlyCondition.evaluate(choice(Map.of()), "slowSnapshot()",
        "slows every answer");
    assertFalse(local.isDisabled());
    ConditionEvaluationResult real = LocalFaunaOnlyCondition.evaluate(choice(Map.of("fauna.backend", "container")),
        "slowSnapshot()", "slows every answer");
    assertTrue(real.isDisabled());
    assertEquals("Skipped on the real Fauna server in a container (fauna/faunadb:4.27.0): slowSnapshot() needs the "
        + "local Fauna server (slows every answer)", real.getReason().orElseThrow());
  }

  @Test
  void theDefaultBackendIsAFreshLocalServerThatAnswersItsAdminSecret() throws Exception {
    try (FaunaBackend backend = FaunaBackend.open()) {
      assertTrue(backend.local().isPresent());
      HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
          backend.endpoint() + "/")).header("Authorization", "Bearer " + backend.adminSecret())
          .POST(HttpRequest.BodyPublishers.ofString("{\"paginate\":{\"collections\":null}}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, answer.statusCode(), answer.body());
      assertEquals("{\"resource\":{\"data\":[]}}", answer.body());
    }
  }

  @Test
  void withoutDockerTheContainerModeSkipsTheClassSayingWhy() {
    assumeFalse(DockerClientFactory.instance().isDockerAvailable(), "Docker is here: this checks its absence");
    FaunaBackendChoice container = choice(Map.of("fauna.backend", "container"));
    TestAbortedException skipped = assertThrows(TestAbortedException.class, () -> FaunaContainer.shared(container));
    assertEquals("-Dfauna.backend=container asks for the real Fauna server in a container "
        + "(fauna/faunadb:4.27.0), but no Docker engine is reachable: the integration tests that need Fauna are "
        + "skipped.", skipped.getMessage());
  }
}
