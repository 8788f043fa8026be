package dev.streamviews.producers.publish;

import dev.streamviews.schemas.topics.Topic;
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

  /**
   * The event keyed by the topic's key field and stamped with its time field. For many events of
   * one topic, an {@link EventStamper} kept for them does the same without finding the fields by
   * name each time.
   */
  public static OutgoingEvent of(Topic<?> topic, IndexedRecord value) {
    return new EventStamper(topic).stamp(value);
  }
}
