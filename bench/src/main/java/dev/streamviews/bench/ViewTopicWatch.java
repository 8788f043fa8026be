package dev.streamviews.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * When each key with a given prefix first appears in a view topic, read uncommitted (so as soon as
 * the processor has sent it, before its transaction commits): it tells whether a slow answer was
 * slow to be processed or slow to be served.
 */
final class ViewTopicWatch implements AutoCloseable {
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String prefix;
  private final Map<String, Long> firstSeenNanos = new ConcurrentHashMap<>();
  private final Thread thread;

  ViewTopicWatch(String bootstrapServers, String topic, String prefix) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
    // At most 5 ms late, in fetches of up to 64 KiB. It used to ask with no wait at all: under E's
    // load that meant a stream of tiny fetches, a fifth of a core in this consumer and more in the
    // broker, taken from the machine the processor is measured on (per-thread CPU from /proc).
    config.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 64 * 1024);
    config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5);
    this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.prefix = prefix;
    List<TopicPartition> partitions = TopicReading.assignAll(consumer, topic);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
    this.thread = new Thread(this::watch, "bench-view-topic-watch");
    thread.setDaemon(true);
    thread.start();
  }

  private void watch() {
    try {
      while (true) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
          long now = System.nanoTime();
          if (record.key() != null) {
            String key = new String(record.key(), StandardCharsets.UTF_8);
            if (key.startsWith(prefix)) {
              firstSeenNanos.putIfAbsent(key, now);
            }
          }
        }
      }
    } catch (WakeupException closing) {
      // close() ends the watch
    } finally {
      consumer.close();
    }
  }

  /** When the key was first seen in the topic ({@link System#nanoTime()}), or -1 if not yet. */
  long firstSeen(String key) {
    return firstSeenNanos.getOrDefault(key, -1L);
  }

  @Override
  public void close() throws InterruptedException {
    consumer.wakeup();
    thread.join(10_000);
  }
}
