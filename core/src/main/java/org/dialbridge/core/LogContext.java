package org.dialbridge.core;

/**
 * Dialbridge's call id and provider in the host's logging context while a call's request, webhook,
 * event or reconciliation is handled: SLF4J's MDC keys {@value #CALL_ID} and {@value #PROVIDER},
 * where the webapp logs through SLF4J (Logback, Log4j 2, or {@code System.Logger} bridged to it);
 * nothing otherwise. Closing restores what the thread had before, so contexts nest.
 */
final class LogContext implements AutoCloseable {
  static final String CALL_ID = "dialbridge.callId";
  static final String PROVIDER = "dialbridge.provider";

  private static final boolean SLF4J = present();
  private static final LogContext NONE = new LogContext(null, null);

  private final String previousCall;
  private final String previousProvider;

  private LogContext(String previousCall, String previousProvider) {
    this.previousCall = previousCall;
    this.previousProvider = previousProvider;
  }

  /** Puts {@code provider} and {@code callId} (either may be null: left as it was) in the MDC. */
  static LogContext of(String provider, String callId) {
    if (!SLF4J) return NONE;
    LogContext context = new LogContext(Mdc.get(CALL_ID), Mdc.get(PROVIDER));
    if (provider != null) Mdc.put(PROVIDER, provider);
    if (callId != null) Mdc.put(CALL_ID, callId);
    return context;
  }

  /** The provider is known now (the call was read): it joins the context. */
  void provider(String provider) {
    if (SLF4J && this != NONE && provider != null) Mdc.put(PROVIDER, provider);
  }

  /** The call is known now (a call just recorded): its id joins the context. */
  void call(String callId) {
    if (SLF4J && this != NONE && callId != null) Mdc.put(CALL_ID, callId);
  }

  @Override
  public void close() {
    if (!SLF4J || this == NONE) return;
    Mdc.restore(CALL_ID, previousCall);
    Mdc.restore(PROVIDER, previousProvider);
  }

  private static boolean present() {
    try {
      Class.forName("org.slf4j.MDC", false, LogContext.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** SLF4J's MDC, touched only when SLF4J is there. */
  private static final class Mdc {
    static String get(String key) {
      return org.slf4j.MDC.get(key);
    }

    static void put(String key, String value) {
      org.slf4j.MDC.put(key, value);
    }

    static void restore(String key, String value) {
      if (value == null) org.slf4j.MDC.remove(key);
      else org.slf4j.MDC.put(key, value);
    }
  }
}
