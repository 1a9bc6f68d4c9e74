package org.dialbridge.servlet.testing;

import java.time.Duration;

/**
 * Waits for a running Dialbridge's webhook inbox to be applied: a webhook's 204 means its events
 * are stored, and the calls move a moment later. By reflection, since a container may have loaded
 * Dialbridge through the webapp's class loader.
 */
public final class Inboxes {
  private Inboxes() {}

  /**
   * @param dialbridge the context attribute {@code org.dialbridge.core.Dialbridge}
   * @throws AssertionError when events still wait after 10 s
   */
  public static void awaitApplied(Object dialbridge) {
    if (dialbridge == null) throw new AssertionError("Dialbridge is not running in this host");
    try {
      Object done =
          dialbridge
              .getClass()
              .getMethod("awaitInboxApplied", Duration.class)
              .invoke(dialbridge, Duration.ofSeconds(10));
      if (!Boolean.TRUE.equals(done))
        throw new AssertionError("webhook events still wait in the inbox after 10 s");
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
