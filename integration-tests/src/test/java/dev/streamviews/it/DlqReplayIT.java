package dev.streamviews.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamviews.fixtures.LocalClusterExtension;
import dev.streamviews.it.Pipeline.CliRun;
import dev.streamviews.schemas.events.OrderPlaced;
import dev.streamviews.schemas.registry.SchemaRegistryClient;
import dev.streamviews.schemas.topics.DeadLetterHeaders;
import dev.streamviews.schemas.topics.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Orders written with a schema the registry did not know yet are dead-lettered; once the schema
 * is registered (the id they carry is the one it gets), {@code replay dlq} sends them back, the
 * views count them, and a second replay sends nothing again.
 */
@ExtendWith({LocalClusterExtension.class, PipelineExtension.class})
class DlqReplayIT {
  private static final int POISONED = 5;
  private final Pipeline pipeline;

  DlqReplayIT(Pipeline pipeline) {
    this.pipeline = pipeline;
  }

  @Test
  void sendsDeadLettersBackOnceAfterTheirSchemaIsRegistered() throws Exception {
    String run = "dlq-" + UUID.randomUUID().toString().substring(0, 8);
    Schema evolved = orderPlacedWithGiftNote();
    int idItWillGet = nextSchemaId();
    List<String> orderIds = new ArrayList<>();
    try (KafkaProducer<String, byte[]> producer = producer()) {
      for (int i = 0; i < POISONED; i++) {
        String orderId = run + "-o" + i;
        orderIds.add(orderId);
        producer.send(new ProducerRecord<>(Topics.ORDERS.name(), null, Instant.parse("2026-11-01T12:00:00Z").toEpochMilli(), orderId,
            encode(evolved, idItWillGet, order(evolved, orderId, run + "-c", run + "-sku", i + 1)))).get();
      }
    }
    awaitDeadLettered(orderIds);
    CliRun dryRun = pipeline.replay("dlq", "--topic", Topics.ORDERS.name(), "--reason", "unknown to the schema registry", "--dry-run");
    assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
    assertThat(dryRun.out()).contains("Dry run: nothing sent.", "would send " + Topics.ORDERS.name() + "/");
    assertThat(replayedCopies(orderIds)).as("copies sent back by a dry run").isEmpty();

    SchemaRegistryClient registry = new SchemaRegistryClient(pipeline.cluster.schemaRegistryUrl());
    assertThat(registry.register(Topics.ORDERS.valueSubject(), evolved)).as("the id the poisoned records carry").isEqualTo(idItWillGet);
    // A processor remembers an id the registry did not know for a few seconds after its last look-up;
    // replayed before it forgets, the records would be dead-lettered again.
    assertThat(Prometheus.samples(pipeline.processorHttps(), "streamviews_schema_registry_unknown_ids"))
        .as("the gauge on every processor").hasSize(pipeline.processorHttps().size());
    Awaitility.await("processors forget the ids the registry did not know").atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> Prometheus.sum(pipeline.processorHttps(), "streamviews_schema_registry_unknown_ids") == 0);
    CliRun first = pipeline.replay("dlq", "--topic", Topics.ORDERS.name());
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).contains("Sent");
    for (String orderId : orderIds) {
      Awaitility.await(orderId + " in order-status").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
          .until(() -> ViewServiceCalls.get(pipeline.viewService, "/views/order-status/" + orderId).status() == 200);
    }
    int units = ViewServiceCalls.answer(pipeline.viewService, "/views/sku-sales-per-minute/" + run + "-sku/windows").body()
        .path("windows").path(0).path("units").asInt();
    assertThat(units).as("units of the replayed orders' sku").isEqualTo(POISONED * (POISONED + 1) / 2);

    CliRun second = pipeline.replay("dlq", "--topic", Topics.ORDERS.name());
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.out()).contains("0 to send back", "Sent 0 records");
    Map<String, Integer> copies = replayedCopies(orderIds);
    assertThat(copies).as("copies of each poisoned order sent back, after two replays").hasSize(POISONED)
        .allSatisfy((orderId, count) -> assertThat(count).as(orderId).isEqualTo(1));
  }

  @Test
  void anUnknownTopicIsOneLine() {
    CliRun run = pipeline.replay("dlq", "--topic", "shop.nothing");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().strip()).isEqualTo("replay dlq: unknown topic shop.nothing, shop.nothing.dlq on Kafka at "
        + pipeline.cluster.bootstrapServers());
  }

  /** OrderPlaced as a newer producer might write it: one optional field more. */
  private static Schema orderPlacedWithGiftNote() {
    Schema base = OrderPlaced.getClassSchema();
    List<Schema.Field> fields = new ArrayList<>();
    base.getFields().forEach(field -> fields.add(new Schema.Field(field, field.schema())));
    fields.add(new Schema.Field("giftNote", Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING)),
        "A note for the recipient.", Schema.Field.NULL_DEFAULT_VALUE));
    return Schema.createRecord(base.getName(), base.getDoc(), base.getNamespace(), false, fields);
  }

  private static GenericRecord order(Schema schema, String orderId, String customerId, String sku, int quantity) {
    Schema lineSchema = schema.getField("lines").schema().getElementType();
    GenericRecord line = new GenericData.Record(lineSchema);
    line.put("sku", sku);
    line.put("quantity", quantity);
    line.put("unitPriceCents", 100L);
    GenericRecord order = new GenericData.Record(schema);
    order.put("orderId", orderId);
    order.put("customerId", customerId);
    order.put("lines", List.of(line));
    order.put("placedAt", Instant.parse("2026-11-01T12:00:10Z").toEpochMilli());
    order.put("giftNote", "for you");
    return order;
  }

  /** Confluent's wire format: magic byte 0, the schema id, the Avro binary body. */
  private static byte[] encode(Schema schema, int id, GenericRecord record) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(ByteBuffer.allocate(5).put((byte) 0).putInt(id).array());
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
    encoder.flush();
    return out.toByteArray();
  }

  /** Ids are given in order from 1; the first id the registry cannot find is the next it gives. */
  private int nextSchemaId() {
    int id = 1;
    RegistryCalls registry = new RegistryCalls(pipeline.cluster.schemaRegistryUrl());
    while (registry.get("/schemas/ids/" + id).status() == 200) {
      id++;
    }
    return id;
  }

  private void awaitDeadLettered(List<String> orderIds) {
    Awaitility.await("poisoned orders dead-lettered").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
        .until(() -> {
          Map<String, Integer> found = new HashMap<>();
          TopicContents.readAll(pipeline.cluster.bootstrapServers(), List.of(Topics.deadLetterTopicOf(Topics.ORDERS.name()))).forEach(record -> {
            String key = key(record);
            if (orderIds.contains(key)) {
              assertThat(header(record, DeadLetterHeaders.REASON)).contains("unknown to the schema registry");
              found.merge(key, 1, Integer::sum);
            }
          });
          return found.size() == orderIds.size();
        });
  }

  /** Per poisoned order, how many records in shop.orders carry the replay marker. */
  private Map<String, Integer> replayedCopies(List<String> orderIds) {
    Map<String, Integer> copies = new HashMap<>();
    TopicContents.readAll(pipeline.cluster.bootstrapServers(), List.of(Topics.ORDERS.name())).forEach(record -> {
      if (orderIds.contains(key(record)) && record.headers().lastHeader("replay.of") != null) {
        copies.merge(key(record), 1, Integer::sum);
      }
    });
    return copies;
  }

  private static String key(ConsumerRecord<byte[], byte[]> record) {
    return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
    Header header = record.headers().lastHeader(key);
    return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
  }

  private KafkaProducer<String, byte[]> producer() {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.cluster.bootstrapServers());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
  }
}
