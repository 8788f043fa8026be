package dev.streamviews.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamviews.fixtures.LocalClusterExtension;
import dev.streamviews.it.Pipeline.CliRun;
import dev.streamviews.schemas.late.LateOrderLine;
import dev.streamviews.schemas.registry.SchemaRegistryClient;
import dev.streamviews.schemas.serde.AvroDeserializer;
import dev.streamviews.schemas.topics.KeyPartitioner;
import dev.streamviews.schemas.topics.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An order line later than the grace period of its window is not lost: it lands in
 * shop.late-events, the metric counts it, and the window does not.
 */
@ExtendWith({LocalClusterExtension.class, PipelineExtension.class})
class LateEventsIT {
  private final Pipeline pipeline;

  @TempDir
  Path dir;

  LateEventsIT(Pipeline pipeline) {
    this.pipeline = pipeline;
  }

  @Test
  void keepsAndCountsALineLaterThanTheGracePeriod() throws IOException {
    String run = "late-" + UUID.randomUUID().toString().substring(0, 8);
    String sku = run + "-sku";
    double lateBefore = Prometheus.sum(pipeline.processorHttps(), "kafka_stream_streamviews_late_records_total");
    // Lateness is judged among the orders of one input partition. The first order, in the same
    // partition as the late one, moves event time there to 2026-11-01 at least (as other tests' data
    // does), so an order placed in 2000 comes long after its window closed, grace period or not.
    String lateOrder = run + "-late";
    publish(order(samePartitionAs(lateOrder, run + "-on-time"), sku, 1, "2026-11-01T00:00:00Z"));
    Awaitility.await("on-time order counted").atMost(Duration.ofSeconds(30))
        .until(() -> ViewServiceCalls.get(pipeline.viewService, "/views/sku-sales-per-minute/" + sku + "/windows").body()
            .path("windows").size() == 1);

    publish(order(lateOrder, sku, 7, "2000-01-01T00:00:30Z"));

    LateOrderLine late = awaitLateLine(lateOrder);
    assertThat(late.getSku()).isEqualTo(sku);
    assertThat(late.getQuantity()).isEqualTo(7);
    assertThat(late.getWindowStart()).isEqualTo(Instant.parse("2000-01-01T00:00:00Z"));
    assertThat(late.getStreamTime()).isAfterOrEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
    // Kafka Streams' metrics reach /prometheus on the metrics binder's next refresh (once a minute).
    Awaitility.await("late metric").atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(2))
        .until(() -> Prometheus.sum(pipeline.processorHttps(), "kafka_stream_streamviews_late_records_total") - lateBefore >= 1);
    assertThat(ViewServiceCalls.answer(pipeline.viewService, "/views/sku-sales-per-minute/" + sku + "/windows").body()
        .path("windows").findValuesAsText("windowStart")).containsExactly("2026-11-01T00:00:00Z");
  }

  /** An order id starting with {@code prefix} whose partition is that of {@code orderId}. */
  private static String samePartitionAs(String orderId, String prefix) {
    int partition = KeyPartitioner.partitionOf(orderId, Topics.PARTITIONS);
    for (int i = 0; ; i++) {
      if (KeyPartitioner.partitionOf(prefix + i, Topics.PARTITIONS) == partition) {
        return prefix + i;
      }
    }
  }

  private void publish(String line) throws IOException {
    Path file = Files.writeString(dir.resolve(UUID.randomUUID() + ".jsonl"), line);
    CliRun produce = pipeline.produce("shop.orders", "--file", file.toString());
    assertThat(produce.exitCode()).as(produce.err()).isZero();
  }

  private LateOrderLine awaitLateLine(String orderId) {
    AvroDeserializer<LateOrderLine> values =
        new AvroDeserializer<>(new SchemaRegistryClient(pipeline.cluster.schemaRegistryUrl()), LateOrderLine.class);
    LateOrderLine[] found = new LateOrderLine[1];
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
        pipeline.cluster.bootstrapServers(), ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(Topics.LATE_EVENTS.name()).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Awaitility.await(orderId + " in shop.late-events").atMost(Duration.ofSeconds(30)).until(() -> {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          LateOrderLine line = values.deserialize(record.topic(), record.value());
          if (line.getOrderId().equals(orderId)) {
            found[0] = line;
          }
        }
        return found[0] != null;
      });
    }
    return found[0];
  }

  private static String order(String orderId, String sku, int quantity, String placedAt) {
    return "{\"orderId\":\"" + orderId + "\",\"customerId\":\"c-late\",\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":" + quantity
        + ",\"unitPriceCents\":100}],\"placedAt\":\"" + placedAt + "\"}";
  }
}
