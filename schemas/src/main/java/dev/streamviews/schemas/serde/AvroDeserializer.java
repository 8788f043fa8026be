package dev.streamviews.schemas.serde;

import dev.streamviews.schemas.registry.SchemaNotFoundException;
import dev.streamviews.schemas.registry.SchemaRegistry;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent-wire-format Avro into a generated class, resolving the writer's schema (found
 * by id in the registry) against the class's schema, so records written with an older or newer
 * compatible schema are read too. Thread-safe.
 *
 * <p>Throws {@link BadDataException} for bytes that can never be read, and lets
 * {@link dev.streamviews.schemas.registry.RegistryUnavailableException} through when the registry
 * cannot say what the schema id means: the two must be handled differently.
 *
 * @param <T> the generated class to read into
 */
public final class AvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {
  static {
    AvroDecoderLimits.install();
  }

  private final SchemaRegistry registry;
  private final Schema readerSchema;
  /** The class's conversions and Avro's generated decoders (GeneratedCoders), for readers of every writer schema. */
  private final SpecificData model;
  private final Map<Integer, DatumReader<T>> readersByWriterId = new ConcurrentHashMap<>();

  public AvroDeserializer(SchemaRegistry registry, Class<T> type) {
    this.registry = registry;
    this.readerSchema = SpecificData.get().getSchema(type);
    this.model = GeneratedCoders.modelFor(readerSchema);
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    int schemaId = WireFormat.schemaIdOf(data);
    DatumReader<T> reader = readerFor(schemaId);
    BinaryDecoder decoder = DecoderFactory.get()
        .binaryDecoder(data, WireFormat.HEADER_SIZE, data.length - WireFormat.HEADER_SIZE, null);
    T value;
    try {
      value = reader.read(null, decoder);
    } catch (IOException | RuntimeException e) {
      throw new BadDataException("payload does not fit schema id " + schemaId + " read as "
          + readerSchema.getName() + ": " + describe(e), e);
    }
    if (!isFullyRead(decoder)) {
      throw new BadDataException("payload has bytes left over after reading schema id " + schemaId);
    }
    return value;
  }

  private DatumReader<T> readerFor(int schemaId) {
    DatumReader<T> reader = readersByWriterId.get(schemaId);
    if (reader == null) {
      Schema writerSchema;
      try {
        writerSchema = registry.schemaById(schemaId);
      } catch (SchemaNotFoundException e) {
        throw new BadDataException("schema id " + schemaId + " is unknown to the schema registry", e);
      }
      reader = new SpecificDatumReader<>(writerSchema, readerSchema, model);
      readersByWriterId.put(schemaId, reader);
    }
    return reader;
  }

  private static boolean isFullyRead(BinaryDecoder decoder) {
    try {
      return decoder.isEnd();
    } catch (IOException e) {
      return false;
    }
  }

  private static String describe(Exception e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : " " + message);
  }
}
