package dev.streamviews.schemas.registry;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long the client keeps trying a registry that times out or answers 408, 429 or 5xx:
 * {@code maxAttempts} tries, each with {@code requestTimeout}, and between them an exponential
 * backoff from {@code initialBackoff} up to {@code maxBackoff}, with jitter so that many clients
 * do not retry in step.
 */
public record RetryPolicy(
    int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration requestTimeout) {

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
  }

  /** Five attempts over about four seconds, each bounded by five seconds. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(5));
  }

  /** The pause before retry number {@code retry} (1 for the first retry). */
  Duration backoffBefore(int retry) {
    long base = initialBackoff.toMillis() << Math.min(retry - 1, 20);
    long capped = Math.min(base, maxBackoff.toMillis());
    long jitter = ThreadLocalRandom.current().nextLong(capped / 4 + 1);
    return Duration.ofMillis(capped - jitter);
  }
}
