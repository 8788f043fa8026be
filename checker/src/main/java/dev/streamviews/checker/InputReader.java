package dev.streamviews.checker;

import dev.streamviews.schemas.events.OrderPlaced;
import dev.streamviews.schemas.events.PaymentCaptured;
import dev.streamviews.schemas.events.ShipmentUpdated;
import dev.streamviews.schemas.events.StockAdjusted;
import dev.streamviews.schemas.late.LateOrderLine;
import dev.streamviews.schemas.registry.SchemaRegistry;
import dev.streamviews.schemas.serde.AvroDeserializer;
import dev.streamviews.schemas.serde.BadDataException;
import dev.streamviews.schemas.topics.LateEventHeaders;
import dev.streamviews.schemas.topics.Topic;
import dev.streamviews.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Utils;

/**
 * Reads the input topics to where they end now, with no consumer group (so it disturbs nothing),
 * decoding each record as the pipeline would: from the beginning, or from where the checked
 * version's processing began (after a reset to a time, say), as Kafka's offsetsForTimes finds it.
 *
 * <p>Reads shop.orders, shop.payments, shop.shipments, shop.stock-adjustments (key String, Avro
 * events), and the late order lines of shop.late-events that the checked version judged late.
 */
public final class InputReader {
  private final String bootstrapServers;
  private final SchemaRegistry registry;
  private final CheckedVersion version;

  /** For the pipeline's serving version, as its state topic says now. */
  public static InputReader forServingVersion(String bootstrapServers, SchemaRegistry registry, String pipeline) {
    return new InputReader(bootstrapServers, registry, CheckedVersion.serving(bootstrapServers, pipeline));
  }

  public InputReader(String bootstrapServers, SchemaRegistry registry, CheckedVersion version) {
    this.bootstrapServers = bootstrapServers;
    this.registry = registry;
    this.version = version;
  }

  public CheckedVersion version() {
    return version;
  }

  public InputFacts readAll() {
    InputFacts facts = new InputFacts();
    read(Topics.ORDERS, facts, facts.orders::add);
    read(Topics.PAYMENTS, facts, facts.payments::add);
    read(Topics.SHIPMENTS, facts, facts.shipments::add);
    read(Topics.STOCK_ADJUSTMENTS, facts, facts.stockAdjustments::add);
    return facts;
  }

  /**
   * The order lines the checked version reported late so far (shop.late-events), which the windowed
   * view leaves out. Lines judged by an earlier run (before a reset) or another version are not its.
   */
  public List<LateOrderLine> readLateLines() {
    InputFacts ignored = new InputFacts();
    List<LateOrderLine> lines = new ArrayList<>();
    read(Topics.LATE_EVENTS, ignored, lines::add, false, this::judgedByCheckedVersion);
    return lines;
  }

  private boolean judgedByCheckedVersion(ConsumerRecord<byte[], byte[]> line) {
    Header generation = line.headers().lastHeader(LateEventHeaders.GENERATION);
    String label = generation == null ? version.untaggedLabel() : new String(generation.value(), StandardCharsets.UTF_8);
    return label.equals(version.generationLabel());
  }

  private <V extends SpecificRecord> void read(Topic<V> topic, InputFacts facts, Consumer<V> sink) {
    read(topic, facts, sink, true, record -> true);
  }

  private <V extends SpecificRecord> void read(Topic<V> topic, InputFacts facts, Consumer<V> sink, boolean checkPartition,
      Predicate<ConsumerRecord<byte[], byte[]>> wanted) {
    AvroDeserializer<V> values = new AvroDeserializer<>(registry, topic.valueType());
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config(), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo info : consumer.partitionsFor(topic.name(), Duration.ofSeconds(10))) {
        partitions.add(new TopicPartition(info.topic(), info.partition()));
      }
      consumer.assign(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
      seekToStart(consumer, partitions, end, checkPartition ? version.processedFrom() : java.util.Optional.empty());
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
            continue;
          }
          if (!wanted.test(record)) {
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

  /** The beginning, or the first offset at or after the time, as the reset tool finds it (the end where there is none). */
  private static void seekToStart(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions,
      Map<TopicPartition, Long> end, java.util.Optional<Instant> from) {
    if (from.isEmpty()) {
      consumer.seekToBeginning(partitions);
      return;
    }
    Map<TopicPartition, Long> times = new HashMap<>();
    partitions.forEach(partition -> times.put(partition, from.get().toEpochMilli()));
    Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(times, Duration.ofSeconds(10));
    for (TopicPartition partition : partitions) {
      OffsetAndTimestamp offset = offsets.get(partition);
      consumer.seek(partition, offset == null ? end.get(partition) : offset.offset());
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
