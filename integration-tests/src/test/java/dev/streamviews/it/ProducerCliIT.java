package dev.streamviews.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamviews.fixtures.LocalClusterExtension;
import dev.streamviews.infra.cluster.FreePort;
import dev.streamviews.it.Pipeline.CliRun;
import dev.streamviews.producers.CliInterrupted;
import dev.streamviews.producers.publish.KafkaPreflight;
import dev.streamviews.schemas.events.OrderPlaced;
import dev.streamviews.schemas.registry.SchemaRegistryClient;
import dev.streamviews.schemas.serde.AvroDeserializer;
import dev.streamviews.schemas.topics.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The producer CLI against the real cluster: what it sends, how it fails, and how it stops when told to. */
@ExtendWith({LocalClusterExtension.class, PipelineExtension.class})
class ProducerCliIT {
  private final Pipeline pipeline;

  @TempDir
  Path dir;

  ProducerCliIT(Pipeline pipeline) {
    this.pipeline = pipeline;
  }

  @Test
  void publishesAFileKeyedAndStampedByItsEventsAndSaysWhereEachWent() throws IOException {
    String run = UUID.randomUUID().toString().substring(0, 8);
    Path file = Files.writeString(dir.resolve("orders.jsonl"), String.join("\n",
        order(run + "-1", "2026-11-01T10:00:00Z"), "", order(run + "-2", "2026-11-01T10:00:01.5Z"), order(run + "-3", "1762000000000")));
    Map<String, Long> endsBefore = endOffsets();

    CliRun run1 = pipeline.produce("shop.orders", "--file", file.toString());

    assertThat(run1.exitCode()).as(run1.err()).isZero();
    assertThat(run1.out()).containsPattern("sent 3 records to shop\\.orders in \\d+\\.\\d{3} s \\([\\d,]+ records/s\\)")
        .containsPattern("shop\\.orders\\[\\d\\d\\] last offset \\d+");
    Map<String, ConsumerRecord<String, OrderPlaced>> published = readSince(endsBefore);
    assertThat(published).containsOnlyKeys(run + "-1", run + "-2", run + "-3");
    ConsumerRecord<String, OrderPlaced> second = published.get(run + "-2");
    assertThat(second.value().getPlacedAt()).isEqualTo(Instant.parse("2026-11-01T10:00:01.500Z"));
    assertThat(second.timestamp()).as("the record's timestamp is the event's time").isEqualTo(second.value().getPlacedAt().toEpochMilli());
    assertThat(published.get(run + "-3").value().getPlacedAt()).isEqualTo(Instant.ofEpochMilli(1762000000000L));
  }

  @Test
  void sendsNothingFromAFileWithAnInvalidLine() throws IOException {
    Path file = Files.writeString(dir.resolve("orders.jsonl"), order("ok-" + UUID.randomUUID(), "2026-11-01T10:00:00Z")
        + "\n{\"orderId\":\"x\",\"customerId\":\"c\",\"lines\":[],\"placedAt\":\"not a time\"}\n");
    Map<String, Long> endsBefore = endOffsets();

    CliRun run = pipeline.produce("shop.orders", "--file", file.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("orders.jsonl:2: field 'placedAt'").contains("nothing sent");
    assertThat(endOffsets()).isEqualTo(endsBefore);
  }

  @Test
  void anInterruptedPublishStopsSendingAndEveryRecordItSaysItSentIsOnTheTopic() throws Exception {
    Map<String, Long> endsBefore = endOffsets();
    FutureTask<CliRun> run = new FutureTask<>(() -> pipeline.produce("shop.orders", "--generate", "100000", "--rate", "200"));
    Thread thread = new Thread(run, "produce-to-interrupt");
    thread.start();
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> recordsSince(endsBefore) >= 100);

    thread.interrupt();
    CliRun stopped = run.get(30, TimeUnit.SECONDS);

    assertThat(stopped.exitCode()).as(stopped.err()).isEqualTo(CliInterrupted.EXIT_CODE);
    long sent = sentIn(stopped.out());
    assertThat(stopped.err()).contains("interrupted: stopped after " + sent + " records");
    assertThat(sent).isBetween(100L, 99_999L);
    assertThat(recordsSince(endsBefore)).as("records on the topic").isEqualTo(sent);
  }

