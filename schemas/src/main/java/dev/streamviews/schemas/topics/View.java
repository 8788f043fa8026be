package dev.streamviews.schemas.topics;

import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/**
 * A materialized view: a state store of the processors, emitted to a compacted topic and served
 * by the view service under {@code /views/{name}}.
 *
 * @param name the view's public name, also its state store's name
 * @param shape key-value or windowed
 * @param topic the compacted topic the view is emitted to
 * @param keyName what the key is, for people reading {@code GET /views}
 * @param <V> the view's value type
 */
public record View<V extends SpecificRecord>(String name, ViewShape shape, Topic<V> topic, String keyName) {
  public View {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(shape, "shape");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(keyName, "keyName");
  }

  /** The Kafka Streams state store that holds the view. */
  public String storeName() {
    return name;
  }

  public Class<V> valueType() {
    return topic.valueType();
  }
}
