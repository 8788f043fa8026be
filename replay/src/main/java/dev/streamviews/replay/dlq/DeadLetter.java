package dev.streamviews.replay.dlq;

import dev.streamviews.schemas.topics.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A record read from a dead-letter topic: the original key, value and headers, and the
 * {@code dlq.*} headers the processor added to say why and where from.
 */
record DeadLetter(ConsumerRecord<byte[], byte[]> record) {
  /** Headers a replayed record carries, so it can be told from a first delivery. */
  static final String REPLAY_OF = "replay.of";
  static final String REPLAYED_AT = "replay.time";

  Optional<String> sourceTopic() {
    return header(DeadLetterHeaders.SOURCE_TOPIC);
  }

  Optional<Integer> sourcePartition() {
    return header(DeadLetterHeaders.SOURCE_PARTITION).flatMap(DeadLetter::parseInt);
  }

  String reason() {
    return header(DeadLetterHeaders.REASON).orElse("");
  }

  /**
   * Where the record was first published, {@code topic/partition/offset}: the same for every copy
   * of this dead letter, which is what makes a replay once-only. A record sent back that failed
   * again keeps its {@code replay.of} header into the dead-letter topic, so it is known as the same
   * record and not sent back a second time. Empty when the headers are missing.
   */
  Optional<String> sourceCoordinates() {
    Optional<String> replayOf = header(REPLAY_OF);
    if (replayOf.isPresent()) {
      return replayOf;
    }
    Optional<String> topic = sourceTopic();
    Optional<String> partition = header(DeadLetterHeaders.SOURCE_PARTITION);
    Optional<String> offset = header(DeadLetterHeaders.SOURCE_OFFSET);
    if (topic.isEmpty() || partition.isEmpty() || offset.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(topic.get() + "/" + partition.get() + "/" + offset.get());
  }

  /** The original headers without the dead-letter ones, plus the replay marker. */
  Headers replayHeaders(String coordinates, String replayedAt) {
    Headers headers = new RecordHeaders();
    for (Header header : record.headers()) {
      if (!header.key().startsWith("dlq.") && !header.key().startsWith("replay.")) {
        headers.add(header);
      }
    }
    headers.add(REPLAY_OF, coordinates.getBytes(StandardCharsets.UTF_8));
    headers.add(REPLAYED_AT, replayedAt.getBytes(StandardCharsets.UTF_8));
    return headers;
  }

  /** The original record's timestamp, if the dead letter says it. */
  Optional<Long> sourceTimestamp() {
    return header(DeadLetterHeaders.SOURCE_TIMESTAMP).flatMap(text -> {
      try {
        return Optional.of(Long.parseLong(text));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    });
  }

  private Optional<String> header(String key) {
    Header header = record.headers().lastHeader(key);
    return header == null || header.value() == null ? Optional.empty()
        : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
  }

  private static Optional<Integer> parseInt(String text) {
    try {
      return Optional.of(Integer.parseInt(text.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
