package dev.streamviews.processors.streams;

import dev.streamviews.processors.deadletter.DeadLetterCounter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

/** The dead-letter count as the metric {@code streamviews_dead_letters_total{topic=...}}. */
@Singleton
public final class DeadLetterMetrics implements DeadLetterCounter {
  private final MeterRegistry meters;

  public DeadLetterMetrics(MeterRegistry meters) {
    this.meters = meters;
  }

  @Override
  public void deadLettered(String sourceTopic) {
    Counter.builder("streamviews.dead.letters")
        .description("Records sent to a dead-letter topic, by the topic they came from")
        .tag("topic", sourceTopic)
        .register(meters)
        .increment();
  }
}
