package dev.faunaconnect.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that talks to the chosen {@link FaunaBackend}: with {@code -Dfauna.backend=container} and no
 * Docker engine, each of its tests is reported skipped, and one line says why. (A class without it is still skipped
 * in that case, by an assumption when it opens the backend, but then counts no tests.)
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(FaunaBackendCondition.class)
public @interface UsesFaunaBackend {}
