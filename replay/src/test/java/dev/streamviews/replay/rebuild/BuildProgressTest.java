package dev.streamviews.replay.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BuildProgressTest {
  @Test
  void showsProcessedLagRateAndTimeLeft() {
    BuildProgress before = new BuildProgress(1_000, 9_000, 0, 3, true);
    BuildProgress now = new BuildProgress(3_000, 7_000, 0, 3, true);

    String line = now.describe(2, before, Duration.ofSeconds(2));

    assertThat(line).isEqualTo("version 2: 3,000 records processed, lag 7,000, 1,000 records/s, ETA 7 s [3 instances]");
  }

  @Test
  void countsRecordsWaitingInRepartitionTopicsAsWorkLeft() {
    BuildProgress now = new BuildProgress(10_000, 0, 500, 1, true);

    assertThat(now.caughtUp()).isFalse();
    assertThat(now.describe(3, new BuildProgress(9_000, 0, 1_500, 1, true), Duration.ofSeconds(1)))
        .contains("lag 0 (+500 repartitioned)", "ETA 1 s", "[1 instance]");
  }

  @Test
  void isCaughtUpOnlyWithInstancesRunningItAndNoRebalance() {
    assertThat(new BuildProgress(10, 0, 0, 2, true).caughtUp()).isTrue();
    assertThat(new BuildProgress(10, 0, 0, 0, false).caughtUp()).isFalse();
    assertThat(new BuildProgress(10, 0, 0, 2, false).caughtUp()).isFalse();
    assertThat(new BuildProgress(10, 1, 0, 2, true).caughtUp()).isFalse();
  }

  @Test
  void saysWhenNoProcessorHasStartedTheVersionYet() {
    assertThat(new BuildProgress(0, 1234, 0, 0, false).describe(2, null, Duration.ZERO))
        .isEqualTo("version 2: waiting for processors to start it (no instance in its group yet); 1,234 records to process");
  }

  @Test
  void roundsTheTimeLeftToAUnitThatReads() {
    assertThat(BuildProgress.eta(Duration.ofMillis(300))).isEqualTo("1 s");
    assertThat(BuildProgress.eta(Duration.ofSeconds(119))).isEqualTo("119 s");
    assertThat(BuildProgress.eta(Duration.ofSeconds(121))).isEqualTo("3 min");
    assertThat(BuildProgress.eta(Duration.ofHours(5))).isEqualTo("5 h");
  }
}
