package dev.streamviews.schemas.topics;

import java.util.Objects;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * A typed topic of the catalogue. Keys are always UTF-8 strings (so the CLI, the processors and
 * the view service compute the same partition for a key); values are Avro records of one type.
 *
 * @param spec name, partitions and cleanup policy
 * @param valueType the generated Avro class of the values
 * @param keyField the value field the key is taken from when publishing, if the key is one
 * @param timeField the value field holding the event's time, which publishers use as the
 *     record's timestamp, if the topic holds events
 * @param <V> the value type
 */
public record Topic<V extends SpecificRecord>(
    TopicSpec spec, Class<V> valueType, Optional<String> keyField, Optional<String> timeField) {

  public Topic {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(valueType, "valueType");
    Objects.requireNonNull(keyField, "keyField");
    Objects.requireNonNull(timeField, "timeField");
  }

  public String name() {
    return spec.name();
  }

  public int partitions() {
    return spec.partitions();
  }

  /** The writer schema of the values, taken from the generated class. */
  public Schema valueSchema() {
    return SpecificData.get().getSchema(valueType);
  }

  /** The dead-letter topic beside this topic, where records that cannot be read are kept. */
  public TopicSpec deadLetters() {
    return new TopicSpec(Topics.deadLetterTopicOf(name()), 1, CleanupPolicy.DELETE);
  }

  /** The schema-registry subject of the values (Confluent's topic-name strategy). */
  public String valueSubject() {
    return name() + "-value";
  }
}
