package dev.streamviews.processors.deadletter;

import dev.streamviews.schemas.topics.DeadLetterHeaders;
import dev.streamviews.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** The dead-letter copy of a record: its key, value and headers as they were, plus why, from where and when. */
final class DeadLetterRecord {
  /** Where a record came from, as Kafka Streams reports it to an error handler. */
  record Source(String topic, int partition, long offset, long timestamp, byte[] key, byte[] value, Headers headers) {}

  private DeadLetterRecord() {}

  static ProducerRecord<byte[], byte[]> of(Source source, String reason, Throwable cause, String applicationId, Instant now) {
    Headers headers = new RecordHeaders(source.headers() == null ? new org.apache.kafka.common.header.Header[0] : source.headers().toArray());
    add(headers, DeadLetterHeaders.REASON, reason);
    add(headers, DeadLetterHeaders.EXCEPTION, cause.getClass().getName());
    add(headers, DeadLetterHeaders.SOURCE_TOPIC, source.topic());
    add(headers, DeadLetterHeaders.SOURCE_PARTITION, Integer.toString(source.partition()));
    add(headers, DeadLetterHeaders.SOURCE_OFFSET, Long.toString(source.offset()));
    add(headers, DeadLetterHeaders.SOURCE_TIMESTAMP, Long.toString(source.timestamp()));
    add(headers, DeadLetterHeaders.DEAD_LETTERED_AT, now.toString());
    add(headers, DeadLetterHeaders.APPLICATION, applicationId);
    return new ProducerRecord<>(Topics.deadLetterTopicOf(source.topic()), null, now.toEpochMilli(), source.key(),
        source.value(), headers);
  }

  private static void add(Headers headers, String name, String value) {
    headers.remove(name); // a record dead-lettered before, replayed and dead-lettered again: say the latest
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}
