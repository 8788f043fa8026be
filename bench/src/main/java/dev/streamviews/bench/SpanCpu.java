package dev.streamviews.bench;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Where the CPU went over one span of a figure: how busy the machine's cores were, and how many
 * cores each of the figure's processes kept busy on average. Printed beside a figure, it says
 * whether the figure ran out of CPU and who took it.
 */
final class SpanCpu {
  /** Process CPU times come in the kernel's ticks (10 ms): over a shorter span the shares would be noise. */
  static final Duration SHORTEST = Duration.ofSeconds(1);

  private final CpuMeter processes;
  private Optional<MachineCpu> machine = Optional.empty();
  private long startedNanos;
  private boolean started;
  private String used;
  private boolean measured;

  /** @param processes by the name to print them under, in that order */
  SpanCpu(Map<String, ProcessHandle> processes) {
    this.processes = new CpuMeter(processes);
  }

  synchronized boolean started() {
    return started;
  }

  synchronized boolean stopped() {
    return used != null;
  }

  synchronized void start() {
    processes.start();
    machine = MachineCpu.start();
    startedNanos = System.nanoTime();
    started = true;
  }

  synchronized void stop() {
    if (!started || used != null) {
      return;
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - startedNanos);
    measured = elapsed.compareTo(SHORTEST) >= 0;
    used = describe(machine.flatMap(MachineCpu::stop), processes.stop(), elapsed);
  }

  /** Whether the span was started, stopped and long enough for its shares to mean something. */
  synchronized boolean measured() {
    return measured;
  }

  /** What {@link #stop()} found, or a sentence saying the span was never measured. */
  synchronized String used() {
    return used != null ? used : "CPU not measured";
  }

  /** {@code 2 cores 87 % busy (steal 0 %); in cores: processor 0.95, broker 0.41}. */
  static String describe(Optional<MachineCpu.Usage> machine, Map<String, Duration> processes, Duration elapsed) {
    if (elapsed.compareTo(SHORTEST) < 0) {
      return "CPU not measured: the span lasted under " + SHORTEST.toSeconds() + " s";
    }
    StringJoiner cores = new StringJoiner(", ", "in cores: ", "");
    double seconds = Math.max(1e-9, elapsed.toNanos() / 1e9);
    processes.forEach((name, cpu) -> cores.add(String.format(Locale.ROOT, "%s %.2f", name, cpu.toNanos() / 1e9 / seconds)));
    return machine.map(usage -> usage + "; ").orElse("machine's busy share not readable here; ") + cores;
  }
}
