package dev.streamviews.bench;

import dev.streamviews.producers.publish.EventPublisher;
import dev.streamviews.schemas.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Figure A: generated Avro orders published through the producer CLI's own code path (generate,
 * serialize, send, wait for every acknowledgement), against {@code ProducerPerformance} sending
 * records of the same value size with the same acks, linger, batch size and compression; each
 * after an unmeasured warm-up of a quarter as many records.
 */
final class PublishFigure {
  static final String REFERENCE_TOPIC = "bench.producer-performance";
  /** What EventPublisher sets when it publishes as fast as it can, said again to ProducerPerformance. */
  private static final List<String> SAME_SETTINGS = List.of("acks=all", "enable.idempotence=true",
      "linger.ms=" + EventPublisher.BULK_LINGER_MS, "batch.size=131072", "compression.type=none");

  private PublishFigure() {}

  static Figure measure(BenchRun run) throws Exception {
    long records = run.quick() ? 100_000 : 1_000_000;
    String orders = Topics.ORDERS.name();
    long before;
    try (GroupProgress kafka = new GroupProgress(run.cluster().bootstrapServers())) {
      try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, run.cluster().bootstrapServers()))) {
        admin.createTopics(List.of(new NewTopic(REFERENCE_TOPIC, Topics.PARTITIONS, (short) 1))).all().get();
      }
      // Both run in this JVM, one after the other, and share the Kafka producer's code: measured cold,
      // whichever ran first would pay for compiling it (a profile of the CLI publishing a million orders
      // in a fresh JVM had the compiler threads using as much CPU as its main thread). So both are run
      // once, unmeasured, before either is measured. The warm-up's orders stay in shop.orders, where
      // they are part of figure B's backlog.
      long warmUp = records / 4;
      run.produce(orders, "--generate", Long.toString(warmUp), "--seed", "7");
      int recordSize = averageRecordSize(run, orders);
      KafkaTools.producerPerformance(run.cluster().bootstrapServers(), REFERENCE_TOPIC, warmUp, recordSize, SAME_SETTINGS);
      before = kafka.records(List.of(orders));
      long started = System.nanoTime();
      run.produce(orders, "--generate", Long.toString(records), "--seed", "1");
      double seconds = (System.nanoTime() - started) / 1e9;
      long sent = kafka.records(List.of(orders)) - before;
      if (sent != records) {
        throw new IllegalStateException("the CLI published " + sent + " orders, not " + records);
      }
      double reference = KafkaTools.producerPerformance(run.cluster().bootstrapServers(), REFERENCE_TOPIC, records, recordSize, SAME_SETTINGS);
      return new Figure("A. publish", records / seconds, reference, "records/s", 0.85,
          String.format("%,d orders of %d bytes on average (key, value, traceparent header); acks=all, linger %d ms, 128 KiB batches,"
              + " no compression", records, recordSize, EventPublisher.BULK_LINGER_MS));
    }
  }

  /**
   * The mean serialized size of the first records of the topic (key, value and headers): what
   * ProducerPerformance, which sends values only, is told to send, so both move as many bytes.
   */
  private static int averageRecordSize(BenchRun run, String topic) {
    long[] bytesAndCount = new long[2];
    TopicReading.fromBeginning(run.cluster().bootstrapServers(), topic, Duration.ofSeconds(30), record -> {
      long bytes = record.value().length + (record.key() == null ? 0 : record.key().length);
      for (var header : record.headers()) {
        bytes += header.key().length() + (header.value() == null ? 0 : header.value().length);
      }
      bytesAndCount[0] += bytes;
      return ++bytesAndCount[1] < 10_000;
    });
    long bytes = bytesAndCount[0];
    long count = bytesAndCount[1];
    if (count == 0) {
      throw new IllegalStateException("no record of " + topic + " to measure");
    }
    return (int) Math.round((double) bytes / count);
  }
}
