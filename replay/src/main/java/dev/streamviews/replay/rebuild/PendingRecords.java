package dev.streamviews.replay.rebuild;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Counts the committed records a group has yet to process in a partition. The difference between
 * end offset and committed offset is not that count for a topic written in transactions (as
 * exactly-once Kafka Streams writes its repartition topics): a commit marker takes an offset, so a
 * group that processed everything can sit one offset short of the end. Reading the gap with
 * {@code read_committed} gives the true count.
 */
final class PendingRecords implements AutoCloseable {
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Duration timeout;

  PendingRecords(String bootstrapServers, Duration timeout) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.timeout = timeout;
  }

  /**
   * @param from per partition, the committed offset
   * @param to per partition, the end offset
   * @return committed records between them (at most {@code limit}, counting stops there)
   */
  long count(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to, long limit) {
    List<TopicPartition> gaps = from.keySet().stream().filter(p -> to.getOrDefault(p, 0L) > from.get(p)).toList();
    if (gaps.isEmpty()) {
      return 0;
    }
    consumer.assign(gaps);
    gaps.forEach(partition -> consumer.seek(partition, from.get(partition)));
    long count = 0;
    long deadline = System.nanoTime() + timeout.toNanos();
    while (count < limit && System.nanoTime() < deadline
        && gaps.stream().anyMatch(partition -> consumer.position(partition) < to.get(partition))) {
      for (var record : consumer.poll(Duration.ofMillis(100))) {
        if (record.offset() < to.get(new TopicPartition(record.topic(), record.partition()))) {
          count++;
        }
      }
    }
    if (count == 0 && gaps.stream().anyMatch(partition -> consumer.position(partition) < to.get(partition))) {
      // Could not read to the end in time: say something is pending rather than nothing.
      return 1;
    }
    return count;
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(2));
  }
}
