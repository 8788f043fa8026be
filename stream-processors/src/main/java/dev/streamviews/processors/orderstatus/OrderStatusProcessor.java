package dev.streamviews.processors.orderstatus;

import dev.streamviews.schemas.events.OrderPlaced;
import dev.streamviews.schemas.events.PaymentCaptured;
import dev.streamviews.schemas.events.ShipmentUpdated;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Folds orders, payments and shipments of one orderId into the order-status store and forwards
 * the new view ({@link dev.streamviews.schemas.views.OrderStatus}) when, and only when, the facts
 * changed (a republished event forwards nothing).
 *
 * <p>It also forwards each order the first time its orderId is placed (the {@link OrderPlaced}
 * itself): the store already knows whether an order was placed, so the views that count distinct
 * orders need no store of their own to tell (which would cost a read, a write and a changelog
 * record per order).
 */
final class OrderStatusProcessor implements FixedKeyProcessor<String, SpecificRecord, SpecificRecord> {
  private final String storeName;
  private FixedKeyProcessorContext<String, SpecificRecord> context;
  private KeyValueStore<String, OrderStatusState> store;

  OrderStatusProcessor(String storeName) {
    this.storeName = storeName;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    this.store = context.getStateStore(storeName);
  }

  @Override
  public void process(FixedKeyRecord<String, SpecificRecord> record) {
    String orderId = record.key();
    OrderStatusState state = store.get(orderId);
    if (state == null) {
      state = OrderStatusRules.initial(orderId);
    }
    // Payments and shipments may have arrived first: an order is new when none was placed yet.
    boolean firstPlaced = record.value() instanceof OrderPlaced && state.getPlacedAt() == null;
    if (fold(state, record.value())) {
      store.put(orderId, state);
      context.forward(record.withValue(OrderStatusRules.view(state)));
    }
    if (firstPlaced) {
      context.forward(record);
    }
  }

  private static boolean fold(OrderStatusState state, SpecificRecord fact) {
    if (fact instanceof OrderPlaced order) {
      return OrderStatusRules.fold(state, order);
    }
    if (fact instanceof PaymentCaptured payment) {
      return OrderStatusRules.fold(state, payment);
    }
    if (fact instanceof ShipmentUpdated shipment) {
      return OrderStatusRules.fold(state, shipment);
    }
    throw new IllegalArgumentException("order-status does not fold " + fact.getSchema().getFullName());
  }
}
