package dev.streamviews.processors.topology;

import dev.streamviews.schemas.events.OrderPlaced;
import dev.streamviews.schemas.events.PaymentCaptured;
import dev.streamviews.schemas.events.ShipmentUpdated;
import dev.streamviews.schemas.events.StockAdjusted;
import dev.streamviews.schemas.topics.Topic;
import dev.streamviews.schemas.topics.Topics;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The input topics as streams, each created once and shared by every view family that reads it
 * (Kafka Streams allows one source per topic). Only the topics some view reads are subscribed to.
 * Each record is checked to sit in the partition its key belongs to (see {@link PartitionCheck}).
 */
public final class ShopInputs {
  private static final String DISTINCT_ORDERS = "distinct-orders";

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

  /**
   * Each order once, by orderId: the first copy of a republished order. The order-status view's
   * fold tells them apart (its store knows every order placed so far) and hands them over with
   * {@link #distinctOrdersAre}, so it is added to the topology before the views that read them.
   */
  public KStream<String, OrderPlaced> distinctOrders() {
    return derived(DISTINCT_ORDERS, () -> {
      throw new IllegalStateException("distinct orders come from the order-status view: add it first");
    });
  }

  /** Called once, by the order-status view, with the orders it saw placed for the first time. */
  public void distinctOrdersAre(KStream<String, OrderPlaced> firstPlaced) {
    if (streams.putIfAbsent(DISTINCT_ORDERS, firstPlaced) != null) {
      throw new IllegalStateException("distinct orders were given already");
    }
  }

  /** Each stock adjustment once, by adjustmentId (key sku). */
  public KStream<String, StockAdjusted> distinctStockAdjustments() {
    return derived("distinct-stock-adjustments",
        () -> firstSight(stockAdjustments(), "distinct-stock-adjustments", StockAdjusted::getAdjustmentId));
  }

  /**
   * The lines of distinct orders, keyed by sku and repartitioned by it (internal topic
   * order-lines-by-sku, as many partitions as the inputs, so it is co-partitioned with the
   * sku-keyed stock adjustments). Each carries the event time of its input partition's orders
   * (see {@link OrderLinesOut}).
   */
  public KStream<String, SoldLine> soldLinesBySku() {
    return derived("order-lines-by-sku", () -> {
      // One key per task, written for almost every order: where the thread has a record cache
      // (none by default, see StreamsProperties), this store uses it, and costs one RocksDB write and
      // one changelog record per commit rather than per order. The other stores of our own never
      // are: their keys are mostly new (an order id), and filling the shared cache with them evicts
      // the aggregations' entries, which then emit on every update (seen in a backlog run).
      builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("orders-event-time"),
          serdes.keys(), Serdes.Long()).withCachingEnabled());
      return distinctOrders()
        .process(() -> new OrderLinesOut("orders-event-time"), Named.as("order-lines"), "orders-event-time")
        .repartition(Repartitioned.<String, SoldLine>as("order-lines-by-sku")
            .withKeySerde(serdes.keys())
            .withValueSerde(serdes.state(SoldLine.class))
            .withNumberOfPartitions(Topics.PARTITIONS));
    });
  }

  private <V> KStream<String, V> firstSight(KStream<String, V> stream, String storeName, Function<V, String> idOf) {
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(storeName), serdes.keys(), Serdes.Long()));
    return stream.processValues(() -> new FirstSight<>(storeName, idOf), Named.as(storeName), storeName);
  }

  @SuppressWarnings("unchecked")
  private <V> KStream<String, V> derived(String name, Supplier<KStream<String, V>> make) {
    KStream<String, ?> existing = streams.get(name);
    if (existing == null) {
      existing = make.get();
      streams.put(name, existing);
    }
    return (KStream<String, V>) existing;
  }

  @SuppressWarnings("unchecked")
  private <V extends SpecificRecord> KStream<String, V> stream(Topic<V> topic) {
    return (KStream<String, V>) streams.computeIfAbsent(topic.name(), name -> {
      KStream<String, V> stream = builder.stream(name, Consumed.with(serdes.keys(), serdes.events(topic))
          .withTimestampExtractor(new EventTimeExtractor(topic)).withName("read-" + name));
      return checkPartitions
          ? stream.processValues(() -> new PartitionCheck<>(topic.partitions()), Named.as("check-partition-" + name))
          : stream;
    });
  }
}
