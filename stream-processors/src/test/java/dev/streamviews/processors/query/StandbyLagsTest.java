package dev.streamviews.processors.query;

import static org.assertj.core.api.Assertions.assertThat;

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
  void aCopyTheLastReadingDoesNotKnowStartsANewReadingAtOnce() throws InterruptedException {
    Readings readings = new Readings(Map.of("order-status", Map.of(0, 3L)), Map.of("order-status", Map.of(0, 3L, 1, 7L)));
    StandbyLags lags = new StandbyLags(readings, NEVER_STALE, Duration.ZERO);

    assertThat(lags.of("order-status", 1)).as("not in the first reading").isEqualTo(-1);

    assertThat(awaitLag(lags, "order-status", 1, 7, Duration.ofSeconds(5))).as("known after the reading it started").isEqualTo(7);
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
  void aStaleReadingIsRefreshedWhileQuestionsGoOnWithIt() throws InterruptedException {
    Readings readings = new Readings(Map.of("order-status", Map.of(0, 3L)), Map.of("order-status", Map.of(0, 0L)));
    StandbyLags lags = new StandbyLags(readings, Duration.ofMillis(20), NEVER_STALE);

    assertThat(lags.of("order-status", 0)).isEqualTo(3);
    Thread.sleep(40);

    assertThat(awaitLag(lags, "order-status", 0, 0, Duration.ofSeconds(5))).isZero();
  }

  @Test
  void unknownCopiesStartNoMoreThanOneReadingInTheLeastGap() throws InterruptedException {
    Readings readings = new Readings(Map.of());
    StandbyLags lags = new StandbyLags(readings, NEVER_STALE, NEVER_STALE);

    for (int i = 0; i < 100; i++) {
      assertThat(lags.of("customer-spend", i % 6)).isEqualTo(-1);
    }
    Thread.sleep(100);

    assertThat(readings.count()).as("the first reading only: the next may start an hour later").isEqualTo(1);
  }

  /** Polls until the lag is the one expected, or the time is up; the last answer. */
  private static long awaitLag(StandbyLags lags, String store, int partition, long expected, Duration within)
      throws InterruptedException {
    long giveUpAt = System.nanoTime() + within.toNanos();
    long lag = lags.of(store, partition);
    while (lag != expected && System.nanoTime() < giveUpAt) {
      Thread.sleep(5);
      lag = lags.of(store, partition);
    }
    return lag;
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
