package dev.streamviews.it;

import static dev.streamviews.fixtures.Events.anOrder;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamviews.fixtures.LocalClusterExtension;
import dev.streamviews.schemas.events.OrderPlaced;
import dev.streamviews.schemas.registry.SchemaRegistryClient;
import dev.streamviews.schemas.serde.AvroDeserializer;
import dev.streamviews.schemas.serde.AvroSerializer;
import dev.streamviews.schemas.topics.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Confluent's own Python client (Debian's python3-confluent-kafka 1.7, installed by .ci/run)
 * against our registry, our serde and our processor. Its legacy AvroProducer and AvroConsumer
 * Avro-encode keys too, so they run on scratch topics with null keys; records for the pipeline
 * (whose keys are plain UTF-8) are encoded by Confluent's MessageSerializer, the encoder inside
 * AvroProducer, and sent by its Producer with string keys.
 */
@ExtendWith({LocalClusterExtension.class, PipelineExtension.class})
class ConfluentPythonInteropIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path SCRIPT = Path.of("src", "test", "python", "confluent_interop.py");

  private final Pipeline pipeline;
  private final String bootstrap;
  private final String registryUrl;

  ConfluentPythonInteropIT(Pipeline pipeline) {
    this.pipeline = pipeline;
    this.bootstrap = pipeline.cluster.bootstrapServers();
    this.registryUrl = pipeline.cluster.schemaRegistryUrl().toString();
  }

  @Test
  void confluentsRegistryClientRegistersReadsAndIsRefusedAsByConfluentsRegistry() throws Exception {
    JsonNode result = python("registry", registryUrl);

    assertThat(result.path("id1").asInt()).isPositive().isEqualTo(result.path("id1_again").asInt());
    assertThat(result.path("fetched_equals_registered").asBoolean()).isTrue();
    assertThat(result.path("compatible_v2").asBoolean()).isTrue();
    assertThat(result.path("compatible_bad").asBoolean()).isFalse();
    assertThat(result.path("latest_id").asInt()).isEqualTo(result.path("id2").asInt());
    assertThat(result.path("latest_version").asInt()).isEqualTo(2);
    assertThat(result.path("version_of_v1").asInt()).isEqualTo(1);
    assertThat(result.path("level").asText()).isEqualTo("FULL");
    assertThat(result.path("incompatible_refused").asText()).contains("409").contains("40901");
  }

  @Test
  void avroConsumerDecodesRecordsOurSerdeWrote() throws Exception {
    String topic = scratchTopic("java-to-python");
    List<OrderPlaced> written = List.of(
        anOrder("j-1").forCustomer("c-9").withLine("sku-1", 2, 1999).placedAt(Instant.parse("2026-11-01T10:00:00.123Z")).build(),
        anOrder("j-2").withLine("sku-2", 1, 5).build());
    AvroSerializer<OrderPlaced> serializer = new AvroSerializer<>(new SchemaRegistryClient(pipeline.cluster.schemaRegistryUrl()), true);
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
        new StringSerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer())) {
      for (OrderPlaced order : written) {
        producer.send(new ProducerRecord<>(topic, null, serializer.serialize(topic, order))).get();
      }
    }

    JsonNode values = python("consume", bootstrap, registryUrl, topic, "2").path("values");

    assertThat(values).hasSize(2);
    assertThat(values.get(0).path("orderId").asText()).isEqualTo("j-1");
    assertThat(values.get(0).path("customerId").asText()).isEqualTo("c-9");
    assertThat(values.get(0).path("lines").get(0).path("unitPriceCents").asLong()).isEqualTo(1999);
    assertThat(Instant.parse(values.get(0).path("placedAt").asText())).isEqualTo(Instant.parse("2026-11-01T10:00:00.123Z"));
    assertThat(values.get(1).path("orderId").asText()).isEqualTo("j-2");
  }

  @Test
  void ourDeserializerReadsWhatAvroProducerWrote() throws Exception {
    String topic = scratchTopic("python-to-java");
    registerOrdersSchema();

    JsonNode sent = python("produce-avro", bootstrap, registryUrl, topic, orders("py-avro", 3),
        Topics.ORDERS.valueSchema().toString());
    assertThat(sent.path("sent").asInt()).isEqualTo(3);

    List<OrderPlaced> read = readOrders(topic, 3);
    assertThat(read).extracting(OrderPlaced::getOrderId).containsExactly("py-avro-1", "py-avro-2", "py-avro-3");
    assertThat(read.get(1).getLines().get(0).getQuantity()).isEqualTo(4);
    assertThat(read.get(1).getPlacedAt()).isEqualTo(Instant.parse("2026-11-01T12:00:02Z"));
  }

  @Test
  void ourProcessorFoldsOrdersConfluentsClientWrote() throws Exception {
    registerOrdersSchema();
    String prefix = "py-" + UUID.randomUUID().toString().substring(0, 8);

    JsonNode sent = python("produce-keyed", bootstrap, registryUrl, Topics.ORDERS.name(), orders(prefix, 3),
        Topics.ORDERS.valueSchema().toString());
    assertThat(sent.path("sent").asInt()).isEqualTo(3);

    for (int i = 1; i <= 3; i++) {
      String path = "/views/order-status/" + prefix + "-" + i;
      Awaitility.await(path).atMost(Duration.ofSeconds(30)).until(() -> ViewServiceCalls.get(pipeline.viewService, path).status() == 200);
      JsonNode value = ViewServiceCalls.answer(pipeline.viewService, path).body().path("value");
      assertThat(value.path("status").asText()).isEqualTo("PLACED");
      assertThat(value.path("totalCents").asLong()).isEqualTo(i * 2L * 300);
    }
  }

  /** Orders as JSON for the script: order i has one line of i x 2 units at 300 cents, placed at 12:00:0i. */
  private static String orders(String prefix, int count) throws IOException {
    List<Map<String, Object>> orders = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      orders.add(Map.of("orderId", prefix + "-" + i, "customerId", "c-py",
          "lines", List.of(Map.of("sku", "sku-py", "quantity", i * 2, "unitPriceCents", 300)),
          "placedAt", "2026-11-01T12:00:0" + i + "Z"));
    }
    return JSON.writeValueAsString(orders);
  }

  /** The Python side encodes with the subject's latest schema, as registered by our producers. */
  private void registerOrdersSchema() {
    new SchemaRegistryClient(pipeline.cluster.schemaRegistryUrl()).register(Topics.ORDERS.valueSubject(), Topics.ORDERS.valueSchema());
  }

  private List<OrderPlaced> readOrders(String topic, int count) {
    AvroDeserializer<OrderPlaced> values = new AvroDeserializer<>(new SchemaRegistryClient(pipeline.cluster.schemaRegistryUrl()), OrderPlaced.class);
    List<OrderPlaced> read = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      Awaitility.await("records in " + topic).atMost(Duration.ofSeconds(20)).until(() -> {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          read.add(values.deserialize(topic, record.value()));
        }
        return read.size() >= count;
      });
    }
    return read;
  }

  private String scratchTopic(String purpose) throws Exception {
    String topic = "interop." + purpose + "." + UUID.randomUUID().toString().substring(0, 8);
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
    }
    return topic;
  }

  /** Runs the script with Debian's interpreter (where python3-confluent-kafka is installed) and parses its JSON. */
  private static JsonNode python(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("/usr/bin/python3", SCRIPT.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the Confluent client script did not finish: " + command);
    }
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as("script failed: " + err).isZero();
    return JSON.readTree(out);
  }
}
