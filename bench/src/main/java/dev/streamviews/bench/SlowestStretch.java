package dev.streamviews.bench;

import dev.streamviews.bench.FreshnessProbes.Probe;
import dev.streamviews.bench.ThreadCpuSamples.Interval;
import dev.streamviews.bench.ThreadCpuSamples.ThreadKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.StringJoiner;

/**
 * Where figure E's slow probes waited, and who had the CPU then. The p99 of a span of 45 s is
 * decided by its slowest nine probes, and in most runs those came in one stretch of a few seconds;
 * the CPU averaged over the span hides what happened in it. This finds the second in which the most
 * slow probes were waiting and names the threads that used the most CPU in it, beside their average
 * over the whole span: a thread far above its average there is what the probes waited behind, and
 * cores far from busy say they waited for something other than CPU. Beside it: how busy the cores
 * were, and how much of them the JIT compilers took, in the seconds with slow probes waiting against
 * the others.
 */
final class SlowestStretch {
  /** Threads named in the line; every thread is in the series written beside it. */
  static final int BUSIEST = 5;

  private SlowestStretch() {}

  /**
   * @param slowNanos a probe that took longer is slow
   * @param originNanos the moment "seconds into the span" counts from
   */
  static String describe(List<Interval> intervals, List<Probe> probes, long slowNanos, Map<ThreadKey, String> names, long originNanos) {
    List<Probe> slow = probes.stream().filter(probe -> probe.visibleAt - probe.ackedAt > slowNanos).toList();
    String over = String.format(Locale.ROOT, "%d probes over %.0f ms", slow.size(), slowNanos / 1e6);
    if (slow.isEmpty()) {
      return over;
    }
    if (intervals.isEmpty()) {
      return over + "; threads not sampled here";
    }
    Interval worst = null;
    int most = 0;
    List<Interval> withSlow = new ArrayList<>();
    List<Interval> without = new ArrayList<>();
    for (Interval interval : intervals) {
      int waiting = (int) slow.stream().filter(probe -> probe.ackedAt < interval.toNanos() && probe.visibleAt > interval.fromNanos()).count();
      (waiting > 0 ? withSlow : without).add(interval);
      if (waiting > most) {
        worst = interval;
        most = waiting;
      }
    }
    if (worst == null) {
      return over + ", none while threads were sampled";
    }
    Map<ThreadKey, Double> average = ThreadCpuSamples.averageCores(intervals);
    StringJoiner busiest = new StringJoiner(", ", "busiest threads in cores (over the whole span): ", "");
    ThreadCpuSamples.busiest(worst.cores(), BUSIEST).forEach(used -> busiest.add(String.format(Locale.ROOT, "%s %s %.2f (%.2f)", used.getKey().jvm(),
            names.getOrDefault(used.getKey(), "tid " + used.getKey().tid()), used.getValue(), average.getOrDefault(used.getKey(), 0.0))));
    return String.format(Locale.ROOT, "%s, waiting in %d of the %d seconds: in those %s, in the others %s; most of them waiting %.0f-%.0f s"
        + " into the span (%d): %s; %s", over, withSlow.size(), intervals.size(), machineAndCompilers(withSlow, names),
        machineAndCompilers(without, names), Math.max(0, worst.fromNanos() - originNanos) / 1e9,
        Math.max(0, worst.toNanos() - originNanos) / 1e9, most, busy(worst.machineBusyShare()), busiest);
  }

  /**
   * How busy the cores were on average over some seconds, and how many cores the JIT compilers
   * used: on two cores, seconds in which compiling and the load together fill the cores are the
   * ones the stream thread waits for one.
   */
  private static String machineAndCompilers(List<Interval> seconds, Map<ThreadKey, String> names) {
    if (seconds.isEmpty()) {
      return "none";
    }
    OptionalDouble busyShare = seconds.stream().flatMap(second -> second.machineBusyShare().stream()).mapToDouble(Double::doubleValue).average();
    double compilers = seconds.stream().mapToDouble(second -> second.cores().entrySet().stream()
        .filter(used -> CompilerCpu.isCompiler(names.getOrDefault(used.getKey(), ""))).mapToDouble(Map.Entry::getValue).sum()).average()
        .orElse(0);
    return String.format(Locale.ROOT, "%s and the compilers %.2f", busy(busyShare.isPresent() ? Optional.of(busyShare.getAsDouble())
        : Optional.empty()), compilers);
  }

  private static String busy(Optional<Double> share) {
    return share.map(value -> String.format(Locale.ROOT, "cores %.0f %% busy", value * 100)).orElse("cores' busy share not readable");
  }
}
