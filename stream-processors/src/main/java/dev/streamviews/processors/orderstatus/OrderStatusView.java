package dev.streamviews.processors.orderstatus;

import dev.streamviews.processors.topology.LocalView;
import dev.streamviews.processors.topology.OutputTopics;
import dev.streamviews.processors.topology.ShopInputs;
import dev.streamviews.processors.topology.TopologySerdes;
import dev.streamviews.schemas.topics.Views;
import dev.streamviews.schemas.views.OrderStatus;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * The order-status view: orders, payments and shipments, all keyed by orderId and co-partitioned,
 * folded per key into the RocksDB store {@code order-status} (changelogged), and each changed
 * view emitted to the compacted {@code shop.views.order-status}.
 *
 * <p>Reads shop.orders, shop.payments, shop.shipments (key orderId, Avro events); writes
 * shop.views.order-status (key orderId, value {@link OrderStatus}).
 */
public final class OrderStatusView {
  public static final String STORE = Views.ORDER_STATUS.storeName();

  /** The store keeps each order's facts; queries see their view. */
  public static final LocalView<OrderStatusState, OrderStatus> LOCAL =
      new LocalView<>(Views.ORDER_STATUS, (orderId, state) -> OrderStatusRules.view(state));

  private OrderStatusView() {}

  public static void addTo(StreamsBuilder builder, ShopInputs inputs, TopologySerdes serdes, OutputTopics outputs) {
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(STORE), serdes.keys(), serdes.state(OrderStatusState.class)));

    // Same key in, same key out: merging and folding need no repartition.
    KStream<String, SpecificRecord> facts = inputs.orders().<SpecificRecord>mapValues(v -> v, Named.as("order-status-orders"))
        .merge(inputs.payments().<SpecificRecord>mapValues(v -> v, Named.as("order-status-payments")), Named.as("order-status-merge-payments"))
        .merge(inputs.shipments().<SpecificRecord>mapValues(v -> v, Named.as("order-status-shipments")), Named.as("order-status-merge-shipments"));

    facts.processValues(() -> new OrderStatusProcessor(STORE), Named.as("order-status-fold"), STORE)
        .to(outputs.of(Views.ORDER_STATUS), Produced.with(serdes.keys(), serdes.views(Views.ORDER_STATUS.topic()))
            .withName("emit-order-status"));
  }
}
