package dev.streamviews.bench;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Generated events of all four input topics published at a steady rate by the producer CLI, in a
 * thread of its own, so something can be measured while the pipeline carries a load. It publishes
 * a fixed number of events, enough for the longest the measurement may take, and can be stopped
 * as soon as the measurement is done ({@link #stop}).
 */
final class BackgroundLoad implements AutoCloseable {
  /** Event time between two generated orders (each comes with a few other events, so this is an upper bound per event). */
  private static final long GENERATOR_MILLIS_PER_ORDER = 100;

  private final Thread thread;
  private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
  private volatile boolean stopAsked;

  private BackgroundLoad(Thread thread) {
    this.thread = thread;
  }

  /**
   * Starts publishing {@code events} events at {@code ratePerSecond}. The generator places an order
   * every 100 ms of event time, far faster than the load runs, so the load's event times start that
   * long before now and end about now: the broker refuses timestamps more than an hour ahead of its
   * clock ({@code log.message.timestamp.after.max.ms}), and probes stamped now are not far from them.
   */
  static BackgroundLoad start(BenchRun run, long events, double ratePerSecond, long seed) {
    AtomicReference<BackgroundLoad> load = new AtomicReference<>();
    Thread thread = new Thread(() -> {
      try {
        boolean interrupted = run.produceUntilInterrupted("all", "--generate", Long.toString(events), "--seed", Long.toString(seed),
            "--rate", Long.toString(Math.max(1, Math.round(ratePerSecond))), "--start",
            Instant.now().minusMillis(events * GENERATOR_MILLIS_PER_ORDER).toString());
        if (interrupted && !load.get().stopAsked) {
          throw new IllegalStateException("the load's publish was interrupted, not by the bench");
        }
      } catch (RuntimeException e) {
        load.get().failure.set(e);
      }
    }, "bench-background-load");
    load.set(new BackgroundLoad(thread));
    thread.setDaemon(true);
    thread.start();
    return load.get();
  }

  boolean running() {
    return thread.isAlive();
  }

  /**
   * Asks the load to stop without waiting for it: the publish sends nothing more and waits for what
   * it has sent ({@link #close} waits for that). Saves running the rest of a load sized for the
   * longest case, which in a full run of E is more than a minute of each of its two loads.
   */
  void stop() {
    stopAsked = true;
    thread.interrupt();
  }

  /** Waits until every event is published and acknowledged; a load that failed fails the figure. */
  @Override
  public void close() throws InterruptedException {
    thread.join();
    RuntimeException failed = failure.get();
    if (failed != null) {
      throw new IllegalStateException("the background load failed: " + failed.getMessage(), failed);
    }
  }
}
