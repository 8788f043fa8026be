package dev.streamviews.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * When E's measured span starts: looks at the processor's input lag and at the compilers' CPU time,
 * one every 250 ms, given by hand.
 */
class CatchUpWatchTest {
  private static final Duration WARM_UP = Duration.ofSeconds(40);
  private static final Duration STEADY = Duration.ofSeconds(5);
  private static final Duration LATEST = Duration.ofSeconds(70);
  private static final Duration LOOK_EVERY = Duration.ofMillis(250);

  private final CatchUpWatch.Verdict verdict = new CatchUpWatch.Verdict(100, STEADY, WARM_UP, LATEST);
  /** The compilers' CPU time so far, as the looks report it. */
  private Duration compilers = Duration.ZERO;

  @Test
  void startsAtTheEndOfTheWarmUpWhenTheProcessorKeptUpAndNothingCompiledThroughout() {
    Duration at = lookUntilDecided(Duration.ZERO, 40L, 0.0);

    assertThat(at).isEqualTo(WARM_UP);
    assertThat(verdict.keptUp()).isTrue();
    assertThat(verdict.reason()).startsWith("once the processor had kept up for 5 s").contains("compilers");
  }

  @Test
  void startsOnceTheLagHasStayedLowForTheSteadySpanAfterTheWarmUp() {
    // Behind until 52 s, caught up from then on
    lookFrom(Duration.ZERO, Duration.ofSeconds(52), 5_000L, 0.0);

    Duration at = lookUntilDecided(Duration.ofSeconds(52), 40L, 0.0);

    assertThat(at).isEqualTo(Duration.ofSeconds(57));
    assertThat(verdict.keptUp()).isTrue();
  }

  @Test
  void aLagThatRisesAgainStartsTheSteadySpanOver() {
    // Behind until 41 s, then 3 s caught up (short of the steady span), behind again for a second
    lookFrom(Duration.ZERO, Duration.ofSeconds(41), 5_000L, 0.0);
    lookFrom(Duration.ofSeconds(41), Duration.ofSeconds(44), 40L, 0.0);
    lookFrom(Duration.ofSeconds(44), Duration.ofSeconds(45), 5_000L, 0.0);

    Duration at = lookUntilDecided(Duration.ofSeconds(45), 40L, 0.0);

    assertThat(at).isEqualTo(Duration.ofSeconds(50));
  }

  @Test
  void waitsUntilTheCompilersHaveUsedUnderATenthOfACoreOverTheSteadySpan() {
    // Kept up from the start, but compiling with half a core until the look at 47.75 s, then with a
    // twentieth of one
    lookFrom(Duration.ZERO, Duration.ofSeconds(48), 40L, 0.5);

    Duration at = lookUntilDecided(Duration.ofSeconds(48), 40L, 0.05);

    // Over the 5 s before 52 s: 0.75 s at half a core and 4.25 s at a twentieth, 0.5875 s of CPU, not
    // under 0.5 s; before 52.25 s: 0.5 × 0.5 + 4.5 × 0.05 = 0.475 s, under a tenth of the 5 s.
    assertThat(at).isEqualTo(Duration.ofMillis(52_250));
    assertThat(verdict.keptUp()).isTrue();
  }

  @Test
  void compilersAtATenthOfACoreOrMoreAreNotQuiet() {
    Duration at = lookUntilDecided(Duration.ZERO, 40L, 0.1);

    assertThat(at).isEqualTo(LATEST);
    assertThat(verdict.keptUp()).isFalse();
    assertThat(verdict.reason()).isEqualTo("when the allowance ran out: the JIT compilers of the JVMs on the path were still busy");
  }

  @Test
  void compilersThatCannotBeReadDoNotHoldTheVerdictBackAndTheReasonSaysSo() {
    Duration at = Duration.ZERO;
    while (!verdict.look(at, Optional.of(40L), Optional.empty())) {
      at = at.plus(LOOK_EVERY);
    }

    assertThat(at).isEqualTo(WARM_UP);
    assertThat(verdict.keptUp()).isTrue();
    assertThat(verdict.reason()).contains("not readable");
  }

  @Test
  void givesUpWhenTheAllowanceRunsOutAndSaysTheProcessorDidNotKeepUp() {
    Duration at = lookUntilDecided(Duration.ZERO, 5_000L, 0.0);

    assertThat(at).isEqualTo(LATEST);
    assertThat(verdict.keptUp()).isFalse();
    assertThat(verdict.reason()).isEqualTo("when the allowance ran out: the processor had not kept up");
  }

  @Test
  void aProcessorThatDoesNotAnswerHasNotKeptUp() {
    Duration at = Duration.ZERO;
    while (!verdict.look(at, Optional.empty(), Optional.of(Duration.ZERO))) {
      at = at.plus(LOOK_EVERY);
    }

    assertThat(verdict.after()).isEqualTo(LATEST);
    assertThat(verdict.keptUp()).isFalse();
  }

  /** Looks every 250 ms in [from, to) with the same lag and compilers busy on {@code cores}; none of them may decide. */
  private void lookFrom(Duration from, Duration to, long lag, double cores) {
    for (Duration at = from; at.compareTo(to) < 0; at = at.plus(LOOK_EVERY)) {
      assertThat(verdict.look(at, Optional.of(lag), Optional.of(compiled(cores)))).as("decided at %s", at).isFalse();
    }
  }

  /** Looks every 250 ms from {@code from} with the same lag and compilers until the verdict is in; when that was. */
  private Duration lookUntilDecided(Duration from, long lag, double cores) {
    Duration at = from;
    while (!verdict.look(at, Optional.of(lag), Optional.of(compiled(cores)))) {
      at = at.plus(LOOK_EVERY);
    }
    assertThat(verdict.after()).isEqualTo(at);
    return at;
  }

  /** The compilers' CPU time after one more look's interval of {@code cores} busy. */
  private Duration compiled(double cores) {
    compilers = compilers.plusNanos(Math.round(LOOK_EVERY.toNanos() * cores));
    return compilers;
  }
}
