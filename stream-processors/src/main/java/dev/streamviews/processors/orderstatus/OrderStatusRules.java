package dev.streamviews.processors.orderstatus;

import dev.streamviews.schemas.events.OrderLine;
import dev.streamviews.schemas.events.OrderPlaced;
import dev.streamviews.schemas.events.PaymentCaptured;
import dev.streamviews.schemas.events.ShipmentStatus;
import dev.streamviews.schemas.events.ShipmentUpdated;
import dev.streamviews.schemas.views.OrderState;
import dev.streamviews.schemas.views.OrderStatus;
import java.time.Instant;
import java.util.HashMap;

/**
 * The order-status view's semantics, as pure functions: folding a fact into an order's state,
 * and the view of a state. Every fold is commutative and idempotent (sets, sums over distinct ids,
 * maxima), which is what makes the view independent of arrival order and of republished events.
 */
public final class OrderStatusRules {
  private OrderStatusRules() {}

  public static OrderStatusState initial(String orderId) {
    return new OrderStatusState(orderId, null, null, null, new HashMap<>(), false, false, Instant.EPOCH);
  }

  /**
   * Folds an order into the state. If two different orders share an id, the later placed one
   * wins (a tie keeps what is there), so the outcome does not depend on which arrived first.
   *
   * @return whether the state changed
   */
  public static boolean fold(OrderStatusState state, OrderPlaced order) {
    boolean later = state.getPlacedAt() == null || order.getPlacedAt().isAfter(state.getPlacedAt());
    if (later) {
      state.setCustomerId(order.getCustomerId());
      state.setTotalCents(totalOf(order));
      state.setPlacedAt(order.getPlacedAt());
    }
    return touched(state, order.getPlacedAt()) | later;
  }

  /**
   * Folds a payment in. A paymentId counts once; should two payments share an id with different
   * amounts, the larger counts, again whatever the order of arrival.
   */
  public static boolean fold(OrderStatusState state, PaymentCaptured payment) {
    Long known = state.getPayments().get(payment.getPaymentId());
    boolean added = known == null || payment.getAmountCents() > known;
    if (added) {
      state.getPayments().put(payment.getPaymentId(), payment.getAmountCents());
    }
    return touched(state, payment.getCapturedAt()) | added;
  }

  public static boolean fold(OrderStatusState state, ShipmentUpdated shipment) {
    boolean changed;
    if (shipment.getStatus() == ShipmentStatus.DELIVERED) {
      changed = !state.getDelivered();
      state.setDelivered(true);
    } else {
      changed = !state.getDispatched();
      state.setDispatched(true);
    }
    return touched(state, shipment.getAt()) | changed;
  }

  /** The view of the state, as DESIGN.md defines it. */
  public static OrderStatus view(OrderStatusState state) {
    boolean orderKnown = state.getTotalCents() != null;
    long total = orderKnown ? state.getTotalCents() : 0;
    long paid = state.getPayments().values().stream().mapToLong(Long::longValue).sum();
    return new OrderStatus(state.getOrderId(), state.getCustomerId(), statusOf(state, orderKnown, total, paid),
        total, paid, state.getPlacedAt(), state.getLatestEventAt());
  }

  private static OrderState statusOf(OrderStatusState state, boolean orderKnown, long total, long paid) {
    if (state.getDelivered()) {
      return OrderState.DELIVERED;
    }
    if (state.getDispatched()) {
      return OrderState.SHIPPED;
    }
    if (orderKnown) {
      return paid >= total ? OrderState.PAID : OrderState.PLACED;
    }
    return OrderState.AWAITING_ORDER;
  }

  private static long totalOf(OrderPlaced order) {
    long total = 0;
    for (OrderLine line : order.getLines()) {
      total += line.getQuantity() * line.getUnitPriceCents();
    }
    return total;
  }

  /** Moves the latest event time forward; says whether it moved. */
  private static boolean touched(OrderStatusState state, Instant at) {
    if (at.isAfter(state.getLatestEventAt())) {
      state.setLatestEventAt(at);
      return true;
    }
    return false;
  }
}
