package dev.streamviews.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamviews.fixtures.LocalClusterExtension;
import dev.streamviews.it.Pipeline.CliRun;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code replay copy}: a time slice of a topic, byte for byte, into another topic; its dry run copies nothing. */
@ExtendWith({LocalClusterExtension.class, PipelineExtension.class})
class CopyIT {
  /** Older than the broker's default retention of 7 days, as the event times of history are. */
  private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
  private final Pipeline pipeline;

  CopyIT(Pipeline pipeline) {
    this.pipeline = pipeline;
  }

  @Test
  void copiesTheRecordsStampedInTheSliceWithPartitionKeyValueHeadersAndTimestamp() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String source = "copy-source-" + run;
    String target = "copy-target-" + run;
    try (Admin admin = admin()) {
      // Kept for good, as the input topics are: the broker checks retention every second in these tests.
      admin.createTopics(List.of(new NewTopic(source, 3, (short) 1).configs(Map.of("retention.ms", "-1")))).all().get();
    }
    List<ProducerRecord<byte[], byte[]>> published = new ArrayList<>();
    try (KafkaProducer<byte[], byte[]> producer = producer()) {
      // Minute i of the day, in partition i % 3; minute 7 comes after minute 12 in its partition.
      for (int minute : new int[] {0, 1, 2, 3, 4, 5, 6, 12, 8, 9, 10, 11, 7}) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(source, minute % 3, T0.plusSeconds(60L * minute).toEpochMilli(),
            bytes("k" + minute), bytes("v" + minute));
        record.headers().add("traceparent", bytes("00-" + minute));
        producer.send(record).get();
        published.add(record);
      }
    }
    String from = T0.plusSeconds(60 * 3).toString();
    String to = Long.toString(T0.plusSeconds(60 * 8).toEpochMilli());
    List<ProducerRecord<byte[], byte[]>> inSlice = published.stream()
        .filter(r -> r.timestamp() >= T0.plusSeconds(180).toEpochMilli() && r.timestamp() < T0.plusSeconds(480).toEpochMilli())
        .toList();

    CliRun dryRun = pipeline.replay("copy", "--topic", source, "--from", from, "--to", to, "--into", target, "--dry-run");
    assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
    assertThat(dryRun.out()).contains("Dry run: would copy " + inSlice.size() + " records");
    try (Admin admin = admin()) {
      assertThat(admin.listTopics().names().get()).as("topics after a dry run").doesNotContain(target);
    }

    CliRun copy = pipeline.replay("copy", "--topic", source, "--from", from, "--to", to, "--into", target);
    assertThat(copy.exitCode()).as(copy.err()).isZero();
    assertThat(copy.out()).contains("Copied " + inSlice.size() + " records of " + source + " into " + target);

    try (Admin admin = admin()) {
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, target);
      assertThat(admin.describeConfigs(List.of(resource)).all().get().get(resource).get("retention.ms").value())
          .as("the target's retention, like the source's").isEqualTo("-1");
      // Under a retention of days the broker would delete copies this old at its next check (every second here).
      Awaitility.await("every copy still there after the broker's retention checks").during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(10)).until(() -> earliestOffsets(admin, target).values().stream().allMatch(offset -> offset == 0));
    }
    List<ConsumerRecord<byte[], byte[]>> copied = TopicContents.readAll(pipeline.cluster.bootstrapServers(), List.of(target));
    assertThat(copied).hasSize(inSlice.size());
    for (ProducerRecord<byte[], byte[]> expected : inSlice) {
      assertThat(copied).as(new String(expected.key(), StandardCharsets.UTF_8)).anySatisfy(actual -> {
        assertThat(actual.partition()).isEqualTo(expected.partition());
        assertThat(actual.key()).isEqualTo(expected.key());
        assertThat(actual.value()).isEqualTo(expected.value());
        assertThat(actual.timestamp()).isEqualTo(expected.timestamp());
        assertThat(actual.headers().lastHeader("traceparent").value()).isEqualTo(expected.headers().lastHeader("traceparent").value());
      });
    }
  }

  @Test
  void anUnknownSourceTopicIsOneLine() {
    CliRun run = pipeline.replay("copy", "--topic", "no-such-topic", "--from", "2026-11-01T00:00:00Z", "--to", "2026-11-02T00:00:00Z",
        "--into", "anywhere");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().strip()).isEqualTo("replay copy: unknown topic no-such-topic on Kafka at " + pipeline.cluster.bootstrapServers());
  }

  private static Map<TopicPartition, Long> earliestOffsets(Admin admin, String topic) throws Exception {
    Map<TopicPartition, OffsetSpec> request = new java.util.HashMap<>();
    for (org.apache.kafka.common.TopicPartitionInfo partition
        : admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()) {
      request.put(new TopicPartition(topic, partition.partition()), OffsetSpec.earliest());
    }
    Map<TopicPartition, Long> offsets = new java.util.HashMap<>();
    admin.listOffsets(request).all().get().forEach((partition, info) -> offsets.put(partition, info.offset()));
    return offsets;
  }

  private Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.cluster.bootstrapServers()));
  }

  private KafkaProducer<byte[], byte[]> producer() {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.cluster.bootstrapServers());
    return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
