package dev.streamviews.processors.health;

import io.micronaut.serde.annotation.Serdeable;

/**
 * A health answer with its evidence, so an operator sees why, not only whether.
 *
 * @param status UP or DOWN
 * @param reason why DOWN, empty when UP
 * @param version the version of the views judged: the serving one
 */
@Serdeable
public record HealthReport(String status, String reason, int version, String streamsState, int partitionsRestoring,
    long recordsToRestore, long recordsRestored, long inputLag) {

  public boolean up() {
    return "UP".equals(status);
  }
}
