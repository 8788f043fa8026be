package dev.streamviews.schemas.serde;

import dev.streamviews.schemas.registry.SchemaRegistry;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro records in Confluent's wire format, registering each record's schema under the
 * subject {@code <topic>-value} (or {@code -key}) the first time it is seen. Thread-safe: Kafka
 * Streams shares one instance between its stream threads.
 *
 * @param <T> generated (specific) records or generic records
 */
public final class AvroSerializer<T extends IndexedRecord> implements Serializer<T> {
  private static final ThreadLocal<Encoding> ENCODING = ThreadLocal.withInitial(Encoding::new);

  private final SchemaRegistry registry;
  private final boolean autoRegister;
  /**
   * Generated classes need their logical-type conversions (Instant) and are written with Avro's
   * generated encoders where they have them ({@link GeneratedCoders}); generic records hold plain longs.
   */
  private final Map<Schema, DatumWriter<T>> specificWriters = new ConcurrentHashMap<>();
  private final Map<Schema, DatumWriter<T>> genericWriters = new ConcurrentHashMap<>();
  private volatile boolean isKey;
  /** Almost every call is for the same topic and schema as the last: skip the maps then. */
  private volatile KnownId lastId;

  /**
   * @param autoRegister register unknown schemas (producers) rather than only look them up
   */
  public AvroSerializer(SchemaRegistry registry, boolean autoRegister) {
    this.registry = registry;
    this.autoRegister = autoRegister;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    this.isKey = isKey;
  }

  @Override
  public byte[] serialize(String topic, T data) {
    if (data == null) {
      return null;
    }
    Schema schema = data.getSchema();
    int schemaId = schemaId(topic, schema);
    Encoding encoding = ENCODING.get();
    GrowableOutput out = encoding.out;
    out.reset(WireFormat.HEADER_SIZE);
    encoding.encoder = EncoderFactory.get().directBinaryEncoder(out, encoding.encoder);
    try {
      writerFor(data).write(data, encoding.encoder);
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("cannot write " + schema.getFullName() + " to " + topic + ": " + e.getMessage(), e);
    }
    WireFormat.writeHeader(out.buffer(), schemaId);
    return out.toByteArray();
  }

  private int schemaId(String topic, Schema schema) {
    KnownId last = lastId;
    if (last != null && last.schema == schema && last.topic.equals(topic)) {
      return last.id;
    }
    String subject = topic + (isKey ? "-key" : "-value");
    int id = autoRegister ? registry.register(subject, schema) : registry.idOf(subject, schema);
    lastId = new KnownId(topic, schema, id);
    return id;
  }

  private DatumWriter<T> writerFor(T data) {
    return data instanceof SpecificRecord
        ? specificWriters.computeIfAbsent(data.getSchema(), schema -> new SpecificDatumWriter<>(schema, GeneratedCoders.modelFor(schema)))
        : genericWriters.computeIfAbsent(data.getSchema(), GenericDatumWriter::new);
  }

  private record KnownId(String topic, Schema schema, int id) {}

  /** One thread's reusable buffer and encoder. */
  private static final class Encoding {
    final GrowableOutput out = new GrowableOutput();
    BinaryEncoder encoder;
  }
}
