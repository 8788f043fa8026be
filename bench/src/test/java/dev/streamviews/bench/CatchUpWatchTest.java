package dev.streamviews.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When E's measured span starts: looks at the processor's input lag, one every 250 ms, given by hand. */
class CatchUpWatchTest {
  private static final Duration WARM_UP = Duration.ofSeconds(40);
  private static final Duration STEADY = Duration.ofSeconds(5);
  private static final Duration LATEST = Duration.ofSeconds(70);

  private final CatchUpWatch.Verdict verdict = new CatchUpWatch.Verdict(100, STEADY, WARM_UP, LATEST);

  @Test
  void startsAtTheEndOfTheWarmUpWhenTheProcessorKeptUpThroughout() {
    Duration at = lookUntilDecided(Duration.ZERO, 40L);

    assertThat(at).isEqualTo(WARM_UP);
    assertThat(verdict.keptUp()).isTrue();
  }

  @Test
  void startsOnceTheLagHasStayedLowForTheSteadySpanAfterTheWarmUp() {
    // Behind until 52 s, caught up from then on
    lookFrom(Duration.ZERO, Duration.ofSeconds(52), 5_000L);

    Duration at = lookUntilDecided(Duration.ofSeconds(52), 40L);

    assertThat(at).isEqualTo(Duration.ofSeconds(57));
    assertThat(verdict.keptUp()).isTrue();
  }

  @Test
  void aLagThatRisesAgainStartsTheSteadySpanOver() {
    // Behind until 41 s, then 3 s caught up (short of the steady span), behind again for a second
    lookFrom(Duration.ZERO, Duration.ofSeconds(41), 5_000L);
    lookFrom(Duration.ofSeconds(41), Duration.ofSeconds(44), 40L);
    lookFrom(Duration.ofSeconds(44), Duration.ofSeconds(45), 5_000L);

    Duration at = lookUntilDecided(Duration.ofSeconds(45), 40L);

    assertThat(at).isEqualTo(Duration.ofSeconds(50));
  }

  @Test
  void givesUpWhenTheAllowanceRunsOutAndSaysTheProcessorDidNotKeepUp() {
    Duration at = lookUntilDecided(Duration.ZERO, 5_000L);

    assertThat(at).isEqualTo(LATEST);
    assertThat(verdict.keptUp()).isFalse();
  }

  @Test
  void aProcessorThatDoesNotAnswerHasNotKeptUp() {
    Duration at = Duration.ZERO;
    while (!verdict.look(at, Optional.empty())) {
      at = at.plusMillis(250);
    }

    assertThat(verdict.after()).isEqualTo(LATEST);
    assertThat(verdict.keptUp()).isFalse();
  }

  /** Looks every 250 ms in [from, to) with the same lag; none of them may decide. */
  private void lookFrom(Duration from, Duration to, long lag) {
    for (Duration at = from; at.compareTo(to) < 0; at = at.plusMillis(250)) {
      assertThat(verdict.look(at, Optional.of(lag))).as("decided at %s", at).isFalse();
    }
  }

  /** Looks every 250 ms from {@code from} with the same lag until the verdict is in; when that was. */
  private Duration lookUntilDecided(Duration from, long lag) {
    Duration at = from;
    while (!verdict.look(at, Optional.of(lag))) {
      at = at.plusMillis(250);
    }
    assertThat(verdict.after()).isEqualTo(at);
    return at;
  }
}
