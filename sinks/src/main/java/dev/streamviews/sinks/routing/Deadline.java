package dev.streamviews.sinks.routing;

import java.time.Duration;

/** The time a request has left, shared by every call made to answer it. */
public record Deadline(long endNanos) {
  public static Deadline after(Duration timeout) {
    return new Deadline(System.nanoTime() + timeout.toNanos());
  }

  public boolean expired() {
    return System.nanoTime() >= endNanos;
  }

  /** Whether more than {@code time} is left. */
  public boolean leaves(Duration time) {
    return endNanos - System.nanoTime() > time.toNanos();
  }

  /** The timeout for one call: at most {@code perCall}, and never past the deadline. */
  public Duration forCall(Duration perCall) {
    long left = endNanos - System.nanoTime();
    return Duration.ofNanos(Math.max(1_000_000, Math.min(left, perCall.toNanos())));
  }
}