  @Test
  void aTerminatedScriptsProduceSaysHowFarItGotAndLosesNothingItSent() throws Exception {
    // SIGTERM, as an orchestrator or `kill` sends it; Ctrl-C's SIGINT takes the same path through the
    // JVM's shutdown hooks, but a process started in the background may have SIGINT ignored.
    Map<String, Long> endsBefore = endOffsets();
    // Into a file: Process.destroy closes the pipes it would otherwise be read through.
    Path output = dir.resolve("produce.out");
    Process produce = new ProcessBuilder(Pipeline.root().resolve("scripts").resolve("produce").toString(), "shop.orders",
        "--generate", "100000", "--rate", "200", "--bootstrap-servers", pipeline.cluster.bootstrapServers(),
        "--schema-registry", pipeline.cluster.schemaRegistryUrl().toString()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    try {
      Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> recordsSince(endsBefore) >= 100);

      produce.destroy();
      assertThat(produce.waitFor(40, TimeUnit.SECONDS)).as("stopped").isTrue();
    } finally {
      produce.destroyForcibly();
    }

    String out = Files.readString(output);
    assertThat(produce.exitValue()).as(out).isEqualTo(128 + 15);
    long sent = sentIn(out);
    assertThat(out).contains("interrupted: stopped after " + sent + " records");
    assertThat(sent).isBetween(100L, 99_999L);
    assertThat(recordsSince(endsBefore)).as("records on the topic").isEqualTo(sent);
  }

  @Test
  void saysInOneLineWhenTheRegistryCannotBeReachedAndSendsNothing() {
    Map<String, Long> endsBefore = endOffsets();

    CliRun run = CliRun.of("produce", "shop.orders", "--generate", "5", "--bootstrap-servers", pipeline.cluster.bootstrapServers(),
        "--schema-registry", "http://127.0.0.1:" + FreePort.pick());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().lines().toList()).singleElement().asString().startsWith("produce: cannot reach the schema registry at");
    assertThat(endOffsets()).isEqualTo(endsBefore);
  }

  @Test
  void saysInOneLineWhenKafkaCannotBeReached() {
    CliRun run = CliRun.of("produce", "shop.orders", "--generate", "5", "--connect-timeout", "2",
        "--bootstrap-servers", "127.0.0.1:" + FreePort.pick(), "--schema-registry", pipeline.cluster.schemaRegistryUrl().toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().lines().toList()).singleElement().asString().startsWith("produce: cannot reach Kafka at 127.0.0.1:");
  }

  @Test
  void refusesATopicThatDoesNotExistOnTheCluster() {
    assertThatThrownBy(() -> KafkaPreflight.requireTopics(pipeline.cluster.bootstrapServers(), List.of("shop.nothing"), 5_000))
        .hasMessage("topic shop.nothing does not exist on Kafka at " + pipeline.cluster.bootstrapServers()
            + "; create the topics with scripts/topics create");
  }

  private static String order(String orderId, String placedAt) {
    String time = placedAt.matches("\\d+") ? placedAt : "\"" + placedAt + "\"";
    return "{\"orderId\":\"" + orderId + "\",\"customerId\":\"c-1\",\"lines\":[{\"sku\":\"sku-1\",\"quantity\":2,\"unitPriceCents\":250}],\"placedAt\":" + time + "}";
  }

  /** N of the CLI's {@code sent N records to ...}. */
  private static long sentIn(String out) {
    Matcher sent = Pattern.compile("sent (\\d+) records to").matcher(out);
    assertThat(sent.find()).as(out).isTrue();
    return Long.parseLong(sent.group(1));
  }

  private long recordsSince(Map<String, Long> endsBefore) {
    return endOffsets().entrySet().stream().mapToLong(end -> end.getValue() - endsBefore.getOrDefault(end.getKey(), 0L)).sum();
  }

  private Map<String, Long> endOffsets() {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = partitions(consumer);
      Map<String, Long> ends = new HashMap<>();
      consumer.endOffsets(partitions).forEach((p, offset) -> ends.put(p.toString(), offset));
      return ends;
    }
  }

  private Map<String, ConsumerRecord<String, OrderPlaced>> readSince(Map<String, Long> offsets) {
    AvroDeserializer<OrderPlaced> values = new AvroDeserializer<>(new SchemaRegistryClient(pipeline.cluster.schemaRegistryUrl()), OrderPlaced.class);
    Map<String, ConsumerRecord<String, OrderPlaced>> records = new HashMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = partitions(consumer);
      consumer.assign(partitions);
      partitions.forEach(p -> consumer.seek(p, offsets.get(p.toString())));
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p)) && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> raw : consumer.poll(Duration.ofMillis(500))) {
          String key = new StringDeserializer().deserialize(raw.topic(), raw.key());
          records.put(key, new ConsumerRecord<>(raw.topic(), raw.partition(), raw.offset(), raw.timestamp(), raw.timestampType(),
              raw.serializedKeySize(), raw.serializedValueSize(), key, values.deserialize(raw.topic(), raw.value()),
              raw.headers(), raw.leaderEpoch()));
        }
      }
    }
    return records;
  }

  private List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer) {
    return consumer.partitionsFor(Topics.ORDERS.name()).stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
  }

  private <K> KafkaConsumer<K, byte[]> consumer(org.apache.kafka.common.serialization.Deserializer<K> keys) {
    return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.cluster.bootstrapServers()),
        keys, new ByteArrayDeserializer());
  }
}
