package dev.faunaconnect.quickstart;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.provider.EnvVarConfigProvider;

/**
 * Kafka's {@code env} config provider, as the README's workers configure it ({@code config.providers=env}), over this
 * process's environment plus {@code FAUNA_SECRET}: the quickstart creates the connector's key only after the JVM has
 * started, and a running JVM cannot change its own environment. So the connector configuration holds
 * {@code ${env:FAUNA_SECRET}}, never the secret, exactly as on a real worker.
 */
public final class QuickstartEnv extends EnvVarConfigProvider {
  static final String SECRET_VARIABLE = "FAUNA_SECRET";
  private static volatile String secret;

  public QuickstartEnv() {
    super(environment());
  }

  /** Sets the value of {@code FAUNA_SECRET} for providers made from now on. */
  static void secret(String value) {
    secret = value;
  }

  /** The worker settings that install this provider under the name {@code env}. */
  static Map<String, String> workerProps() {
    return Map.of("config.providers", "env", "config.providers.env.class", QuickstartEnv.class.getName());
  }

  private static Map<String, String> environment() {
    Map<String, String> env = new HashMap<>(System.getenv());
    if (secret != null) {
      env.put(SECRET_VARIABLE, secret);
    }
    return env;
  }
}
