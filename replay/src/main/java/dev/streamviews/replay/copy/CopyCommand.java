package dev.streamviews.replay.copy;

import dev.streamviews.producers.CliFailure;
import dev.streamviews.replay.cli.KafkaConnection;
import dev.streamviews.replay.cli.TimeConverter;
import dev.streamviews.replay.kafka.ClusterClient;
import dev.streamviews.replay.kafka.TopicReader;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code replay copy}: copies the records of a topic whose timestamps fall in {@code [from, to)}
 * into another topic, byte for byte: same partition, key, value, headers and timestamp, so a
 * problem can be reproduced elsewhere (another pipeline reading the copy sees what this one saw).
 */
@Command(name = "copy", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Copy the records of TOPIC with timestamps in [FROM, TO) into another topic, byte for byte",
        "(same partition, key, value, headers and timestamp). The target topic is created like the source",
        "(its partitions, and the configs set on it: cleanup policy, retention and the rest) if it does not exist."})
public final class CopyCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "The topic to copy from.")
  String topic;

  @Option(names = "--from", required = true, paramLabel = "FROM", converter = TimeConverter.class,
      description = "First timestamp to copy, inclusive (ISO-8601 or epoch ms).")
  Instant from;

  @Option(names = "--to", required = true, paramLabel = "TO", converter = TimeConverter.class,
      description = "Timestamp to stop at, exclusive (ISO-8601 or epoch ms).")
  Instant to;

  @Option(names = "--into", required = true, paramLabel = "TOPIC2", description = "The topic to copy into.")
  String into;

  @Option(names = "--into-bootstrap-servers", paramLabel = "HOST:PORT",
      description = "Kafka to copy into, if not the same cluster.")
  String intoBootstrapServers;

  @Option(names = "--dry-run", description = "Count what would be copied; copy nothing.")
  boolean dryRun;

  @Mixin
  KafkaConnection connection;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (!from.isBefore(to)) {
      throw new CliFailure("--from " + from + " must be before --to " + to);
    }
    String targetKafka = intoBootstrapServers == null ? connection.bootstrapServers() : intoBootstrapServers;
    if (into.equals(topic) && targetKafka.equals(connection.bootstrapServers())) {
      throw new CliFailure("--into must name another topic than --topic");
    }
    try (ClusterClient source = connection.connect();
        ClusterClient target = intoBootstrapServers == null ? null : new ClusterClient(intoBootstrapServers, connection.timeout())) {
      ClusterClient targetCluster = target == null ? source : target;
      source.requireTopics(List.of(topic));
      List<TopicPartition> partitions = source.partitionsOf(List.of(topic));
      Map<TopicPartition, Long> start = source.offsetsAt(partitions, from);
      Map<TopicPartition, Long> end = source.endOffsets(partitions);
      boolean exists = targetCluster.topics().contains(into);
      if (exists && targetCluster.partitionsOf(List.of(into)).size() < partitions.size()) {
        throw new CliFailure(into + " has fewer partitions than " + topic + "; records could not keep their partition");
      }
      Map<Integer, Long> copied = new TreeMap<>();
      partitions.forEach(partition -> copied.put(partition.partition(), 0L));
      out.printf("%s %s [%s, %s) into %s%s%n", dryRun ? "Plan (dry run): copy" : "Copying", topic, from, to, into,
          exists ? "" : " (to be created with " + partitions.size() + " partitions)");
      if (!dryRun && !exists) {
        // Like the source, retention included: the copies keep their timestamps, which in an input
        // topic are event times, possibly months old. Under the broker's default retention of 7 days
        // they would be deleted at its next retention check, once their segment rolled.
        targetCluster.create(into, partitions.size(), source.replicationFactorOf(topic), source.configsSetOn(topic));
      }
      AtomicReference<KafkaException> failed = new AtomicReference<>();
      try (KafkaProducer<byte[], byte[]> producer = dryRun ? null : producer(targetKafka)) {
        // Scanned to the end: timestamps need not grow with offsets, so a record in range may follow one past it.
        TopicReader.read(source.bootstrapServers(), start, end, connection.timeout(), record -> {
          long timestamp = record.timestamp();
          if (timestamp < from.toEpochMilli() || timestamp >= to.toEpochMilli()) {
            return;
          }
          copied.merge(record.partition(), 1L, Long::sum);
          if (producer != null) {
            producer.send(new ProducerRecord<>(into, record.partition(), timestamp, record.key(), record.value(), record.headers()),
                (metadata, e) -> {
                  if (e instanceof KafkaException kafkaException) {
                    failed.compareAndSet(null, kafkaException);
                  }
                });
          }
        });
        if (producer != null) {
          producer.flush();
        }
      }
      if (failed.get() != null) {
        throw new CliFailure("copying into " + into + " failed: " + failed.get().getMessage());
      }
      long total = copied.values().stream().mapToLong(Long::longValue).sum();
      copied.forEach((partition, count) -> out.printf("  partition %2d: %,d records%n", partition, count));
      out.printf("%s %,d records of %s into %s.%n", dryRun ? "Dry run: would copy" : "Copied", total, topic, into);
      return 0;
    }
  }

  private KafkaProducer<byte[], byte[]> producer(String bootstrapServers) {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, connection.timeout().toMillis());
    return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
  }
}
