package dev.faunaconnect.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test that drives the local Fauna server's clock or fault plan, which the real server does not have: it
 * runs on the local server and is skipped, with {@link #value()} as the reason, when the tests run against the real
 * server ({@code -Dfauna.backend=container}).
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(LocalFaunaOnlyCondition.class)
public @interface LocalFaunaOnly {
  /** What the test needs of the local server, e.g. "advances the clock past the next full sync". */
  String value();
}
