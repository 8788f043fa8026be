package dev.streamviews.processors.topology;

import dev.streamviews.schemas.registry.SchemaRegistry;
import dev.streamviews.schemas.serde.AvroDeserializer;
import dev.streamviews.schemas.serde.AvroSerdes;
import dev.streamviews.schemas.serde.AvroSerializer;
import dev.streamviews.schemas.topics.Topic;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The serdes of the processor's topics and stores, all Avro in the wire format against one
 * schema registry. One instance per topic, so each caches its schema ids once.
 */
public final class TopologySerdes {
  private final SchemaRegistry registry;
  private final Serde<String> keys =
      Serdes.serdeFrom(new StringSerializer(), new RequiredDeserializer<>(new StringDeserializer(), "key"));
  private final Map<Object, Serde<?>> serdes = new ConcurrentHashMap<>();

  public TopologySerdes(SchemaRegistry registry) {
    this.registry = registry;
  }

  /** Keys of every topic: UTF-8 strings, never missing. */
  public Serde<String> keys() {
    return keys;
  }

  /** Events of an input topic: a missing value is bad data. */
  @SuppressWarnings("unchecked")
  public <V extends SpecificRecord> Serde<V> events(Topic<V> topic) {
    return (Serde<V>) serdes.computeIfAbsent(topic, t -> Serdes.serdeFrom(new AvroSerializer<V>(registry, true),
        new RequiredDeserializer<>(new AvroDeserializer<>(registry, topic.valueType()), "value")));
  }

  /** Values of a view topic. */
  @SuppressWarnings("unchecked")
  public <V extends SpecificRecord> Serde<V> views(Topic<V> topic) {
    return (Serde<V>) serdes.computeIfAbsent(topic, t -> AvroSerdes.valuesOf(topic, registry));
  }

  /** Values of a state store; their schema is registered under the store's changelog subject. */
  @SuppressWarnings("unchecked")
  public <V extends SpecificRecord> Serde<V> state(Class<V> type) {
    return (Serde<V>) serdes.computeIfAbsent(type, t ->
        Serdes.serdeFrom(new AvroSerializer<V>(registry, true), new AvroDeserializer<>(registry, type)));
  }
}
