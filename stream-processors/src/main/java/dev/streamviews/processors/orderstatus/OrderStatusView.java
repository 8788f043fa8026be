package dev.streamviews.processors.orderstatus;

import dev.streamviews.processors.topology.LocalView;
import dev.streamviews.processors.topology.OutputTopics;
import dev.streamviews.processors.topology.ShopInputs;
import dev.streamviews.processors.topology.TopologySerdes;
import dev.streamviews.schemas.events.OrderPlaced;
import dev.streamviews.schemas.topics.Views;
import dev.streamviews.schemas.views.OrderStatus;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * The order-status view: orders, payments and shipments, all keyed by orderId and co-partitioned,
 * folded per key into the RocksDB store {@code order-status} (changelogged), and each changed
 * view emitted to the compacted {@code shop.views.order-status}. The same fold tells which orders
 * are new: it hands them on as the shop's distinct orders (see {@link ShopInputs#distinctOrders()}).
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

  /** Adds the view, and gives {@code inputs} its distinct orders: add it before the views that read them. */
  public static void addTo(StreamsBuilder builder, ShopInputs inputs, TopologySerdes serdes, OutputTopics outputs) {
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(STORE), serdes.keys(), serdes.state(OrderStatusState.class)));

    // Same key in, same key out: merging and folding need no repartition.
    KStream<String, SpecificRecord> facts = inputs.orders().<SpecificRecord>mapValues(v -> v, Named.as("order-status-orders"))
        .merge(inputs.payments().<SpecificRecord>mapValues(v -> v, Named.as("order-status-payments")), Named.as("order-status-merge-payments"))
        .merge(inputs.shipments().<SpecificRecord>mapValues(v -> v, Named.as("order-status-shipments")), Named.as("order-status-merge-shipments"));

    Map<String, KStream<String, SpecificRecord>> outcomes = facts
        .processValues(() -> new OrderStatusProcessor(STORE), Named.as("order-status-fold"), STORE)
        .split(Named.as("order-status-"))
        .branch((orderId, outcome) -> outcome instanceof OrderPlaced, Branched.as("new-orders"))
        .defaultBranch(Branched.as("views"));

    inputs.distinctOrdersAre(outcomes.get("order-status-new-orders")
        .mapValues(outcome -> (OrderPlaced) outcome, Named.as("distinct-orders")));
    outcomes.get("order-status-views")
        .mapValues(outcome -> (OrderStatus) outcome, Named.as("order-status-changes"))
        .to(outputs.of(Views.ORDER_STATUS), Produced.with(serdes.keys(), serdes.views(Views.ORDER_STATUS.topic()))
            .withName("emit-order-status"));
  }
}
