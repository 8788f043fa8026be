package dev.streamviews.it;

import static dev.streamviews.fixtures.Events.anOrder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streamviews.fixtures.LocalClusterExtension;
import dev.streamviews.schemas.registry.SchemaRegistryClient;
import dev.streamviews.schemas.serde.AvroSerializer;
import dev.streamviews.schemas.topics.DeadLetterHeaders;
import dev.streamviews.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A poisoned record between good ones, on the real broker with exactly-once: it lands in the
 * dead-letter topic (committed, so a read_committed consumer sees it) with its headers, the good
 * records are in the view, the processor keeps running, and the metric counts it.
 */
@ExtendWith({LocalClusterExtension.class, PipelineExtension.class})
class DeadLetterEndToEndIT {
  private final Pipeline pipeline;

  DeadLetterEndToEndIT(Pipeline pipeline) {
    this.pipeline = pipeline;
  }

  @Test
  void deadLettersAPoisonedRecordAndKeepsProcessingTheGoodOnes() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String before = "dlq-" + run + "-before";
    String poisoned = "dlq-" + run + "-poisoned";
    String after = "dlq-" + run + "-after";
    AvroSerializer<dev.streamviews.schemas.events.OrderPlaced> orders =
        new AvroSerializer<>(new SchemaRegistryClient(pipeline.cluster.schemaRegistryUrl()), true);

    try (KafkaProducer<byte[], byte[]> producer = rawProducer()) {
      send(producer, before, orders.serialize(Topics.ORDERS.name(), anOrder(before).withLine("sku-1", 1, 100).build()));
      send(producer, poisoned, "{\"orderId\":\"not avro\"}".getBytes(StandardCharsets.UTF_8));
      send(producer, after, orders.serialize(Topics.ORDERS.name(), anOrder(after).withLine("sku-1", 2, 100).build()));
    }

    ConsumerRecord<byte[], byte[]> letter = awaitDeadLetter(poisoned);
    assertThat(header(letter, DeadLetterHeaders.REASON)).contains("magic byte 0x7b");
    assertThat(header(letter, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("shop.orders");
    assertThat(header(letter, DeadLetterHeaders.SOURCE_PARTITION)).matches("\\d+");
    assertThat(header(letter, DeadLetterHeaders.SOURCE_OFFSET)).matches("\\d+");
    assertThat(header(letter, DeadLetterHeaders.DEAD_LETTERED_AT)).endsWith("Z");
    assertThat(new String(letter.value(), StandardCharsets.UTF_8)).isEqualTo("{\"orderId\":\"not avro\"}");

    for (String good : List.of(before, after)) {
      Awaitility.await(good + " in the view").atMost(Duration.ofSeconds(30))
          .until(() -> ViewServiceCalls.get(pipeline.viewService, "/views/order-status/" + good).status() == 200);
    }
    assertThat(ViewServiceCalls.get(pipeline.viewService, "/views/order-status/" + poisoned).status()).isEqualTo(404);
    assertThat(pipeline.processorAlive()).isTrue();
    assertThat(ViewServiceCalls.get(pipeline.processorHttp, "/healthz/readiness").status()).isEqualTo(200);
    Awaitility.await("dead-letter metric").atMost(Duration.ofSeconds(10)).until(() -> deadLetterMetric() >= 1);
  }

  @Test
  void deadLettersARecordAProducerPutInTheWrongPartition() {
    String key = "misrouted-" + UUID.randomUUID().toString().substring(0, 8);
    int home = dev.streamviews.schemas.topics.KeyPartitioner.partitionOf(key, Topics.PARTITIONS);
    int elsewhere = (home + 1) % Topics.PARTITIONS;
    byte[] order = new AvroSerializer<dev.streamviews.schemas.events.OrderPlaced>(
        new SchemaRegistryClient(pipeline.cluster.schemaRegistryUrl()), true)
        .serialize(Topics.ORDERS.name(), anOrder(key).withLine("sku-1", 1, 100).build());

    try (KafkaProducer<byte[], byte[]> producer = rawProducer()) {
      producer.send(new ProducerRecord<>(Topics.ORDERS.name(), elsewhere, key.getBytes(StandardCharsets.UTF_8), order));
    }

    ConsumerRecord<byte[], byte[]> letter = awaitDeadLetter(key);
    assertThat(header(letter, DeadLetterHeaders.REASON))
        .contains("is in partition " + elsewhere + " but its key belongs in partition " + home);
    assertThat(header(letter, DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo(Integer.toString(elsewhere));
    assertThat(letter.value()).isEqualTo(order);
  }

  private double deadLetterMetric() throws Exception {
    java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(pipeline.processorHttp.resolve("/prometheus")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    return response.body().lines()
        .filter(line -> line.startsWith("streamviews_dead_letters_total") && line.contains("topic=\"shop.orders\""))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  private ConsumerRecord<byte[], byte[]> awaitDeadLetter(String key) {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.cluster.bootstrapServers(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition partition = new TopicPartition(Topics.ORDERS.deadLetters().name(), 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
      Awaitility.await("dead letter " + key).atMost(Duration.ofSeconds(30)).until(() -> {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          if (record.key() != null && key.equals(new String(record.key(), StandardCharsets.UTF_8))) {
            found.add(record);
          }
        }
        return !found.isEmpty();
      });
      assertThat(found).hasSize(1);
      return found.get(0);
    }
  }

  private KafkaProducer<byte[], byte[]> rawProducer() {
    return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.cluster.bootstrapServers(),
        ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static void send(KafkaProducer<byte[], byte[]> producer, String key, byte[] value) {
    producer.send(new ProducerRecord<>(Topics.ORDERS.name(), key.getBytes(StandardCharsets.UTF_8), value));
  }

  private static String header(ConsumerRecord<?, ?> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
