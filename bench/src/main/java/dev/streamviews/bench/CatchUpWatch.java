package dev.streamviews.bench;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * From when a processor keeps up with a load: the first moment, after a minimum warm-up, at which
 * its input lag (the most records waiting on any partition, from its readiness report) has stayed
 * at most a given number of records for a given span; or, if that never happens, the end of the
 * allowance. Read in the background, four times a second.
 */
final class CatchUpWatch implements AutoCloseable {
  private static final Duration LOOK_EVERY = Duration.ofMillis(250);

  private final Thread thread;
  private final long startedNanos = System.nanoTime();
  private final Verdict verdict;

  /**
   * @param warmUp the least time before it can say so
   * @param latest when it says so whatever the lag, counted from the start
   */
  CatchUpWatch(ProcessorProcess processor, long maxLag, Duration steadyFor, Duration warmUp, Duration latest) {
    this.verdict = new Verdict(maxLag, steadyFor, warmUp, latest);
    Supplier<Optional<Long>> inputLag = () -> processor.readiness().map(report -> report.path("inputLag").asLong(Long.MAX_VALUE));
    this.thread = new Thread(() -> watch(inputLag), "bench-catch-up-watch");
    thread.setDaemon(true);
    thread.start();
  }

  /** Since when, in {@link System#nanoTime()}; {@link Long#MAX_VALUE} while that is not known yet. */
  long fromNanos() {
    Duration after = verdict.after();
    return after == null ? Long.MAX_VALUE : startedNanos + after.toNanos();
  }

  /** Whether the processor kept up by then, rather than the allowance running out. */
  boolean keptUp() {
    return verdict.keptUp();
  }

  /** From when, counted from the start of the watch. */
  Duration after() {
    return verdict.after();
  }

  private void watch(Supplier<Optional<Long>> inputLag) {
    try {
      while (!verdict.look(Duration.ofNanos(System.nanoTime() - startedNanos), inputLag.get())) {
        Thread.sleep(LOOK_EVERY.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    thread.interrupt();
  }

  /** The decision, one look at the lag at a time: a pure function of the looks, for testing without a clock. */
  static final class Verdict {
    private final long maxLag;
    private final Duration steadyFor;
    private final Duration warmUp;
    private final Duration latest;
    private Duration lowSince;
    private volatile Duration after;
    private volatile boolean keptUp;

    Verdict(long maxLag, Duration steadyFor, Duration warmUp, Duration latest) {
      this.maxLag = maxLag;
      this.steadyFor = steadyFor;
      this.warmUp = warmUp;
      this.latest = latest;
    }

    /**
     * @param at when the look was taken, from the start
     * @param lag what the processor said, empty if it did not answer
     * @return whether the verdict is in
     */
    boolean look(Duration at, Optional<Long> lag) {
      if (after != null) {
        return true;
      }
      if (lag.isPresent() && lag.get() <= maxLag) {
        lowSince = lowSince == null ? at : lowSince;
        if (at.compareTo(warmUp) >= 0 && at.minus(lowSince).compareTo(steadyFor) >= 0) {
          keptUp = true;
          after = at;
          return true;
        }
      } else {
        lowSince = null;
      }
      if (at.compareTo(latest) >= 0) {
        after = at;
        return true;
      }
      return false;
    }

    /** When the measured span starts, from the start; null until the verdict is in. */
    Duration after() {
      return after;
    }

    boolean keptUp() {
      return keptUp;
    }
  }
}
