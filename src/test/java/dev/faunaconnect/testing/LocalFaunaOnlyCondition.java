package dev.faunaconnect.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** Skips a {@link LocalFaunaOnly} test on the real server, printing why. */
public final class LocalFaunaOnlyCondition implements ExecutionCondition {
  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    return context.getElement()
        .flatMap(element -> AnnotationSupport.findAnnotation(element, LocalFaunaOnly.class))
        .map(only -> evaluate(FaunaBackendChoice.fromSystemProperties(), context.getDisplayName(), only.value()))
        .orElse(ConditionEvaluationResult.enabled("no @LocalFaunaOnly"));
  }

  /** Enabled on the local server; on the real one disabled, with the reason printed in one line. */
  static ConditionEvaluationResult evaluate(FaunaBackendChoice choice, String test, String needs) {
    if (choice.isLocal()) {
      return ConditionEvaluationResult.enabled("runs on the local Fauna server");
    }
    String reason = "Skipped on " + choice.describe() + ": " + test + " needs the local Fauna server (" + needs + ")";
    System.out.println(reason);
    return ConditionEvaluationResult.disabled(reason);
  }
}
