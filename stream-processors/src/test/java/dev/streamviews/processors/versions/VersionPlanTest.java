package dev.streamviews.processors.versions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamviews.schemas.control.PipelineState;
import dev.streamviews.schemas.control.PipelineStates;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VersionPlanTest {

  @Test
  void startsTheServingVersionOnAFreshInstance() {
    VersionPlan plan = VersionPlan.between(Set.of(), Set.of(), null, state(1, null));

    assertThat(plan.start()).containsExactly(1);
    assertThat(plan.retireNow()).isEmpty();
    assertThat(plan.retireLater()).isEmpty();
  }

  @Test
  void startsABuildBesideTheServingVersion() {
    VersionPlan plan = VersionPlan.between(Set.of(1), Set.of(), state(1, null), state(1, 2));

    assertThat(plan.start()).containsExactly(2);
    assertThat(plan.retireNow()).isEmpty();
  }

  @Test
  void letsTheVersionThatServedUntilTheSwitchDrainBeforeItRetires() {
    VersionPlan plan = VersionPlan.between(Set.of(1, 2), Set.of(), state(1, 2), state(2, null));

    assertThat(plan.start()).isEmpty();
    assertThat(plan.retireLater()).containsExactly(1);
    assertThat(plan.retireNow()).isEmpty();
  }

  @Test
  void stopsAnAbandonedBuildAtOnce() {
    VersionPlan plan = VersionPlan.between(Set.of(1, 2), Set.of(), state(1, 2), state(1, null));

    assertThat(plan.retireNow()).containsExactly(2);
    assertThat(plan.retireLater()).isEmpty();
  }

  @Test
  void doesNotRetireTwiceWhatIsAlreadyRetiring() {
    VersionPlan plan = VersionPlan.between(Set.of(1, 2), Set.of(1), state(2, null), state(2, null));

    assertThat(plan.retireNow()).isEmpty();
    assertThat(plan.retireLater()).isEmpty();
    assertThat(plan.keep()).isEmpty();
  }

  @Test
  void keepsAVersionDueToRetireThatServesAgain() {
    VersionPlan plan = VersionPlan.between(Set.of(1, 2), Set.of(1), state(2, null), state(1, null));

    assertThat(plan.keep()).containsExactly(1);
    assertThat(plan.start()).isEmpty();
    assertThat(plan.retireLater()).containsExactly(2);
  }

  @Test
  void startsOnlyTheNewServingVersionAfterARestartPastTheSwitch() {
    VersionPlan plan = VersionPlan.between(Set.of(), Set.of(), null, state(2, null));

    assertThat(plan.start()).containsExactly(2);
  }

  private static PipelineState state(int serving, Integer building) {
    return PipelineState.newBuilder(PipelineStates.initial()).setServingVersion(serving).setBuildingVersion(building).build();
  }
}
