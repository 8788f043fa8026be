package dev.streamviews.sinks.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
  private final MutableClock clock = new MutableClock();
  private final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(5), clock);

  @Test
  void opensAfterTheThresholdOfFailuresInARow() {
    breaker.failed();
    breaker.failed();
    assertThat(breaker.allowsCall()).isTrue();

    breaker.failed();

    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(breaker.allowsCall()).isFalse();
  }

  @Test
  void aSuccessResetsTheCount() {
    breaker.failed();
    breaker.failed();
    breaker.succeeded();
    breaker.failed();

    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  @Test
  void letsOneTrialThroughOnceOpenLongEnoughAndClosesOnItsSuccess() {
    open();
    clock.advance(Duration.ofSeconds(5));

    assertThat(breaker.allowsCall()).as("the trial").isTrue();
    assertThat(breaker.allowsCall()).as("no second call while the trial is out").isFalse();
    breaker.succeeded();

    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(breaker.allowsCall()).isTrue();
  }

  @Test
  void reopensWhenTheTrialFails() {
    open();
    clock.advance(Duration.ofSeconds(5));
    assertThat(breaker.allowsCall()).isTrue();

    breaker.failed();

    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
    clock.advance(Duration.ofSeconds(4));
    assertThat(breaker.allowsCall()).isFalse();
  }

  private void open() {
    for (int i = 0; i < 3; i++) {
      breaker.failed();
    }
  }

  private static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-11-01T00:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
