package dev.streamviews.processors.orderstatus;

import dev.streamviews.schemas.events.OrderPlaced;
import dev.streamviews.schemas.events.PaymentCaptured;
import dev.streamviews.schemas.events.ShipmentUpdated;
import dev.streamviews.schemas.views.OrderStatus;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Folds orders, payments and shipments of one orderId into the order-status store and forwards
 * the new view when, and only when, the facts changed (a republished event forwards nothing).
 */
final class OrderStatusProcessor implements FixedKeyProcessor<String, SpecificRecord, OrderStatus> {
  private final String storeName;
  private FixedKeyProcessorContext<String, OrderStatus> context;
  private KeyValueStore<String, OrderStatusState> store;

  OrderStatusProcessor(String storeName) {
    this.storeName = storeName;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, OrderStatus> context) {
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
    if (fold(state, record.value())) {
      store.put(orderId, state);
      context.forward(record.withValue(OrderStatusRules.view(state)));
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
