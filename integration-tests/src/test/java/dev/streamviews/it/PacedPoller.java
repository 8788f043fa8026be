package dev.streamviews.it;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs one question after another on a thread of its own, each {@code pace} after the one before
 * came back: a steady stream of queries beside a test's disruption, with no sleeping loop. Closing
 * it lets the question under way finish and asks no more.
 */
final class PacedPoller implements AutoCloseable {
  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread poller = new Thread(runnable, "poller");
    poller.setDaemon(true); // a test that fails before closing it must not keep the JVM alive
    return poller;
  });

  PacedPoller(Duration pace, Runnable askOnce) {
    thread.scheduleWithFixedDelay(askOnce, 0, pace.toNanos(), TimeUnit.NANOSECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    thread.shutdown();
    if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the poller's last question did not come back within 30 s");
    }
  }
}
