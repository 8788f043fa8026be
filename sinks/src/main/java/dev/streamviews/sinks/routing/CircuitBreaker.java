package dev.streamviews.sinks.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Stops calling an instance that keeps failing. Closed: calls go through, and {@code threshold}
 * failures in a row open it. Open: no calls for {@code openFor}, then one trial call (half-open);
 * its success closes the breaker, its failure opens it again.
 */
public final class CircuitBreaker {
  public enum State { CLOSED, OPEN, HALF_OPEN }

  private final int threshold;
  private final Duration openFor;
  private final Clock clock;
  private int failuresInARow;
  private Instant openUntil;
  private boolean trialUnderWay;

  public CircuitBreaker(int threshold, Duration openFor, Clock clock) {
    this.threshold = threshold;
    this.openFor = openFor;
    this.clock = clock;
  }

  /** Whether a call may go out now; in half-open state only one trial at a time. */
  public synchronized boolean allowsCall() {
    if (openUntil == null) {
      return true;
    }
    if (clock.instant().isBefore(openUntil) || trialUnderWay) {
      return false;
    }
    trialUnderWay = true;
    return true;
  }

  public synchronized void succeeded() {
    failuresInARow = 0;
    openUntil = null;
    trialUnderWay = false;
  }

  public synchronized void failed() {
    failuresInARow++;
    if (trialUnderWay || failuresInARow >= threshold) {
      openUntil = clock.instant().plus(openFor);
    }
    trialUnderWay = false;
  }

  public synchronized State state() {
    if (openUntil == null) {
      return State.CLOSED;
    }
    return clock.instant().isBefore(openUntil) ? State.OPEN : State.HALF_OPEN;
  }
}
