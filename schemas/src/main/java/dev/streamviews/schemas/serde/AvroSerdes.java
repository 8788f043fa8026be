package dev.streamviews.schemas.serde;

import dev.streamviews.schemas.registry.SchemaRegistry;
import dev.streamviews.schemas.topics.Topic;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Serdes for the values of a catalogue topic. */
public final class AvroSerdes {
  private AvroSerdes() {}

  /** Writes (registering the schema if need be) and reads the values of the topic. */
  public static <V extends SpecificRecord> Serde<V> valuesOf(Topic<V> topic, SchemaRegistry registry) {
    return Serdes.serdeFrom(new AvroSerializer<>(registry, true), new AvroDeserializer<>(registry, topic.valueType()));
  }
}
