package dev.faunaconnect.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Every log event of this JVM at every level, TRACE included, while open: for tests that a secret is never logged.
 * Closing it restores the levels and removes the appender.
 */
public final class LogCapture extends AbstractAppender implements AutoCloseable {
  private final List<String> lines = new ArrayList<>();
  private final Map<LoggerConfig, Level> levels = new HashMap<>();
  private final LoggerContext context;

  private LogCapture() {
    super("capture", null, null, true, Property.EMPTY_ARRAY);
    context = (LoggerContext) LogManager.getContext(false);
  }

  public static LogCapture open() {
    LogCapture capture = new LogCapture();
    capture.attach();
    return capture;
  }

  private void attach() {
    start();
    Configuration config = context.getConfiguration();
    List<LoggerConfig> loggers = new ArrayList<>(config.getLoggers().values());
    loggers.add(config.getRootLogger());
    for (LoggerConfig logger : loggers) {
      levels.put(logger, logger.getLevel());
      logger.setLevel(Level.ALL);
      logger.addAppender(this, Level.ALL, null);
    }
    context.updateLoggers();
  }

  @Override
  public synchronized void append(LogEvent event) {
    StringBuilder line = new StringBuilder(event.getLevel() + " " + event.getLoggerName() + " "
        + event.getMessage().getFormattedMessage());
    for (Throwable t = event.getThrown(); t != null; t = t.getCause()) {
      line.append(" | ").append(t);
    }
    lines.add(line.toString());
  }

  /** Every line logged so far, with the messages of thrown exceptions and their causes. */
  public synchronized List<String> lines() {
    return List.copyOf(lines);
  }

  public synchronized String text() {
    return String.join("\n", lines);
  }

  @Override
  public void close() {
    levels.forEach((logger, level) -> {
      logger.removeAppender(getName());
      logger.setLevel(level);
    });
    context.updateLoggers();
    stop();
  }
}
