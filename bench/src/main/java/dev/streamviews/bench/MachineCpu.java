package dev.streamviews.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How busy the whole machine was over a span, from the kernel's counters ({@code /proc/stat}, the
 * {@code cpu} line: time spent in each state, summed over the cores). Every figure here shares two
 * cores between the broker, the services and the load; a figure that falls short while the cores
 * were nearly all busy is short of CPU, and the time the hypervisor gave to other machines (steal)
 * says when the machine itself was short of it.
 */
final class MachineCpu {
  private static final Path STAT = Path.of("/proc/stat");

  /** The counters at one moment, in the kernel's ticks. */
  record Sample(long busy, long idle, long steal) {}

  /** The share of the cores' time that was busy, and the share taken by other machines, over a span. */
  record Usage(int cores, double busyShare, double stealShare) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%d cores %.0f %% busy (steal %.0f %%)", cores, busyShare * 100, stealShare * 100);
    }
  }

  private final Sample started;

  private MachineCpu(Sample started) {
    this.started = started;
  }

  /** A span starting now; empty where there is no {@code /proc/stat} (not Linux). */
  static Optional<MachineCpu> start() {
    return sample().map(MachineCpu::new);
  }

  /** Usage since {@link #start()}; empty if the counters could not be read again. */
  Optional<Usage> stop() {
    return sample().map(ended -> between(started, ended, Runtime.getRuntime().availableProcessors()));
  }

  static Usage between(Sample from, Sample to, int cores) {
    long busy = to.busy() - from.busy();
    long idle = to.idle() - from.idle();
    long steal = to.steal() - from.steal();
    long all = busy + idle + steal;
    return all <= 0 ? new Usage(cores, 0, 0) : new Usage(cores, busy / (double) all, steal / (double) all);
  }

  /**
   * The {@code cpu} line: user, nice, system, idle, iowait, irq, softirq, steal, then guest times
   * that are already counted in user and nice. Waiting for I/O counts as idle.
   */
  static Sample parse(String cpuLine) {
    String[] fields = cpuLine.trim().split("\\s+");
    if (!fields[0].equals("cpu") || fields.length < 9) {
      throw new IllegalArgumentException("not the cpu line of /proc/stat: " + cpuLine);
    }
    long[] ticks = Arrays.stream(fields, 1, 9).mapToLong(Long::parseLong).toArray();
    long user = ticks[0];
    long nice = ticks[1];
    long system = ticks[2];
    long idle = ticks[3] + ticks[4];
    long interrupts = ticks[5] + ticks[6];
    long steal = ticks[7];
    return new Sample(user + nice + system + interrupts, idle, steal);
  }

  /** The counters now; empty where there is no {@code /proc/stat}. */
  static Optional<Sample> sample() {
    try {
      return Files.readAllLines(STAT).stream().filter(line -> line.startsWith("cpu ")).findFirst().map(MachineCpu::parse);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
