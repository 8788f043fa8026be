package dev.streamviews.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamviews.schemas.events.OrderLine;
import dev.streamviews.schemas.events.OrderPlaced;
import dev.streamviews.schemas.events.PaymentCaptured;
import dev.streamviews.schemas.events.PaymentMethod;
import dev.streamviews.schemas.registry.InMemorySchemaRegistry;
import dev.streamviews.schemas.registry.RegistryUnavailableException;
import dev.streamviews.schemas.registry.SchemaRegistry;
import dev.streamviews.schemas.topics.Topics;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.SystemLimitException;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {
  private static final String TOPIC = Topics.ORDERS.name();

  private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
  private final AvroSerializer<OrderPlaced> serializer = new AvroSerializer<>(registry, true);
  private final AvroDeserializer<OrderPlaced> deserializer = new AvroDeserializer<>(registry, OrderPlaced.class);

  @Test
  void readsBackWhatItWrote() {
    OrderPlaced order = order("o-1");

    OrderPlaced read = deserializer.deserialize(TOPIC, serializer.serialize(TOPIC, order));

    assertThat(read).isEqualTo(order);
    assertThat(read.getPlacedAt()).isEqualTo(Instant.parse("2026-11-01T10:15:30.123Z"));
  }

  @Test
  void writesTheConfluentWireFormatWithTheRegisteredId() {
    byte[] payload = serializer.serialize(TOPIC, order("o-1"));

    int registeredId = registry.idOf(Topics.ORDERS.valueSubject(), OrderPlaced.getClassSchema());
    assertThat(payload[0]).isEqualTo(WireFormat.MAGIC_BYTE);
    assertThat(ByteBuffer.wrap(payload, 1, 4).getInt()).isEqualTo(registeredId);
    assertThat(registry.subjects()).containsExactly("shop.orders-value");
  }

  @Test
  void callsTheRegistryOncePerTopicAndSchema() {
    CountingRegistry counting = new CountingRegistry(registry);
    AvroSerializer<OrderPlaced> countingSerializer = new AvroSerializer<>(counting, true);

    for (int i = 0; i < 100; i++) {
      countingSerializer.serialize(TOPIC, order("o-" + i));
    }

    assertThat(counting.registrations).isEqualTo(1);
  }

  @Test
  void refusesPlainJsonAsAWrongMagicByte() {
    byte[] json = "{\"orderId\":\"o-1\"}".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> deserializer.deserialize(TOPIC, json))
        .isInstanceOf(BadDataException.class)
        .hasMessageContaining("magic byte 0x7b");
  }

  @Test
  void refusesPayloadsShorterThanTheHeader() {
    for (int length = 0; length <= 4; length++) {
      byte[] shortPayload = new byte[length];
      assertThatThrownBy(() -> deserializer.deserialize(TOPIC, shortPayload))
          .isInstanceOf(BadDataException.class)
          .hasMessageContaining("shorter than the 5-byte wire-format header");
    }
  }

  @Test
  void refusesASchemaIdTheRegistryDoesNotKnow() {
    byte[] payload = serializer.serialize(TOPIC, order("o-1"));
    ByteBuffer.wrap(payload).putInt(1, 4242);

    assertThatThrownBy(() -> deserializer.deserialize(TOPIC, payload))
        .isInstanceOf(BadDataException.class)
        .hasMessageContaining("schema id 4242 is unknown");
  }

  @Test
  void refusesATruncatedBody() {
    byte[] payload = serializer.serialize(TOPIC, order("o-1"));
    byte[] truncated = Arrays.copyOf(payload, payload.length - 6);

    assertThatThrownBy(() -> deserializer.deserialize(TOPIC, truncated))
        .isInstanceOf(BadDataException.class)
        .hasMessageContaining("does not fit schema id");
  }

  @Test
  void refusesBytesLeftOverAfterTheRecord() {
    byte[] payload = serializer.serialize(TOPIC, order("o-1"));
    byte[] padded = Arrays.copyOf(payload, payload.length + 3);

    assertThatThrownBy(() -> deserializer.deserialize(TOPIC, padded))
        .isInstanceOf(BadDataException.class)
        .hasMessageContaining("left over");
  }

  @Test
  void refusesAForgedStringLengthWithoutAllocatingIt() throws Exception {
    int id = registry.register(Topics.ORDERS.valueSubject(), OrderPlaced.getClassSchema());
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(body, null);
    encoder.writeLong(Integer.MAX_VALUE - 8); // orderId "is" two gigabytes long
    encoder.flush();
    byte[] payload = withHeader(id, body.toByteArray());

    assertThatThrownBy(() -> deserializer.deserialize(TOPIC, payload))
        .isInstanceOf(BadDataException.class)
        .hasRootCauseInstanceOf(SystemLimitException.class);
  }

  @Test
  void readsRecordsOfAnOlderAndANewerCompatibleSchema() {
    Schema newer = SchemaBuilder.record("OrderPlaced").namespace("dev.streamviews.schemas.events")
        .fields()
        .requiredString("orderId")
        .requiredString("customerId")
        .name("lines").type().array().items(OrderLine.getClassSchema()).noDefault()
        .name("placedAt").type(OrderPlaced.getClassSchema().getField("placedAt").schema()).noDefault()
        .name("channel").type().stringType().stringDefault("web")
        .endRecord();
    GenericRecord newerOrder = new GenericData.Record(newer);
    newerOrder.put("orderId", "o-2");
    newerOrder.put("customerId", "c-2");
    newerOrder.put("lines", List.of());
    newerOrder.put("placedAt", 1_000L);
    newerOrder.put("channel", "app");
    byte[] payload = new AvroSerializer<GenericRecord>(registry, true).serialize(TOPIC, newerOrder);

    OrderPlaced read = deserializer.deserialize(TOPIC, payload);

    assertThat(read.getOrderId()).isEqualTo("o-2");
    assertThat(read.getPlacedAt()).isEqualTo(Instant.ofEpochMilli(1_000));
  }

  @Test
  void writesTheBytesAvroWritesWithoutItsGeneratedEncoders() throws Exception {
    OrderPlaced order = order("o-3");
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(plain, null);
    new SpecificDatumWriter<>(OrderPlaced.class).write(order, encoder);
    encoder.flush();

    byte[] payload = serializer.serialize(TOPIC, order);

    assertThat(Arrays.copyOfRange(payload, WireFormat.HEADER_SIZE, payload.length)).isEqualTo(plain.toByteArray());
  }

  @Test
  void writesTheLinesWithAvrosGeneratedEncoderNotFieldByField() {
    FieldCountingLine line = new FieldCountingLine();
    OrderPlaced order = OrderPlaced.newBuilder(order("o-5")).setLines(List.of(line)).build();

    OrderPlaced read = deserializer.deserialize(TOPIC, serializer.serialize(TOPIC, order));

    assertThat(read.getLines()).containsExactly(new OrderLine("sku-7", 4, 250L));
    assertThat(line.fieldsRead).isZero();
  }

  @Test
  void readsLinesWrittenWithTheirFieldsInAnotherOrderAndOneMore() {
    // The lines are read by Avro's generated decoder, which must follow the writer's field order.
    Schema newerLine = SchemaBuilder.record("OrderLine").namespace("dev.streamviews.schemas.events")
        .fields()
        .name("unitPriceCents").type().longType().noDefault()
        .name("giftWrapped").type().booleanType().booleanDefault(false)
        .requiredString("sku")
        .name("quantity").type().intType().noDefault()
        .endRecord();
    Schema newer = SchemaBuilder.record("OrderPlaced").namespace("dev.streamviews.schemas.events")
        .fields()
        .requiredString("orderId")
        .requiredString("customerId")
        .name("lines").type().array().items(newerLine).noDefault()
        .name("placedAt").type(OrderPlaced.getClassSchema().getField("placedAt").schema()).noDefault()
        .endRecord();
    GenericRecord line = new GenericData.Record(newerLine);
    line.put("unitPriceCents", 1999L);
    line.put("giftWrapped", true);
    line.put("sku", "sku-9");
    line.put("quantity", 3);
    GenericRecord newerOrder = new GenericData.Record(newer);
    newerOrder.put("orderId", "o-4");
    newerOrder.put("customerId", "c-4");
    newerOrder.put("lines", List.of(line, line));
    newerOrder.put("placedAt", 2_000L);
    byte[] payload = new AvroSerializer<GenericRecord>(registry, true).serialize(TOPIC, newerOrder);

    OrderPlaced read = deserializer.deserialize(TOPIC, payload);

    assertThat(read.getLines()).containsExactly(new OrderLine("sku-9", 3, 1999L), new OrderLine("sku-9", 3, 1999L));
    assertThat(read.getPlacedAt()).isEqualTo(Instant.ofEpochMilli(2_000));
  }

  @Test
  void refusesARecordOfAnotherTypeAsBadData() {
    AvroSerializer<PaymentCaptured> payments = new AvroSerializer<>(registry, true);
    byte[] payment = payments.serialize(Topics.PAYMENTS.name(), PaymentCaptured.newBuilder()
        .setPaymentId("p-1").setOrderId("o-1").setAmountCents(100).setMethod(PaymentMethod.CARD)
        .setCapturedAt(Instant.EPOCH).build());

    assertThatThrownBy(() -> deserializer.deserialize(TOPIC, payment))
        .isInstanceOf(BadDataException.class);
  }

  @Test
  void letsAnUnavailableRegistryThroughAsSuchNotAsBadData() {
    byte[] payload = serializer.serialize(TOPIC, order("o-1"));
    SchemaRegistry down = new CountingRegistry(registry) {
      @Override
      public Schema schemaById(int id) {
        throw new RegistryUnavailableException("down", null);
      }
    };

    assertThatThrownBy(() -> new AvroDeserializer<>(down, OrderPlaced.class).deserialize(TOPIC, payload))
        .isInstanceOf(RegistryUnavailableException.class);
  }

  @Test
  void passesNullThroughForTombstones() {
    assertThat(serializer.serialize(TOPIC, null)).isNull();
    assertThat(deserializer.deserialize(TOPIC, null)).isNull();
  }

  private static OrderPlaced order(String orderId) {
    return OrderPlaced.newBuilder()
        .setOrderId(orderId)
        .setCustomerId("c-1")
        .setLines(List.of(new OrderLine("sku-1", 2, 1999L), new OrderLine("sku-2", 1, 500L)))
        .setPlacedAt(Instant.parse("2026-11-01T10:15:30.123Z"))
        .build();
  }

  private static byte[] withHeader(int id, byte[] body) {
    byte[] payload = new byte[WireFormat.HEADER_SIZE + body.length];
    WireFormat.writeHeader(payload, id);
    System.arraycopy(body, 0, payload, WireFormat.HEADER_SIZE, body.length);
    return payload;
  }

  /** A line that counts the fields read from it one at a time, as Avro does without generated encoders. */
  private static final class FieldCountingLine extends OrderLine {
    int fieldsRead;

    FieldCountingLine() {
      super("sku-7", 4, 250L);
    }

    @Override
    public Object get(int field) {
      fieldsRead++;
      return super.get(field);
    }
  }

  private static class CountingRegistry implements SchemaRegistry {
    private final SchemaRegistry delegate;
    int registrations;

    CountingRegistry(SchemaRegistry delegate) {
      this.delegate = delegate;
    }

    @Override
    public int register(String subject, Schema schema) {
      registrations++;
      return delegate.register(subject, schema);
    }

    @Override
    public int idOf(String subject, Schema schema) {
      return delegate.idOf(subject, schema);
    }

    @Override
    public Schema schemaById(int id) {
      return delegate.schemaById(id);
    }
  }
}
