package dev.streamviews.bench;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * From when a processor is in its steady state under a load: the first moment, after a minimum
 * warm-up, at which its input lag (the most records waiting on any partition, from its readiness
 * report) has stayed at most a given number of records for a given span, and the JIT compilers of
 * the JVMs on the measured path have used under a tenth of a core over that span; or, if that never
 * happens, the end of the allowance. Read in the background, four times a second.
 */
final class CatchUpWatch implements AutoCloseable {
  private static final Duration LOOK_EVERY = Duration.ofMillis(250);

  private final Thread thread;
  private final long startedNanos = System.nanoTime();
  private final Verdict verdict;

  /**
   * @param compiling the JVMs whose compilers must have gone quiet
   * @param warmUp the least time before it can say so
   * @param latest when it says so whatever the lag, counted from the start
   */
  CatchUpWatch(ProcessorProcess processor, Collection<ProcessHandle> compiling, long maxLag, Duration steadyFor, Duration warmUp,
      Duration latest) {
    this.verdict = new Verdict(maxLag, steadyFor, warmUp, latest);
    Supplier<Optional<Long>> inputLag = () -> processor.readiness().map(report -> report.path("inputLag").asLong(Long.MAX_VALUE));
    List<ProcessHandle> jvms = List.copyOf(compiling);
    this.thread = new Thread(() -> watch(inputLag, () -> CompilerCpu.of(jvms)), "bench-catch-up-watch");
    thread.setDaemon(true);
    thread.start();
  }

  /** Since when, in {@link System#nanoTime()}; {@link Long#MAX_VALUE} while that is not known yet. */
  long fromNanos() {
    Duration after = verdict.after();
    return after == null ? Long.MAX_VALUE : startedNanos + after.toNanos();
  }

  /** Whether the steady state was reached, rather than the allowance running out. */
  boolean keptUp() {
    return verdict.keptUp();
  }

  /** From when, counted from the start of the watch. */
  Duration after() {
    return verdict.after();
  }

  /** What the verdict rests on, for the figure's line: "once ..." or "when the allowance ran out: ...". */
  String reason() {
    return verdict.reason();
  }

  private void watch(Supplier<Optional<Long>> inputLag, Supplier<Optional<Duration>> compilers) {
    try {
      while (!verdict.look(Duration.ofNanos(System.nanoTime() - startedNanos), inputLag.get(), compilers.get())) {
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

  /** The decision, one look at a time: a pure function of the looks, for testing without a clock. */
  static final class Verdict {
    private final long maxLag;
    private final Duration steadyFor;
    private final Duration warmUp;
    private final Duration latest;
    /** The compilers' CPU time at each look of the last steady span, oldest first. */
    private final Deque<CompilerReading> compilerReadings = new ArrayDeque<>();
    private Duration lowSince;
    private boolean compilersUnreadable;
    private volatile Duration after;
    private volatile boolean keptUp;
    private volatile String reason;

    Verdict(long maxLag, Duration steadyFor, Duration warmUp, Duration latest) {
      this.maxLag = maxLag;
      this.steadyFor = steadyFor;
      this.warmUp = warmUp;
      this.latest = latest;
    }

    /**
     * @param at when the look was taken, from the start
     * @param lag what the processor said, empty if it did not answer
     * @param compilers the CPU time the compilers have used so far, empty where it cannot be read
     * @return whether the verdict is in
     */
    boolean look(Duration at, Optional<Long> lag, Optional<Duration> compilers) {
      if (after != null) {
        return true;
      }
      boolean lagLow = lag.isPresent() && lag.get() <= maxLag;
      lowSince = lagLow ? (lowSince == null ? at : lowSince) : null;
      boolean keptUpLongEnough = lagLow && at.minus(lowSince).compareTo(steadyFor) >= 0;
      boolean compilersQuiet = compilersQuietOverTheSpan(at, compilers);
      if (keptUpLongEnough && compilersQuiet && at.compareTo(warmUp) >= 0) {
        return decide(at, true, String.format(Locale.ROOT, "once the processor had kept up for %d s (at most %,d input records waiting on any partition)%s",
            steadyFor.toSeconds(), maxLag, compilersUnreadable ? " (the compilers' CPU not readable here)"
                : " and the JIT compilers of the JVMs on the path had used under a tenth of a core over it"));
      }
      if (at.compareTo(latest) >= 0) {
        return decide(at, false, "when the allowance ran out: " + (keptUpLongEnough
            ? "the JIT compilers of the JVMs on the path were still busy" : "the processor had not kept up"));
      }
      return false;
    }

    /** Under a tenth of a core over the last steady span (a reading at least that old is needed); true where not readable. */
    private boolean compilersQuietOverTheSpan(Duration at, Optional<Duration> compilers) {
      if (compilers.isEmpty()) {
        compilersUnreadable = true;
        return true;
      }
      compilerReadings.addLast(new CompilerReading(at, compilers.get()));
      Duration spanStart = at.minus(steadyFor);
      // Keep one reading at or before the span's start, as the base to measure from.
      CompilerReading base = compilerReadings.removeFirst();
      while (!compilerReadings.isEmpty() && compilerReadings.getFirst().at().compareTo(spanStart) <= 0) {
        base = compilerReadings.removeFirst();
      }
      compilerReadings.addFirst(base);
      if (base.at().compareTo(spanStart) > 0) {
        return false;
      }
      Duration used = compilers.get().minus(base.cpu());
      return used.toNanos() * 10 < at.minus(base.at()).toNanos();
    }

    private boolean decide(Duration at, boolean steady, String why) {
      keptUp = steady;
      reason = why;
      after = at;
      return true;
    }

    /** When the measured span starts, from the start; null until the verdict is in. */
    Duration after() {
      return after;
    }

    boolean keptUp() {
      return keptUp;
    }

    String reason() {
      return reason;
    }

    private record CompilerReading(Duration at, Duration cpu) {}
  }
}
