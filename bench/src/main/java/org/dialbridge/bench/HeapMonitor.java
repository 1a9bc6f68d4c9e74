package org.dialbridge.bench;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The heap of the JVM under test, as the load generator (another JVM) asks for it: the peak of the
 * used heap sampled every 10 ms since the last reset, and the live heap after a full collection.
 * Served at {@code /bench/heap} ({@code ?reset} restarts the peak) and {@code /bench/gc}.
 */
final class HeapMonitor extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
  private static final AtomicLong PEAK = new AtomicLong();

  static void start() {
    Thread sampler =
        new Thread(
            () -> {
              while (true) {
                PEAK.accumulateAndGet(used(), Math::max);
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "bench-heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  static long used() {
    return MEMORY.getHeapMemoryUsage().getUsed();
  }

  /**
   * The used heap after full collections (two, so objects freed by finalizers or references go
   * too).
   */
  static long liveAfterGc() {
    System.gc();
    System.gc();
    return used();
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    long value;
    if (request.getRequestURI().endsWith("/gc")) {
      value = liveAfterGc();
    } else {
      value = PEAK.get();
      if (request.getParameter("reset") != null) PEAK.set(used());
    }
    response.setContentType("text/plain");
    response.getWriter().print(value);
  }
}
