package dev.streamviews.bench;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Stopping the JVMs a benchmark started: SIGTERM and a clean shutdown, SIGKILL if that takes too long. */
final class Processes {
  private Processes() {}

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
