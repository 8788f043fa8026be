package dev.streamviews.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time the JVMs of a figure use over a window, read from the operating system (on Linux,
 * {@code /proc/<pid>/stat}, through {@link ProcessHandle}): on two shared cores a rate is a matter of
 * CPU per operation, so the figure says how much each process spent on one.
 */
final class CpuMeter {
  private final Map<String, ProcessHandle> processes;
  private Map<String, Duration> started = Map.of();

  /** @param processes by the name to print them under, in that order */
  CpuMeter(Map<String, ProcessHandle> processes) {
    this.processes = new LinkedHashMap<>(processes);
  }

  void start() {
    started = now();
  }

  /** CPU time each process used since {@link #start()}; zero for one that the system does not report. */
  Map<String, Duration> stop() {
    Map<String, Duration> ended = now();
    Map<String, Duration> used = new LinkedHashMap<>();
    ended.forEach((name, cpu) -> used.put(name, cpu.minus(started.getOrDefault(name, Duration.ZERO))));
    return used;
  }

  private Map<String, Duration> now() {
    Map<String, Duration> cpu = new LinkedHashMap<>();
    processes.forEach((name, process) -> cpu.put(name, process.info().totalCpuDuration().orElse(Duration.ZERO)));
    return cpu;
  }
}
