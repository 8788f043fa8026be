package dev.streamviews.producers.publish;

import dev.streamviews.schemas.topics.Topic;
import java.time.Instant;
import java.util.Objects;
import org.apache.avro.generic.IndexedRecord;

/**
 * An event on its way to a topic: key and timestamp are taken from the event's own fields, as the
 * topic catalogue names them, so every publisher keys and stamps the same way.
 */
public record OutgoingEvent(String topic, String key, long timestamp, IndexedRecord value) {
  public OutgoingEvent {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(value, "value");
  }

  /** The event keyed by the topic's key field and stamped with its time field. */
  public static OutgoingEvent of(Topic<?> topic, IndexedRecord value) {
    String keyField = topic.keyField().orElseThrow(() -> new IllegalArgumentException(topic.name() + " takes no events"));
    Object key = value.get(value.getSchema().getField(keyField).pos());
    long timestamp = topic.timeField().map(field -> millis(value.get(value.getSchema().getField(field).pos())))
        .orElseGet(System::currentTimeMillis);
    return new OutgoingEvent(topic.name(), key == null ? null : key.toString(), timestamp, value);
  }

  /** Generated classes hold an {@link Instant}, generic records the epoch milliseconds. */
  private static long millis(Object time) {
    return time instanceof Instant instant ? instant.toEpochMilli() : ((Number) time).longValue();
  }
}
