package dev.streamviews.bench;

import dev.streamviews.schemas.events.OrderLine;
import dev.streamviews.schemas.events.OrderPlaced;
import dev.streamviews.schemas.registry.InMemorySchemaRegistry;
import dev.streamviews.schemas.serde.AvroDeserializer;
import dev.streamviews.schemas.serde.AvroSerializer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Figure F: an {@code OrderPlaced} written and read back by our serde (Confluent wire format,
 * schema id from a warmed registry cache, decoder limits) against Avro's
 * {@code SpecificDatumWriter}/{@code SpecificDatumReader} alone, each reusing what Avro lets it
 * reuse (encoder, decoder, stream), as careful hand-written code would.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SerdeBenchmark {
  private static final String TOPIC = "shop.orders";

  private OrderPlaced order;
  private AvroSerializer<OrderPlaced> serializer;
  private AvroDeserializer<OrderPlaced> deserializer;
  private SpecificDatumWriter<OrderPlaced> writer;
  private SpecificDatumReader<OrderPlaced> reader;
  private ByteArrayOutputStream buffer;
  private BinaryEncoder encoder;
  private BinaryDecoder decoder;

  @Setup
  public void setUp() {
    order = sampleOrder();
    InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    serializer = new AvroSerializer<>(registry, true);
    deserializer = new AvroDeserializer<>(registry, OrderPlaced.class);
    deserializer.deserialize(TOPIC, serializer.serialize(TOPIC, order)); // ids registered and cached
    writer = new SpecificDatumWriter<>(OrderPlaced.class);
    reader = new SpecificDatumReader<>(OrderPlaced.class);
    buffer = new ByteArrayOutputStream(256);
  }

  @Benchmark
  public OrderPlaced ourSerde() {
    return deserializer.deserialize(TOPIC, serializer.serialize(TOPIC, order));
  }

  @Benchmark
  public OrderPlaced avroAlone() throws IOException {
    buffer.reset();
    encoder = EncoderFactory.get().binaryEncoder(buffer, encoder);
    writer.write(order, encoder);
    encoder.flush();
    decoder = DecoderFactory.get().binaryDecoder(buffer.toByteArray(), decoder);
    return reader.read(null, decoder);
  }

  /** A typical order: three lines, ids and skus as the generator makes them. */
  static OrderPlaced sampleOrder() {
    return OrderPlaced.newBuilder()
        .setOrderId("o-000123456")
        .setCustomerId("c-004242")
        .setLines(List.of(new OrderLine("sku-0001", 2, 1999L), new OrderLine("sku-0042", 1, 4500L), new OrderLine("sku-0777", 5, 250L)))
        .setPlacedAt(Instant.parse("2026-11-01T10:15:30.123Z"))
        .build();
  }
}
