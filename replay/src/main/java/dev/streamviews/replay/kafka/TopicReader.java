package dev.streamviews.replay.kafka;

import dev.streamviews.producers.CliFailure;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads committed records of some partitions, as raw bytes and without a consumer group, from
 * given offsets up to the end offsets they had when the read began: a bounded read that finishes
 * even while producers go on writing.
 */
public final class TopicReader {
  private TopicReader() {}

  /**
   * @param from per partition, the first offset to read
   * @param to per partition, the offset to stop before
   */
  public static void read(String bootstrapServers, Map<TopicPartition, Long> from, Map<TopicPartition, Long> to, Duration idleTimeout,
      Consumer<ConsumerRecord<byte[], byte[]>> each) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    Map<TopicPartition, Long> remaining = new HashMap<>();
    from.forEach((partition, offset) -> {
      if (to.getOrDefault(partition, 0L) > offset) {
        remaining.put(partition, to.get(partition));
      }
    });
    if (remaining.isEmpty()) {
      return;
    }
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.assign(List.copyOf(remaining.keySet()));
      remaining.keySet().forEach(partition -> consumer.seek(partition, from.get(partition)));
      long lastProgress = System.nanoTime();
      while (!remaining.isEmpty()) {
        boolean progressed = false;
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          TopicPartition partition = new TopicPartition(record.topic(), record.partition());
          Long end = remaining.get(partition);
          if (end != null && record.offset() < end) {
            each.accept(record);
            progressed = true;
          }
        }
        for (TopicPartition partition : List.copyOf(remaining.keySet())) {
          // The position passes transaction markers and aborted records too, so it reaches the end.
          if (consumer.position(partition) >= remaining.get(partition)) {
            remaining.remove(partition);
            consumer.pause(List.of(partition));
            progressed = true;
          }
        }
        if (progressed) {
          lastProgress = System.nanoTime();
        } else if (System.nanoTime() - lastProgress > idleTimeout.toNanos()) {
          throw new CliFailure("reading " + remaining.keySet() + " made no progress for " + idleTimeout.toSeconds()
              + " s (is Kafka at " + bootstrapServers + " still up?)");
        }
      }
    } catch (KafkaException e) {
      throw new CliFailure("cannot read from Kafka at " + bootstrapServers + ": " + e.getMessage());
    }
  }
}
