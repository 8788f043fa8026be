package dev.streamviews.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamviews.fixtures.LocalClusterExtension;
import dev.streamviews.it.Pipeline.CliRun;
import dev.streamviews.schemas.topics.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input subjects run at BACKWARD_TRANSITIVE: producers of OrderPlaced v1 and v2 (an optional
 * field added) publish side by side and every view counts both; an incompatible version is refused
 * by the registry, and the CLI says so in one line and sends nothing.
 */
@ExtendWith({LocalClusterExtension.class, PipelineExtension.class})
class SchemaEvolutionIT {
  private static final Path V2 = Pipeline.root().resolve("schemas/evolution/OrderPlaced-v2.avsc");

  private final Pipeline pipeline;
  private final String run = "evo-" + UUID.randomUUID().toString().substring(0, 8);

  @TempDir
  Path dir;

  SchemaEvolutionIT(Pipeline pipeline) {
    this.pipeline = pipeline;
  }

  @Test
  void countsOrdersOfBothVersionsPublishedSideBySide() throws Exception {
    Path v1Orders = orders("v1", 40, false);
    Path v2Orders = orders("v2", 40, true);

    CompletableFuture<CliRun> v1 = CompletableFuture.supplyAsync(() -> produce("--file", v1Orders.toString()));
    CompletableFuture<CliRun> v2 = CompletableFuture.supplyAsync(() -> produce("--file", v2Orders.toString(), "--schema", V2.toString()));

    assertThat(v1.get().exitCode()).as(v1.get().err()).isZero();
    assertThat(v2.get().exitCode()).as(v2.get().err()).isZero();
    Awaitility.await("both versions counted for " + run).atMost(Duration.ofSeconds(30)).until(() ->
        ViewServiceCalls.get(pipeline.viewService, "/views/customer-spend/" + run).body().path("value").path("orders").asLong() == 80);
    var spend = ViewServiceCalls.answer(pipeline.viewService, "/views/customer-spend/" + run).body().path("value");
    assertThat(spend.path("spentCents").asLong()).isEqualTo(80 * 2 * 150);
    var v2Order = ViewServiceCalls.answer(pipeline.viewService, "/views/order-status/" + run + "-v2-7").body().path("value");
    assertThat(v2Order.path("totalCents").asLong()).isEqualTo(300);
    assertThat(ViewServiceCalls.answer(pipeline.viewService, "/views/stock-levels/" + run + "-sku").body().path("value")
        .path("onHand").asLong()).isEqualTo(-160);
  }

  @Test
  void refusesAnIncompatibleVersionInOneLineAndSendsNothing() throws IOException {
    Path orders = orders("bad", 1, false);
    for (String incompatible : List.of("OrderPlaced-placedAt-as-text.avsc", "OrderPlaced-required-field-added.avsc")) {
      Path schema = Path.of("src", "test", "resources", "evolution", incompatible);
      long before = endOffsetSum();

      CliRun refused = produce("--file", orders.toString(), "--schema", schema.toString());

      assertThat(refused.exitCode()).as(incompatible).isEqualTo(1);
      assertThat(refused.err().lines().toList()).as(incompatible).singleElement().asString()
          .startsWith("produce: the schema registry refused the schema of shop.orders-value as incompatible")
          .contains("409");
      assertThat(endOffsetSum()).isEqualTo(before);
    }
  }

  /** Orders of this run's customer, each 2 units of this run's sku at 150 cents; v2 ones name a channel. */
  private Path orders(String version, int count, boolean withChannel) throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      lines.add("{\"orderId\":\"" + run + "-" + version + "-" + i + "\",\"customerId\":\"" + run + "\",\"lines\":[{\"sku\":\""
          + run + "-sku\",\"quantity\":2,\"unitPriceCents\":150}],\"placedAt\":\"2026-11-01T00:00:0" + (i % 10) + "Z\""
          + (withChannel ? ",\"channel\":\"" + (i % 2 == 0 ? "app" : "web") + "\"" : "") + "}");
    }
    return Files.write(dir.resolve(version + ".jsonl"), lines);
  }

  private CliRun produce(String... args) {
    List<String> all = new ArrayList<>(List.of("shop.orders"));
    all.addAll(List.of(args));
    return pipeline.produce(all.toArray(String[]::new));
  }

  private long endOffsetSum() {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
        pipeline.cluster.bootstrapServers()), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(Topics.ORDERS.name()).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
    }
  }
}
