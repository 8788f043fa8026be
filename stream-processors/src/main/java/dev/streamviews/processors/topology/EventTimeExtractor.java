package dev.streamviews.processors.topology;

import dev.streamviews.schemas.topics.Topic;
import java.time.Instant;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time is the event's own time field (placedAt, capturedAt, at), as the catalogue names it,
 * not the record's timestamp: a producer that stamps records with "now" must not move an order
 * into another minute's window.
 */
final class EventTimeExtractor implements TimestampExtractor {
  private final String timeField;

  EventTimeExtractor(Topic<?> topic) {
    this.timeField = topic.timeField().orElseThrow(() -> new IllegalArgumentException(topic.name() + " has no time field"));
  }

  @Override
  public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
    if (record.value() instanceof SpecificRecord value) {
      Schema.Field field = value.getSchema().getField(timeField);
      if (field != null && value.get(field.pos()) instanceof Instant time) {
        return time.toEpochMilli();
      }
    }
    return record.timestamp() >= 0 ? record.timestamp() : partitionTime;
  }
}
