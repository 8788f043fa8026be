package dev.streamviews.processors.customerspend;

import dev.streamviews.processors.topology.LocalView;
import dev.streamviews.processors.topology.OutputTopics;
import dev.streamviews.processors.topology.ShopInputs;
import dev.streamviews.processors.topology.TopologySerdes;
import dev.streamviews.schemas.events.OrderLine;
import dev.streamviews.schemas.events.OrderPlaced;
import dev.streamviews.schemas.topics.Topics;
import dev.streamviews.schemas.topics.Views;
import dev.streamviews.schemas.views.CustomerSpend;
import java.time.Instant;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The customer-spend view: distinct orders, re-keyed by customerId (internal topic
 * orders-by-customer), summed per customer into the store {@code customer-spend}, each change
 * emitted to the compacted {@code shop.views.customer-spend}.
 *
 * <p>Reads shop.orders (key orderId, OrderPlaced); writes shop.views.customer-spend (key customerId,
 * {@link CustomerSpend}).
 */
public final class CustomerSpendView {
  public static final String STORE = Views.CUSTOMER_SPEND.storeName();
  public static final LocalView<CustomerSpend, CustomerSpend> LOCAL = LocalView.stored(Views.CUSTOMER_SPEND);

  private CustomerSpendView() {}

  public static void addTo(ShopInputs inputs, TopologySerdes serdes, OutputTopics outputs) {
    inputs.distinctOrders()
        .selectKey((orderId, order) -> order.getCustomerId(), Named.as("key-orders-by-customer"))
        .groupByKey(Grouped.with("orders-by-customer", serdes.keys(), serdes.events(Topics.ORDERS)))
        .aggregate(CustomerSpendView::nobody, CustomerSpendView::add, Named.as("customer-spend-sum"),
            Materialized.<String, CustomerSpend, KeyValueStore<Bytes, byte[]>>as(STORE)
                .withKeySerde(serdes.keys())
                .withValueSerde(serdes.views(Topics.CUSTOMER_SPEND_VIEW)))
        .toStream(Named.as("customer-spend-changes"))
        .to(outputs.of(Views.CUSTOMER_SPEND), Produced.with(serdes.keys(), serdes.views(Topics.CUSTOMER_SPEND_VIEW))
            .withName("emit-customer-spend"));
  }

  private static CustomerSpend nobody() {
    return new CustomerSpend("", 0L, 0L, Instant.EPOCH);
  }

  /** One more distinct order: sums and a maximum, so arrival order does not matter. */
  static CustomerSpend add(String customerId, OrderPlaced order, CustomerSpend spend) {
    long total = 0;
    for (OrderLine line : order.getLines()) {
      total += line.getQuantity() * line.getUnitPriceCents();
    }
    Instant last = order.getPlacedAt().isAfter(spend.getLastOrderAt()) ? order.getPlacedAt() : spend.getLastOrderAt();
    return new CustomerSpend(customerId, spend.getOrders() + 1, spend.getSpentCents() + total, last);
  }
}
