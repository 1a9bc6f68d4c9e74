package org.dialbridge.servlet.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Every record Dialbridge logs while open, at every level: Dialbridge logs through {@code
 * System.Logger}, which reaches {@code java.util.logging} when no other backend is installed (as in
 * these tests), under loggers named after its classes, all below {@code org.dialbridge}.
 */
public final class LogCapture implements AutoCloseable {
  private static final SimpleFormatter FORMAT = new SimpleFormatter();

  // held strongly: java.util.logging forgets a logger nobody references, and its level with it
  private final Logger logger = Logger.getLogger("org.dialbridge");
  private final Level previousLevel;
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          records.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private LogCapture() {
    previousLevel = logger.getLevel();
    handler.setLevel(Level.ALL);
    logger.setLevel(Level.ALL);
    logger.addHandler(handler);
  }

  public static LogCapture start() {
    return new LogCapture();
  }

  public List<LogRecord> records() {
    return List.copyOf(records);
  }

  /** The messages logged at exactly {@code level}, formatted, oldest first. */
  public List<String> messages(Level level) {
    return records.stream()
        .filter(r -> r.getLevel().equals(level))
        .map(FORMAT::formatMessage)
        .toList();
  }

  /** Everything logged: each message with the stack trace of its exception, if any. */
  public String everything() {
    StringBuilder out = new StringBuilder();
    for (LogRecord r : records) {
      out.append(r.getLevel())
          .append(' ')
          .append(r.getLoggerName())
          .append(": ")
          .append(FORMAT.formatMessage(r))
          .append('\n');
      if (r.getThrown() != null) {
        StringWriter trace = new StringWriter();
        r.getThrown().printStackTrace(new PrintWriter(trace));
        out.append(trace).append('\n');
      }
    }
    return out.toString();
  }

  @Override
  public void close() {
    logger.removeHandler(handler);
    logger.setLevel(previousLevel);
  }
}
