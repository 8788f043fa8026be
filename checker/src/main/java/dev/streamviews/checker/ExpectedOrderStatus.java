package dev.streamviews.checker;

import dev.streamviews.schemas.events.OrderPlaced;
import dev.streamviews.schemas.events.PaymentCaptured;
import dev.streamviews.schemas.events.ShipmentUpdated;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The order-status view computed the slow, obvious way from all the facts at once, straight from
 * DESIGN.md, with no code shared with the processor: group every fact by orderId, then derive.
 */
public final class ExpectedOrderStatus {
  /** The expected view of one order; timestamps may be null where the view has none. */
  public record Expected(String orderId, String customerId, String status, long totalCents, long paidCents,
      Instant placedAt, Instant updatedAt) {}

  private ExpectedOrderStatus() {}

  public static Map<String, Expected> of(InputFacts facts) {
    Map<String, List<OrderPlaced>> orders = facts.orders.stream().collect(Collectors.groupingBy(OrderPlaced::getOrderId));
    Map<String, List<PaymentCaptured>> payments = facts.payments.stream().collect(Collectors.groupingBy(PaymentCaptured::getOrderId));
    Map<String, List<ShipmentUpdated>> shipments = facts.shipments.stream().collect(Collectors.groupingBy(ShipmentUpdated::getOrderId));

    Map<String, Expected> expected = new TreeMap<>();
    List<String> orderIds = new ArrayList<>(orders.keySet());
    orderIds.addAll(payments.keySet());
    orderIds.addAll(shipments.keySet());
    for (String orderId : orderIds) {
      expected.computeIfAbsent(orderId, id -> derive(id, orders.getOrDefault(id, List.of()),
          payments.getOrDefault(id, List.of()), shipments.getOrDefault(id, List.of())));
    }
    return expected;
  }

  private static Expected derive(String orderId, List<OrderPlaced> orders, List<PaymentCaptured> payments,
      List<ShipmentUpdated> shipments) {
    // The latest placed version of the order counts (all copies are equal when an order is republished).
    OrderPlaced order = orders.stream().max(Comparator.comparing(OrderPlaced::getPlacedAt)).orElse(null);
    long total = order == null ? 0 : order.getLines().stream().mapToLong(l -> (long) l.getQuantity() * l.getUnitPriceCents()).sum();

    Map<String, Long> distinctPayments = new HashMap<>();
    payments.forEach(p -> distinctPayments.merge(p.getPaymentId(), p.getAmountCents(), Math::max));
    long paid = distinctPayments.values().stream().mapToLong(Long::longValue).sum();

    boolean delivered = shipments.stream().anyMatch(s -> s.getStatus().name().equals("DELIVERED"));
    boolean dispatched = shipments.stream().anyMatch(s -> s.getStatus().name().equals("DISPATCHED"));
    String status = delivered ? "DELIVERED"
        : dispatched ? "SHIPPED"
        : order != null && paid >= total ? "PAID"
        : order != null ? "PLACED"
        : "AWAITING_ORDER";

    List<Instant> times = new ArrayList<>();
    orders.forEach(o -> times.add(o.getPlacedAt()));
    payments.forEach(p -> times.add(p.getCapturedAt()));
    shipments.forEach(s -> times.add(s.getAt()));
    Instant updatedAt = times.stream().max(Comparator.naturalOrder()).orElseThrow();

    return new Expected(orderId, order == null ? null : order.getCustomerId(), status, total, paid,
        order == null ? null : order.getPlacedAt(), updatedAt);
  }
}
