package dev.streamviews.schemas.serde;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * View values as they cross the internal query API: Avro single-object encoding, whose schema
 * fingerprint makes a reader with another schema fail loudly instead of misreading.
 */
public final class ViewValueCodec {
  private static final Map<Class<?>, BinaryMessageEncoder<SpecificRecord>> ENCODERS = new ConcurrentHashMap<>();
  private static final Map<Class<?>, BinaryMessageDecoder<?>> DECODERS = new ConcurrentHashMap<>();

  private ViewValueCodec() {}

  public static byte[] encode(SpecificRecord value) {
    BinaryMessageEncoder<SpecificRecord> encoder = ENCODERS.computeIfAbsent(value.getClass(),
        type -> new BinaryMessageEncoder<>(GeneratedCoders.modelFor(value.getSchema()), value.getSchema()));
    try {
      ByteBuffer buffer = encoder.encode(value);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  public static <V extends SpecificRecord> V decode(Class<V> type, byte[] bytes) {
    BinaryMessageDecoder<V> decoder = (BinaryMessageDecoder<V>) DECODERS.computeIfAbsent(type,
        t -> {
          Schema schema = SpecificData.get().getSchema(type);
          return new BinaryMessageDecoder<V>(GeneratedCoders.modelFor(schema), schema);
        });
    try {
      return decoder.decode(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read a " + type.getSimpleName() + " from the query API", e);
    }
  }
}
