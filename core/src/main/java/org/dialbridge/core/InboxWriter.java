package org.dialbridge.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.dialbridge.core.error.StoreUnavailableException;
import org.dialbridge.core.store.CallStore;
import org.dialbridge.core.store.Inbound;

/**
 * Group commit into the webhook inbox: the deliveries that arrive while one transaction commits
 * wait together for the next, which appends all their events at once. A delivery is answered when
 * the transaction holding its events has committed (durably: see {@link CallStore#appendToInbox}),
 * never before, so a 2xx is never given for an event a crash could lose.
 */
final class InboxWriter implements AutoCloseable {
  private static final int MAX_EVENTS = 512;
  private static final long WAIT_SECONDS = 10;

  /**
   * On H2 each append writes the database file, every change since the last one included (the
   * applier's too): at most one such write per this many nanoseconds, the deliveries meanwhile
   * sharing it. Profiled at ~1,500 webhooks/s, the file writes cost as much CPU as applying.
   */
  private static final long FILE_WRITE_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(3);

  private record Pending(List<Inbound> events, CompletableFuture<boolean[]> done) {}

  private final CallStore store;
  private final Runnable afterCommit;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private final long interval;
  private long lastWrite;
  private volatile boolean closed;

  /**
   * @param afterCommit told after each batch committed (the applier's wake-up)
   */
  InboxWriter(CallStore store, Runnable afterCommit) {
    this.store = store;
    this.afterCommit = afterCommit;
    this.interval = store.appendWritesTheFile() ? FILE_WRITE_INTERVAL_NANOS : 0;
    this.thread = new Thread(this::run, "dialbridge-inbox");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Appends a delivery's events; returns once they are durable.
   *
   * @return for each event, whether it was new (false: a redelivery)
   * @throws StoreUnavailableException when the store failed or did not answer in time; the sender
   *     should retry (an event may have been stored all the same: the retry is then a duplicate)
   */
  boolean[] append(List<Inbound> events) {
    if (events.isEmpty()) return new boolean[0];
    if (closed) throw new StoreUnavailableException("Dialbridge is stopping", null);
    CompletableFuture<boolean[]> done = new CompletableFuture<>();
    queue.add(new Pending(events, done));
    try {
      return done.get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      throw new StoreUnavailableException("the webhook inbox failed", e.getCause());
    } catch (TimeoutException e) {
      throw new StoreUnavailableException(
          "the call store did not answer within " + WAIT_SECONDS + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("interrupted while storing a webhook", e);
    }
  }

  private void run() {
    List<Pending> batch = new ArrayList<>();
    List<Inbound> events = new ArrayList<>();
    while (!closed || !queue.isEmpty()) {
      try {
        Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) continue;
        batch.add(first);
        events.addAll(first.events());
        Pending next;
        long due = lastWrite + interval;
        while (events.size() < MAX_EVENTS) {
          long wait = due - System.nanoTime();
          next = wait > 0 ? queue.poll(wait, TimeUnit.NANOSECONDS) : queue.poll();
          if (next == null) break;
          batch.add(next);
          events.addAll(next.events());
        }
        write(batch, events);
        lastWrite = System.nanoTime();
      } catch (InterruptedException e) {
        if (closed) break;
      } finally {
        batch.clear();
        events.clear();
      }
    }
    Pending left;
    while ((left = queue.poll()) != null) {
      left.done()
          .completeExceptionally(new StoreUnavailableException("Dialbridge is stopping", null));
    }
  }

  private void write(List<Pending> batch, List<Inbound> events) {
    boolean[] appended;
    try {
      appended = store.appendToInbox(events);
    } catch (RuntimeException e) {
      for (Pending p : batch) p.done().completeExceptionally(e);
      return;
    }
    int at = 0;
    for (Pending p : batch) {
      boolean[] mine = new boolean[p.events().size()];
      System.arraycopy(appended, at, mine, 0, mine.length);
      at += mine.length;
      p.done().complete(mine);
    }
    afterCommit.run();
  }

  /** Writes what was handed in already, then stops; later deliveries are refused (503). */
  @Override
  public void close() {
    closed = true;
    try {
      thread.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
