package dev.streamviews.sinks.query;

import dev.streamviews.sinks.config.ViewServiceSettings;
import dev.streamviews.sinks.routing.Deadline;
import java.time.Duration;
import java.util.Optional;

/**
 * The pauses of one request between rounds of asking copies that were there but could not answer
 * now: short at first, since a task that moves between instances in a rebalance is back within a
 * few hundred milliseconds, then longer, so that a copy that stays unready is not asked in a tight
 * loop; and all of them within the time the request may wait ({@link #budget}). Not shared between
 * threads.
 */
final class Pauses {
  static final Duration FIRST = Duration.ofMillis(50);
  static final Duration LONGEST = Duration.ofMillis(400);
  /** What a round needs after its pause to be worth starting: one call to one copy, at least. */
  static final Duration ROOM_FOR_A_ROUND = Duration.ofMillis(50);

  private final Deadline waitingEnds;
  private Duration next = FIRST;

  /** The pauses of a request starting now. */
  Pauses(ViewServiceSettings settings) {
    this.waitingEnds = Deadline.after(budget(settings));
  }

  /**
   * How long a request may wait for copies that cannot answer now: no longer than a 503 would
   * tell its caller to wait before asking again (Retry-After), nor than the request's deadline.
   * Waiting longer would keep a caller past the moment it could have asked again by itself.
   */
  static Duration budget(ViewServiceSettings settings) {
    return settings.retryAfter().compareTo(settings.requestTimeout()) < 0 ? settings.retryAfter() : settings.requestTimeout();
  }

  /**
   * The next pause (twice the one before, at most {@link #LONGEST}), or none if it would end past
   * the time to wait or leave the request's deadline no room for a round after it.
   */
  Optional<Duration> next(Deadline deadline) {
    Duration pause = next;
    next = next.multipliedBy(2).compareTo(LONGEST) > 0 ? LONGEST : next.multipliedBy(2);
    return waitingEnds.leaves(pause) && deadline.leaves(pause.plus(ROOM_FOR_A_ROUND)) ? Optional.of(pause) : Optional.empty();
  }
}
