package dev.streamviews.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The CPU time of this JVM's child processes that have ended and been waited for: fields cutime and
 * cstime of {@code /proc/self/stat} (Linux). The kernel adds a child's whole life's CPU there when
 * it is reaped, which {@link Process#waitFor} does, so the difference across one run of a JVM
 * started and waited for (and no other child ending meanwhile) is all that JVM used, up to its
 * last instant: what a tool's JVM cost can be read without anything of ours running inside it.
 */
final class ReapedChildrenCpu {
  private ReapedChildrenCpu() {}

  /** Empty where there is no {@code /proc/self/stat}. */
  static Optional<Duration> now() {
    try {
      return Optional.of(parse(Files.readString(Path.of("/proc/self/stat"))));
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.empty();
    }
  }

  /** {@code 123 (java) S ...}: after the name, cutime and cstime are fields 16 and 17 of the line. */
  static Duration parse(String statLine) {
    String[] fields = ThreadStat.fieldsAfterName(statLine);
    long ticks = Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
    return Duration.ofMillis(ticks * 1000 / ThreadStat.TICKS_PER_SECOND);
  }

  /** What {@code run} returned, and the CPU of the child processes reaped while it ran (empty where not readable). */
  record Measured<T>(T result, Optional<Duration> cpu) {}

  static <T> Measured<T> of(Supplier<T> run) {
    Optional<Duration> before = now();
    T result = run.get();
    Optional<Duration> after = now();
    return new Measured<>(result, before.isPresent() && after.isPresent() ? Optional.of(after.get().minus(before.get())) : Optional.empty());
  }
}
