package dev.streamviews.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamviews.fixtures.LocalClusterExtension;
import dev.streamviews.it.Pipeline.CliRun;
import dev.streamviews.schemas.control.Versions;
import dev.streamviews.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A W3C traceparent from the CLI through Kafka headers and the processors; and over HTTP into the logs. */
@ExtendWith({LocalClusterExtension.class, PipelineExtension.class})
class TraceIT {
  private final Pipeline pipeline;

  @TempDir
  Path dir;

  TraceIT(Pipeline pipeline) {
    this.pipeline = pipeline;
  }

  @Test
  void carriesTheCliTraceThroughTheProcessorsIntoTheViewTopic() throws Exception {
    String orderId = "trace-" + UUID.randomUUID().toString().substring(0, 8);
    Path file = Files.writeString(dir.resolve("order.jsonl"), "{\"orderId\":\"" + orderId
        + "\",\"customerId\":\"c-t\",\"lines\":[{\"sku\":\"sku-001\",\"quantity\":1,\"unitPriceCents\":5}],\"placedAt\":\"2026-11-01T00:00:00Z\"}");

    CliRun produce = pipeline.produce("shop.orders", "--file", file.toString());

    Matcher trace = Pattern.compile("trace ([0-9a-f]{32})").matcher(produce.out());
    assertThat(trace.find()).as(produce.out()).isTrue();
    String traceId = trace.group(1);
    // The serving version's view topic: shop.views.order-status, or its .vN after a rebuild.
    String viewTopic = Versions.viewTopic(Topics.ORDER_STATUS_VIEW.name(), pipeline.inputs().version().version());
    ConsumerRecord<byte[], byte[]> view = awaitRecord(viewTopic, orderId);
    Header traceparent = view.headers().lastHeader("traceparent");
    assertThat(traceparent).isNotNull();
    assertThat(new String(traceparent.value(), StandardCharsets.UTF_8)).contains("-" + traceId + "-");
  }

  @Test
  void answersInTheCallersTraceAndLogsItsTraceId() throws Exception {
    String traceId = UUID.randomUUID().toString().replace("-", "");
    java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(pipeline.viewService.resolve("/views/order-status/no-such-" + traceId))
            .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01").build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());

    assertThat(response.headers().firstValue("traceparent")).hasValueSatisfying(value -> assertThat(value).contains("-" + traceId + "-"));
    Awaitility.await("a view-service log line with the trace id").atMost(Duration.ofSeconds(10)).until(() -> logsContain("view-service-", traceId));
  }

  @Test
  void logsTheTraceIdOfARecordItDeadLetters() throws Exception {
    String traceId = UUID.randomUUID().toString().replace("-", "");
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        pipeline.cluster.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
      ProducerRecord<byte[], byte[]> poisoned = new ProducerRecord<>(Topics.ORDERS.name(), ("poisoned-" + traceId).getBytes(StandardCharsets.UTF_8),
          "not avro".getBytes(StandardCharsets.UTF_8));
      poisoned.headers().add("traceparent", ("00-" + traceId + "-00f067aa0ba902b7-01").getBytes(StandardCharsets.UTF_8));
      producer.send(poisoned).get();
    }

    Awaitility.await("a processor log line with the trace id").atMost(Duration.ofSeconds(30)).until(() -> logsContain("processor-", traceId));
  }

  private static boolean logsContain(String prefix, String text) throws Exception {
    try (var files = Files.list(Path.of("target", "apps"))) {
      for (Path log : files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList()) {
        if (Files.readString(log).contains(text)) {
          return true;
        }
      }
    }
    return false;
  }

  private ConsumerRecord<byte[], byte[]> awaitRecord(String topic, String key) {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
        pipeline.cluster.bootstrapServers(), ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      ConsumerRecord<byte[], byte[]>[] found = new ConsumerRecord[1];
      Awaitility.await(key + " in " + topic).atMost(Duration.ofSeconds(30)).until(() -> {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          if (record.key() != null && key.equals(new String(record.key(), StandardCharsets.UTF_8))) {
            found[0] = record;
          }
        }
        return found[0] != null;
      });
      return found[0];
    }
  }
}
