package dev.faunaconnect.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Disables a {@link UsesFaunaBackend} class when its backend is the container and Docker is not there. */
public final class FaunaBackendCondition implements ExecutionCondition {
  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    FaunaBackendChoice choice = FaunaBackendChoice.fromSystemProperties();
    if (choice.isLocal()) {
      return ConditionEvaluationResult.enabled("the local Fauna server needs nothing");
    }
    return FaunaContainer.dockerAvailable(choice)
        ? ConditionEvaluationResult.enabled("Docker is here")
        : ConditionEvaluationResult.disabled(FaunaContainer.noDockerMessage(choice));
  }
}
