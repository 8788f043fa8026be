package dev.streamviews.processors.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

class ProcessorHealthTest {

  @Test
  void staysLiveThroughRebalancesAndRestores() {
    assertThat(ProcessorHealth.liveness(evidence(State.REBALANCING, 3, 1000, 0)).up()).isTrue();
    assertThat(ProcessorHealth.liveness(evidence(State.RUNNING, 1, 10, 50_000)).up()).isTrue();
    assertThat(ProcessorHealth.liveness(evidence(State.CREATED, 0, 0, 0)).up()).isTrue();
  }

  @Test
  void isDeadOnlyWhenStreamsCannotRecoverByItself() {
    for (State state : new State[] {State.ERROR, State.PENDING_ERROR, State.NOT_RUNNING, State.PENDING_SHUTDOWN}) {
      HealthReport report = ProcessorHealth.liveness(evidence(state, 0, 0, 0));
      assertThat(report.up()).as(state.name()).isFalse();
      assertThat(report.reason()).contains(state.name());
    }
  }

  @Test
  void isReadyOnlyWhenRunningWithNothingToRestoreAndLittleToProcess() {
    assertThat(ProcessorHealth.readiness(evidence(State.RUNNING, 0, 0, 10_000), 10_000).up()).isTrue();

    HealthReport restoring = ProcessorHealth.readiness(evidence(State.RUNNING, 2, 500, 0), 10_000);
    assertThat(restoring.up()).isFalse();
    assertThat(restoring.reason()).isEqualTo("2 store partitions are restoring (500 records to go)");
    HealthReport behind = ProcessorHealth.readiness(evidence(State.RUNNING, 0, 0, 10_001), 10_000);
    assertThat(behind.up()).isFalse();
    assertThat(behind.reason()).startsWith("10001 input records wait");
    assertThat(ProcessorHealth.readiness(evidence(State.REBALANCING, 0, 0, 0), 10_000).up()).isFalse();
    assertThat(ProcessorHealth.readiness(evidence(State.REBALANCING, 3, 900, 0), 10_000).reason())
        .as("the restore, not the rebalance around it, is what one waits for").startsWith("3 store partitions are restoring");
  }

  private static ProcessorHealth.Evidence evidence(State state, int restoring, long toRestore, long inputLag) {
    return new ProcessorHealth.Evidence(1, state, restoring, toRestore, 0, inputLag);
  }
}
