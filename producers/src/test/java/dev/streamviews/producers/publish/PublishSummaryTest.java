package dev.streamviews.producers.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The line the producer CLI ends a publish with. */
class PublishSummaryTest {
  @Test
  void saysHowManyRecordsWentWhereInHowLongAndAtWhatRate() {
    PublishSummary summary = new PublishSummary(1_000_000, 0, null, Map.of(), "trace", Duration.ofMillis(2_500), false);

    assertThat(summary.describeSent("shop.orders")).isEqualTo("sent 1000000 records to shop.orders in 2.500 s (400,000 records/s)");
  }

  @Test
  void givesNoRateForAPublishThatTookNoMeasurableTime() {
    PublishSummary summary = new PublishSummary(0, 0, null, Map.of(), "trace", Duration.ZERO, false);

    assertThat(summary.describeSent("shop.orders, shop.payments")).isEqualTo("sent 0 records to shop.orders, shop.payments in 0.000 s (0 records/s)");
  }
}
