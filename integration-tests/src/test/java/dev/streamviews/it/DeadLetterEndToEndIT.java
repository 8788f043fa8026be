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
  private static final java.time.Instant LONG_AGO = java.time.Instant.parse("2020-01-01T00:00:00Z");
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

    long sentAt = System.currentTimeMillis();
    try (KafkaProducer<byte[], byte[]> producer = rawProducer()) {
      send(producer, before, orders.serialize(Topics.ORDERS.name(), anOrder(before).withLine("sku-1", 1, 100).build()));
      // With an event time of long ago, as replayed history has: the letter must not keep it (see below).
      producer.send(new ProducerRecord<>(Topics.ORDERS.name(), null, LONG_AGO.toEpochMilli(), poisoned.getBytes(StandardCharsets.UTF_8),
          "{\"orderId\":\"not avro\"}".getBytes(StandardCharsets.UTF_8)));
      send(producer, after, orders.serialize(Topics.ORDERS.name(), anOrder(after).withLine("sku-1", 2, 100).build()));
    }

    ConsumerRecord<byte[], byte[]> letter = awaitDeadLetter(poisoned);
    assertThat(header(letter, DeadLetterHeaders.REASON)).contains("magic byte 0x7b");
    assertThat(header(letter, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("shop.orders");
    assertThat(header(letter, DeadLetterHeaders.SOURCE_PARTITION)).matches("\\d+");
    assertThat(header(letter, DeadLetterHeaders.SOURCE_OFFSET)).matches("\\d+");
    assertThat(header(letter, DeadLetterHeaders.DEAD_LETTERED_AT)).endsWith("Z");
    assertThat(header(letter, DeadLetterHeaders.SOURCE_TIMESTAMP)).isEqualTo(Long.toString(LONG_AGO.toEpochMilli()));
    // The dead-letter topics are the only ones kept by time (TimeRetentionIT): a letter stamped with its
    // record's event time would be deleted at the broker's next retention check, before anyone saw it.
    assertThat(letter.timestamp()).as("the letter's timestamp: when it was dead-lettered").isBetween(sentAt, System.currentTimeMillis());
    assertThat(new String(letter.value(), StandardCharsets.UTF_8)).isEqualTo("{\"orderId\":\"not avro\"}");

    for (String good : List.of(before, after)) {
      Awaitility.await(good + " in the view").atMost(Duration.ofSeconds(30))
          .until(() -> ViewServiceCalls.get(pipeline.viewService, "/views/order-status/" + good).status() == 200);
    }
    assertThat(ViewServiceCalls.answer(pipeline.viewService, "/views/order-status/" + poisoned).status()).isEqualTo(404);
    assertThat(pipeline.processorsAlive()).isTrue();
    // Ready is not a constant: a processor whose input lag is over the threshold (the suite shares the
    // topics, and an earlier test may have left a backlog) is briefly not ready. Every one must be again.
    Awaitility.await("every processor ready").atMost(Duration.ofSeconds(30))
        .until(() -> pipeline.allProcessorsAnswer("/healthz/readiness"));
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

  @Test
  void deadLettersEveryKindOfUnreadableRecordAndProcessesEveryGoodOne() throws Exception {
    String run = "kinds-" + UUID.randomUUID().toString().substring(0, 8);
    SchemaRegistryClient registry = new SchemaRegistryClient(pipeline.cluster.schemaRegistryUrl());
    AvroSerializer<dev.streamviews.schemas.events.OrderPlaced> orders = new AvroSerializer<>(registry, true);
    int knownId = registry.register(Topics.ORDERS.valueSubject(), Topics.ORDERS.valueSchema());
    byte[] good = orders.serialize(Topics.ORDERS.name(), anOrder(run).withLine("sku-1", 1, 100).build());
    java.io.ByteArrayOutputStream forged = new java.io.ByteArrayOutputStream();
    forged.write(new byte[] {0, (byte) (knownId >>> 24), (byte) (knownId >>> 16), (byte) (knownId >>> 8), (byte) knownId});
    org.apache.avro.io.BinaryEncoder encoder = org.apache.avro.io.EncoderFactory.get().directBinaryEncoder(forged, null);
    encoder.writeLong(Integer.MAX_VALUE - 8); // an orderId "of two gigabytes"
    encoder.flush();
    Map<String, byte[]> bad = new java.util.LinkedHashMap<>();
    bad.put("plain-json", "{\"orderId\":\"x\"}".getBytes(StandardCharsets.UTF_8));
    for (int length = 0; length <= 4; length++) {
      bad.put(length + "-bytes", new byte[length]);
    }
    bad.put("unknown-id", new byte[] {0, 0x7f, (byte) 0xff, (byte) 0xff, 0x11, 2, 'x'});
    bad.put("truncated", java.util.Arrays.copyOf(good, good.length - 4));
    bad.put("two-gigabyte-string", forged.toByteArray());
    double deadLettersBefore = deadLetterMetric();

    Map<String, Long> offsets = new java.util.HashMap<>();
    try (KafkaProducer<byte[], byte[]> producer = rawProducer()) {
      send(producer, run + "-good-1", orders.serialize(Topics.ORDERS.name(), anOrder(run + "-good-1").withLine("sku-1", 1, 100).build()));
      for (Map.Entry<String, byte[]> record : bad.entrySet()) {
        send(producer, run + "-" + record.getKey(), record.getValue());
      }
      String nullKeyed = run + "-null-key";
      int partition = dev.streamviews.schemas.topics.KeyPartitioner.partitionOf(nullKeyed, Topics.PARTITIONS);
      offsets.put("null-key", producer.send(new ProducerRecord<>(Topics.ORDERS.name(), partition, null,
          orders.serialize(Topics.ORDERS.name(), anOrder(nullKeyed).withLine("sku-1", 1, 100).build()))).get().offset());
      send(producer, run + "-good-2", orders.serialize(Topics.ORDERS.name(), anOrder(run + "-good-2").withLine("sku-1", 1, 100).build()));
    }

    Map<String, String> reasons = new java.util.HashMap<>();
    for (String kind : bad.keySet()) {
      reasons.put(kind, header(awaitDeadLetter(run + "-" + kind), DeadLetterHeaders.REASON));
    }
    assertThat(reasons.get("plain-json")).contains("magic byte 0x7b");
    for (int length = 0; length <= 4; length++) {
      assertThat(reasons.get(length + "-bytes")).contains("payload of " + length + " bytes is shorter");
    }
    assertThat(reasons.get("unknown-id")).contains("is unknown to the schema registry");
    assertThat(reasons.get("truncated")).contains("does not fit schema id " + knownId);
    assertThat(reasons.get("two-gigabyte-string")).contains("does not fit schema id " + knownId).contains("String length");
    ConsumerRecord<byte[], byte[]> nullKeyLetter = awaitDeadLetterWhere(record -> record.key() == null
        && header(record, DeadLetterHeaders.SOURCE_OFFSET).equals(Long.toString(offsets.get("null-key"))));
    assertThat(header(nullKeyLetter, DeadLetterHeaders.REASON)).contains("record has no key");

    for (String goodOrder : List.of(run + "-good-1", run + "-good-2")) {
      Awaitility.await(goodOrder + " in the view").atMost(Duration.ofSeconds(30))
          .until(() -> ViewServiceCalls.get(pipeline.viewService, "/views/order-status/" + goodOrder).status() == 200);
    }
    for (java.net.URI processor : pipeline.processorHttps()) {
      assertThat(ViewServiceCalls.get(processor, "/healthz/readiness").body().path("streamsState").asText()).isEqualTo("RUNNING");
    }
    Awaitility.await("dead-letter metric").atMost(Duration.ofSeconds(10))
        .until(() -> deadLetterMetric() - deadLettersBefore == bad.size() + 1);
  }

  private double deadLetterMetric() {
    return Prometheus.sum(pipeline.processorHttps(), "streamviews_dead_letters_total", "topic=\"shop.orders\"");
  }

  private ConsumerRecord<byte[], byte[]> awaitDeadLetter(String key) {
    return awaitDeadLetterWhere(record -> record.key() != null && key.equals(new String(record.key(), StandardCharsets.UTF_8)));
  }

  private ConsumerRecord<byte[], byte[]> awaitDeadLetterWhere(java.util.function.Predicate<ConsumerRecord<byte[], byte[]>> wanted) {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.cluster.bootstrapServers(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition partition = new TopicPartition(Topics.ORDERS.deadLetters().name(), 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
      long end = consumer.endOffsets(List.of(partition)).get(partition);
      Awaitility.await("dead letter").atMost(Duration.ofSeconds(30)).until(() -> {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          if (wanted.test(record)) {
            found.add(record);
          }
        }
        return !found.isEmpty() && consumer.position(partition) >= end;
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
    org.apache.kafka.common.header.Header header = record.headers().lastHeader(name);
    return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
  }
}
