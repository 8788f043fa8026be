package dev.streamviews.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The JVMs a benchmark starts: extra options for profiling them, and stopping them (SIGTERM and a
 * clean shutdown, SIGKILL if that takes too long).
 */
final class Processes {
  private Processes() {}

  /**
   * JVM options from the environment variable {@code variable}, split at spaces, with {@code {log}}
   * replaced by the name of the process's log file: for profiling one figure's service, e.g.
   * {@code -XX:StartFlightRecording=filename={log}.jfr}.
   */
  static List<String> extraJvmOptions(String variable, Path log) {
    String extra = System.getenv(variable);
    if (extra == null || extra.isBlank()) {
      return List.of();
    }
    return List.of(extra.trim().replace("{log}", log.getFileName().toString()).split("\\s+"));
  }

  static void stop(Process process, Duration grace) {
    process.destroy();
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
