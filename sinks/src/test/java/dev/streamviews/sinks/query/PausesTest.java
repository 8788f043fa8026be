package dev.streamviews.sinks.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamviews.sinks.config.ViewServiceSettings;
import dev.streamviews.sinks.routing.Deadline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PausesTest {
  @Test
  void doublesFromTheFirstPauseUpToTheLongest() {
    Pauses pauses = new Pauses(settings(Duration.ofHours(1), Duration.ofHours(1)));
    Deadline farOff = Deadline.after(Duration.ofHours(1));
    List<Duration> taken = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      taken.add(pauses.next(farOff).orElseThrow());
    }

    assertThat(taken.get(0)).isEqualTo(Pauses.FIRST);
    assertThat(taken.get(1)).isEqualTo(Pauses.FIRST.multipliedBy(2));
    assertThat(taken).allSatisfy(pause -> assertThat(pause).isLessThanOrEqualTo(Pauses.LONGEST));
    assertThat(taken.subList(4, 6)).containsOnly(Pauses.LONGEST);
  }

  @Test
  void waitsNoLongerThanRetryAfterNorThanTheRequestsDeadline() {
    assertThat(Pauses.budget(settings(Duration.ofSeconds(2), Duration.ofSeconds(1)))).isEqualTo(Duration.ofSeconds(1));
    assertThat(Pauses.budget(settings(Duration.ofMillis(700), Duration.ofSeconds(1)))).isEqualTo(Duration.ofMillis(700));
  }

  @Test
  void givesNoPauseThatWouldEndPastTheTimeToWaitOrLeaveTheDeadlineNoRoom() {
    Pauses shortWait = new Pauses(settings(Duration.ofSeconds(2), Duration.ofMillis(30)));
    assertThat(shortWait.next(Deadline.after(Duration.ofSeconds(2)))).as("50 ms do not fit in 30 ms of waiting").isEmpty();

    Pauses longWait = new Pauses(settings(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    assertThat(longWait.next(Deadline.after(Duration.ofMillis(80)))).as("no room for a round after 50 ms").isEmpty();
    assertThat(longWait.next(Deadline.after(Duration.ofSeconds(2)))).contains(Pauses.FIRST.multipliedBy(2));
  }

  private static ViewServiceSettings settings(Duration requestTimeout, Duration retryAfter) {
    return new ViewServiceSettings(List.of(), Duration.ofMillis(500), requestTimeout, Duration.ofSeconds(10), retryAfter, 3,
        Duration.ofSeconds(5));
  }
}
