package dev.streamviews.processors.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

class ProcessorHealthTest {

  @Test
  void staysLiveThroughRebalancesAndRestores() {
    assertThat(ProcessorHealth.liveness(State.REBALANCING, 3, 1000, 0).up()).isTrue();
    assertThat(ProcessorHealth.liveness(State.RUNNING, 1, 10, 5).up()).isTrue();
    assertThat(ProcessorHealth.liveness(State.CREATED, 0, 0, 0).up()).isTrue();
  }

  @Test
  void isDeadOnlyWhenStreamsCannotRecoverByItself() {
    for (State state : new State[] {State.ERROR, State.PENDING_ERROR, State.NOT_RUNNING, State.PENDING_SHUTDOWN}) {
      HealthReport report = ProcessorHealth.liveness(state, 0, 0, 0);
      assertThat(report.up()).as(state.name()).isFalse();
      assertThat(report.reason()).contains(state.name());
    }
  }

  @Test
  void isReadyOnlyWhenRunningWithNothingToRestore() {
    assertThat(ProcessorHealth.readiness(State.RUNNING, 0, 0, 120).up()).isTrue();

    HealthReport restoring = ProcessorHealth.readiness(State.RUNNING, 2, 500, 120);
    assertThat(restoring.up()).isFalse();
    assertThat(restoring.reason()).isEqualTo("2 store partitions are restoring (500 records to go)");
    assertThat(ProcessorHealth.readiness(State.REBALANCING, 0, 0, 0).up()).isFalse();
  }
}
