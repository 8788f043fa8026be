package dev.streamviews.processors.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class StandbyLagsTest {
  /** Long enough that no reading in a test goes stale by age: every refresh seen is one asked for. */
  private static final Duration NEVER_STALE = Duration.ofHours(1);

  @Test
  void aCopyTheLastReadingDoesNotKnowStartsANewReadingAtOnce() {
    Readings readings = new Readings(Map.of("order-status", Map.of(0, 3L)), Map.of("order-status", Map.of(0, 3L, 1, 7L)));
    StandbyLags lags = new StandbyLags(readings, NEVER_STALE, Duration.ZERO);

    assertThat(lags.of("order-status", 1)).as("not in the first reading").isEqualTo(-1);

    await("the reading it started").atMost(Duration.ofSeconds(5)).until(() -> lags.of("order-status", 1) == 7);
    assertThat(readings.count()).isEqualTo(2);
  }

  @Test
  void knownCopiesAreAnsweredFromTheLastReadingUntilItIsStale() {
    Readings readings = new Readings(Map.of("order-status", Map.of(0, 3L)));
    StandbyLags lags = new StandbyLags(readings, NEVER_STALE, Duration.ZERO);

    for (int i = 0; i < 100; i++) {
      assertThat(lags.of("order-status", 0)).isEqualTo(3);
    }
    assertThat(readings.count()).as("one reading for every question").isEqualTo(1);
  }

  @Test
  void aStaleReadingIsRefreshedWhileQuestionsGoOnWithIt() {
    Readings readings = new Readings(Map.of("order-status", Map.of(0, 3L)), Map.of("order-status", Map.of(0, 0L)));
    StandbyLags lags = new StandbyLags(readings, Duration.ofMillis(20), NEVER_STALE);

    assertThat(lags.of("order-status", 0)).as("the first reading, before it is stale").isEqualTo(3);

    await("the reading after it went stale").atMost(Duration.ofSeconds(5)).until(() -> lags.of("order-status", 0) == 0);
  }

  @Test
  void unknownCopiesStartNoMoreThanOneReadingInTheLeastGap() {
    Readings readings = new Readings(Map.of());
    StandbyLags lags = new StandbyLags(readings, NEVER_STALE, NEVER_STALE);

    for (int i = 0; i < 100; i++) {
      assertThat(lags.of("customer-spend", i % 6)).isEqualTo(-1);
    }

    // The first reading only, for as long as a refresh started by those questions would need to show.
    await("no second reading").during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1)).until(() -> readings.count() == 1);
  }

  /** Readings handed out in turn, the last one again once they run out; counts how many were taken. */
  private static final class Readings implements Supplier<Map<String, Map<Integer, Long>>> {
    private final List<Map<String, Map<Integer, Long>>> queue;
    private final AtomicInteger taken = new AtomicInteger();

    @SafeVarargs
    Readings(Map<String, Map<Integer, Long>>... readings) {
      this.queue = new CopyOnWriteArrayList<>(readings);
    }

    @Override
    public Map<String, Map<Integer, Long>> get() {
      int index = taken.getAndIncrement();
      return queue.get(Math.min(index, queue.size() - 1));
    }

    int count() {
      return taken.get();
    }
  }
}
