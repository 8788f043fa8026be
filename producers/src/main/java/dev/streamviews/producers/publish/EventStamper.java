package dev.streamviews.producers.publish;

import dev.streamviews.schemas.topics.Topic;
import java.time.Instant;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/**
 * Keys and stamps the events of one topic: the key from the value field the topic catalogue names,
 * the timestamp from its time field (or the clock, for a topic without one).
 *
 * <p>It finds the two fields' positions once per schema, not by name for every event: the
 * generator makes an event for every record the CLI publishes, and the look-ups by name were 2.5 %
 * of its sending thread when it publishes as fast as it can (figure A, docs/BENCHMARKS.md). Not
 * thread-safe: one per thread that makes events.
 */
public final class EventStamper {
  private static final int NONE = -1;

  private final Topic<?> topic;
  private final String keyField;
  /** The schema the positions below were found in: events of a topic almost always share one. */
  private Schema schema;
  private int keyPosition;
  private int timePosition;

  /** @throws IllegalArgumentException if the topic names no key field: it takes no events */
  public EventStamper(Topic<?> topic) {
    this.topic = topic;
    this.keyField = topic.keyField().orElseThrow(() -> new IllegalArgumentException(topic.name() + " takes no events"));
  }

  /** The event keyed by the topic's key field and stamped with its time field. */
  public OutgoingEvent stamp(IndexedRecord value) {
    Schema valueSchema = value.getSchema();
    if (valueSchema != schema) {
      keyPosition = positionOf(valueSchema, keyField);
      timePosition = topic.timeField().map(field -> positionOf(valueSchema, field)).orElse(NONE);
      schema = valueSchema;
    }
    Object key = value.get(keyPosition);
    long timestamp = timePosition == NONE ? System.currentTimeMillis() : millis(value.get(timePosition));
    return new OutgoingEvent(topic.name(), key == null ? null : key.toString(), timestamp, value);
  }

  private int positionOf(Schema valueSchema, String field) {
    Schema.Field found = valueSchema.getField(field);
    if (found == null) {
      throw new IllegalArgumentException(valueSchema.getFullName() + " has no field " + field + ", which " + topic.name() + " needs");
    }
    return found.pos();
  }

  /** Generated classes hold an {@link Instant}, generic records the epoch milliseconds. */
  private static long millis(Object time) {
    return time instanceof Instant instant ? instant.toEpochMilli() : ((Number) time).longValue();
  }
}
