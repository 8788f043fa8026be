package dev.streamviews.processors.topology;

import dev.streamviews.schemas.events.OrderPlaced;
import dev.streamviews.schemas.events.PaymentCaptured;
import dev.streamviews.schemas.events.ShipmentUpdated;
import dev.streamviews.schemas.events.StockAdjusted;
import dev.streamviews.schemas.topics.Topic;
import dev.streamviews.schemas.topics.Topics;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * The input topics as streams, each created once and shared by every view family that reads it
 * (Kafka Streams allows one source per topic). Only the topics some view reads are subscribed to.
 * Each record is checked to sit in the partition its key belongs to (see {@link PartitionCheck}).
 */
public final class ShopInputs {
  private final StreamsBuilder builder;
  private final TopologySerdes serdes;
  private final boolean checkPartitions;
  private final Map<String, KStream<String, ?>> streams = new HashMap<>();

  ShopInputs(StreamsBuilder builder, TopologySerdes serdes, boolean checkPartitions) {
    this.builder = builder;
    this.serdes = serdes;
    this.checkPartitions = checkPartitions;
  }

  public KStream<String, OrderPlaced> orders() {
    return stream(Topics.ORDERS);
  }

  public KStream<String, PaymentCaptured> payments() {
    return stream(Topics.PAYMENTS);
  }

  public KStream<String, ShipmentUpdated> shipments() {
    return stream(Topics.SHIPMENTS);
  }

  public KStream<String, StockAdjusted> stockAdjustments() {
    return stream(Topics.STOCK_ADJUSTMENTS);
  }

  @SuppressWarnings("unchecked")
  private <V extends SpecificRecord> KStream<String, V> stream(Topic<V> topic) {
    return (KStream<String, V>) streams.computeIfAbsent(topic.name(), name -> {
      KStream<String, V> stream = builder.stream(name, Consumed.with(serdes.keys(), serdes.events(topic)).withName("read-" + name));
      return checkPartitions
          ? stream.processValues(() -> new PartitionCheck<>(topic.partitions()), Named.as("check-partition-" + name))
          : stream;
    });
  }
}
