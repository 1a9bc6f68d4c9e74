package org.dialbridge.servlet.testing;

import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.QueueDispatcher;

/**
 * A class's own provider mock, reset before each of its tests: a suite that starts its container
 * once per class keeps one mock (the container's configuration holds its URL), but no test sees the
 * answers another test queued and left, or the requests another test caused and did not read.
 */
public final class MockServers {
  private MockServers() {}

  /**
   * Forgets the answers still queued and the requests recorded so far ({@code getRequestCount()}
   * keeps counting).
   */
  public static void reset(MockWebServer... servers) throws InterruptedException {
    for (MockWebServer server : servers) {
      if (server.getDispatcher() instanceof QueueDispatcher queue) queue.clear();
      while (server.takeRequest(0, TimeUnit.MILLISECONDS) != null) {
        // a request an earlier test caused
      }
    }
  }
}
