package dev.streamviews.bench;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** How the bench reads a topic itself: every partition, without a consumer group. */
final class TopicReading {
  private TopicReading() {}

  /** Assigns the consumer every partition of the topic and returns them (positions are the caller's to set). */
  static List<TopicPartition> assignAll(Consumer<?, ?> consumer, String topic) {
    List<TopicPartition> partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    consumer.assign(partitions);
    return partitions;
  }

  /**
   * Hands the topic's records to {@code more}, from the beginning of every partition, until it
   * answers false or {@code patience} has passed.
   */
  static void fromBeginning(String bootstrapServers, String topic, Duration patience, Predicate<ConsumerRecord<byte[], byte[]>> more) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.seekToBeginning(assignAll(consumer, topic));
      long deadline = System.nanoTime() + patience.toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (!more.test(record)) {
            return;
          }
        }
      }
    }
  }
}
