package dev.streamviews.producers.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamviews.schemas.events.OrderPlaced;
import dev.streamviews.schemas.registry.InMemorySchemaRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * An interrupt stops a publish, here without a broker (nothing listens at its address): what it
 * does with records it sent before is the producer CLI's integration test (ProducerCliIT).
 */
class EventPublisherInterruptTest {
  private static final String NO_BROKER = "127.0.0.1:1";

  @Test
  void anInterruptedThreadTakesNoEventAndTheSummarySaysItWasInterrupted() {
    CountingEvents events = new CountingEvents();
    try (EventPublisher publisher = new EventPublisher(NO_BROKER, new InMemorySchemaRegistry(), Map.of())) {
      Thread.currentThread().interrupt();

      PublishSummary summary = publisher.publish(events, 10, ProgressListener.SILENT);

      assertThat(summary.interrupted()).isTrue();
      assertThat(summary.sent()).isZero();
      assertThat(events.taken.get()).as("events taken from the source").isZero();
      assertThat(Thread.currentThread().isInterrupted()).as("the interrupt is consumed, so the producer can close").isFalse();
    }
  }

  @Test
  void anInterruptWhileASendWaitsForTheClusterStopsThePublish() throws Exception {
    CountingEvents events = new CountingEvents();
    try (EventPublisher publisher = new EventPublisher(NO_BROKER, new InMemorySchemaRegistry(), Map.of())) {
      // The first send waits for the topic's metadata, which never comes.
      FutureTask<PublishSummary> summary = new FutureTask<>(() -> publisher.publish(events, 0, ProgressListener.SILENT));
      Thread thread = new Thread(summary, "publish-to-interrupt");
      thread.start();
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> events.taken.get() > 0);
      thread.interrupt();

      PublishSummary result = summary.get(10, TimeUnit.SECONDS); // sooner than the producer's 15 s max.block.ms

      assertThat(result.interrupted()).isTrue();
      assertThat(result.sent()).isZero();
      assertThat(result.failed()).isZero();
      assertThat(events.taken.get()).as("only the event whose send was interrupted").isEqualTo(1);
    }
  }

  /** Orders without end, counting how many were taken. */
  private static final class CountingEvents implements Iterator<OutgoingEvent> {
    final AtomicInteger taken = new AtomicInteger();

    @Override
    public boolean hasNext() {
      return true;
    }

    @Override
    public OutgoingEvent next() {
      int n = taken.incrementAndGet();
      OrderPlaced order = new OrderPlaced("o-" + n, "c-1", List.of(), Instant.ofEpochMilli(n));
      return new OutgoingEvent("shop.orders", order.getOrderId(), n, order);
    }
  }
}
