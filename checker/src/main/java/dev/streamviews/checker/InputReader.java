package dev.streamviews.checker;

import dev.streamviews.schemas.events.OrderPlaced;
import dev.streamviews.schemas.events.PaymentCaptured;
import dev.streamviews.schemas.events.ShipmentUpdated;
import dev.streamviews.schemas.events.StockAdjusted;
import dev.streamviews.schemas.late.LateOrderLine;
import dev.streamviews.schemas.registry.SchemaRegistry;
import dev.streamviews.schemas.serde.AvroDeserializer;
import dev.streamviews.schemas.serde.BadDataException;
import dev.streamviews.schemas.topics.Topic;
import dev.streamviews.schemas.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Utils;

/**
 * Reads every input topic from the beginning to where it ends now, with no consumer group (so it
 * disturbs nothing), decoding each record as the pipeline would.
 *
 * <p>Reads shop.orders, shop.payments, shop.shipments, shop.stock-adjustments (key String, Avro events).
 */
public final class InputReader {
  private final String bootstrapServers;
  private final SchemaRegistry registry;

  public InputReader(String bootstrapServers, SchemaRegistry registry) {
    this.bootstrapServers = bootstrapServers;
    this.registry = registry;
  }

  public InputFacts readAll() {
    InputFacts facts = new InputFacts();
    read(Topics.ORDERS, facts, facts.orders::add);
    read(Topics.PAYMENTS, facts, facts.payments::add);
    read(Topics.SHIPMENTS, facts, facts.shipments::add);
    read(Topics.STOCK_ADJUSTMENTS, facts, facts.stockAdjustments::add);
    return facts;
  }

  /** The order lines the pipeline reported late so far (shop.late-events), which the windowed view leaves out. */
  public List<LateOrderLine> readLateLines() {
    InputFacts ignored = new InputFacts();
    List<LateOrderLine> lines = new ArrayList<>();
    read(Topics.LATE_EVENTS, ignored, lines::add, false);
    return lines;
  }

  private <V extends SpecificRecord> void read(Topic<V> topic, InputFacts facts, Consumer<V> sink) {
    read(topic, facts, sink, true);
  }

  private <V extends SpecificRecord> void read(Topic<V> topic, InputFacts facts, Consumer<V> sink, boolean checkPartition) {
    AvroDeserializer<V> values = new AvroDeserializer<>(registry, topic.valueType());
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config(), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo info : consumer.partitionsFor(topic.name(), Duration.ofSeconds(10))) {
        partitions.add(new TopicPartition(info.topic(), info.partition()));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
            continue;
          }
          if (record.key() == null || record.value() == null || (checkPartition && !inItsKeysPartition(record, partitions.size()))) {
            facts.unreadable++;
            continue;
          }
          try {
            sink.accept(values.deserialize(topic.name(), record.value()));
          } catch (BadDataException e) {
            facts.unreadable++; // the pipeline dead-letters it; it is in no view
          }
        }
      }
    }
  }

  /**
   * DESIGN.md: a key's partition is the one Kafka's Java producer picks (murmur2 of the UTF-8 key).
   * A record elsewhere cannot be found by key, so the pipeline dead-letters it.
   */
  private static boolean inItsKeysPartition(ConsumerRecord<byte[], byte[]> record, int partitionCount) {
    return Utils.toPositive(Utils.murmur2(record.key())) % partitionCount == record.partition();
  }

  private Properties config() {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
    return config;
  }
}
