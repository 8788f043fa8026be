package dev.streamviews.replay.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamviews.schemas.topics.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class DeadLetterTest {
  @Test
  void goesBackWithItsOwnHeadersAndAReplayMarkerButNotTheDeadLetterOnes() {
    DeadLetter letter = letter(headers("traceparent", "00-abc-def-01", DeadLetterHeaders.SOURCE_TOPIC, "shop.orders",
        DeadLetterHeaders.SOURCE_PARTITION, "3", DeadLetterHeaders.SOURCE_OFFSET, "42", DeadLetterHeaders.REASON, "unknown schema id 9"));

    Headers replayed = letter.replayHeaders(letter.sourceCoordinates().orElseThrow(), "2026-11-24T00:00:00Z");

    assertThat(letter.sourceCoordinates()).contains("shop.orders/3/42");
    assertThat(letter.sourcePartition()).contains(3);
    assertThat(text(replayed, "traceparent")).isEqualTo("00-abc-def-01");
    assertThat(text(replayed, DeadLetter.REPLAY_OF)).isEqualTo("shop.orders/3/42");
    assertThat(text(replayed, DeadLetter.REPLAYED_AT)).isEqualTo("2026-11-24T00:00:00Z");
    assertThat(replayed.toArray()).extracting(Header::key).noneMatch(key -> key.startsWith("dlq."));
  }

  @Test
  void aRecordSentBackThatFailedAgainIsKnownByWhereItWasFirstPublished() {
    DeadLetter again = letter(headers(DeadLetter.REPLAY_OF, "shop.orders/3/42", DeadLetterHeaders.SOURCE_TOPIC, "shop.orders",
        DeadLetterHeaders.SOURCE_PARTITION, "3", DeadLetterHeaders.SOURCE_OFFSET, "977"));

    assertThat(again.sourceCoordinates()).contains("shop.orders/3/42");
  }

  @Test
  void withoutSourceHeadersItCannotBePlaced() {
    DeadLetter letter = letter(headers(DeadLetterHeaders.SOURCE_TOPIC, "shop.orders"));

    assertThat(letter.sourceCoordinates()).isEqualTo(Optional.empty());
  }

  private static DeadLetter letter(Headers headers) {
    return new DeadLetter(new ConsumerRecord<>("shop.orders.dlq", 0, 7, 1000L, TimestampType.CREATE_TIME, 0, 0,
        "k".getBytes(StandardCharsets.UTF_8), new byte[] {1, 2}, headers, Optional.empty()));
  }

  private static Headers headers(String... keysAndValues) {
    Headers headers = new RecordHeaders();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      headers.add(keysAndValues[i], keysAndValues[i + 1].getBytes(StandardCharsets.UTF_8));
    }
    return headers;
  }

  private static String text(Headers headers, String key) {
    return new String(headers.lastHeader(key).value(), StandardCharsets.UTF_8);
  }
}
