package dev.streamviews.processors.topology;

import dev.streamviews.schemas.serde.BadDataException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Refuses a missing key or value as bad data, so such a record is dead-lettered like any other
 * unreadable one instead of reaching a processor as null.
 */
final class RequiredDeserializer<T> implements Deserializer<T> {
  private final Deserializer<T> inner;
  private final String part;

  RequiredDeserializer(Deserializer<T> inner, String part) {
    this.inner = inner;
    this.part = part;
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      throw new BadDataException("record has no " + part + "; every record of " + topic + " needs one");
    }
    return inner.deserialize(topic, data);
  }

  @Override
  public T deserialize(String topic, Headers headers, byte[] data) {
    return deserialize(topic, data);
  }
}
