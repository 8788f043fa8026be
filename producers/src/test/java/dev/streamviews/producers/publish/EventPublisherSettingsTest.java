package dev.streamviews.producers.publish;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class EventPublisherSettingsTest {
  @Test
  void aPublishAsFastAsPossibleLingersLongEnoughToFillItsBatches() {
    assertThat(EventPublisher.settingsFor(0)).containsEntry(ProducerConfig.LINGER_MS_CONFIG, EventPublisher.BULK_LINGER_MS);
    assertThat(EventPublisher.BULK_LINGER_MS).isGreaterThan(EventPublisher.LINGER_MS);
  }

  @Test
  void aPacedPublishSendsEachRecordWithinKafkasDefaultLinger() {
    assertThat(EventPublisher.settingsFor(500)).containsEntry(ProducerConfig.LINGER_MS_CONFIG, EventPublisher.LINGER_MS);
    assertThat(EventPublisher.LINGER_MS).isEqualTo(5);
  }
}
