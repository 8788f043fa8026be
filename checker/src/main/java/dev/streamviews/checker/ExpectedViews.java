package dev.streamviews.checker;

import dev.streamviews.checker.ExpectedOrderStatus.Expected;
import dev.streamviews.schemas.events.OrderLine;
import dev.streamviews.schemas.events.OrderPlaced;
import dev.streamviews.schemas.events.StockAdjusted;
import dev.streamviews.schemas.late.LateOrderLine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every view computed the slow, obvious way from all the facts at once, straight from DESIGN.md,
 * sharing no code with the processors: first the distinct facts, then sums per key.
 */
public final class ExpectedViews {
  private static final long MINUTE = 60_000;

  private ExpectedViews() {}

  public static List<ExpectedView> of(InputFacts facts, List<LateOrderLine> lateLines) {
    return List.of(orderStatus(facts), customerSpend(facts), skuSales(facts, lateLines), stockLevels(facts));
  }

  public static ExpectedView orderStatus(InputFacts facts) {
    Map<String, Map<String, Object>> values = new TreeMap<>();
    for (Expected expected : ExpectedOrderStatus.of(facts).values()) {
      values.put(expected.orderId(), fields("orderId", expected.orderId(), "customerId", expected.customerId(),
          "status", expected.status(), "totalCents", expected.totalCents(), "paidCents", expected.paidCents(),
          "placedAt", expected.placedAt(), "updatedAt", expected.updatedAt()));
    }
    return ExpectedView.keyValue("order-status", values);
  }

  static ExpectedView customerSpend(InputFacts facts) {
    Map<String, long[]> sums = new TreeMap<>(); // customer -> {orders, cents, latest placedAt}
    for (OrderPlaced order : distinctOrders(facts)) {
      long[] sum = sums.computeIfAbsent(order.getCustomerId(), c -> new long[] {0, 0, Long.MIN_VALUE});
      sum[0]++;
      sum[1] += totalOf(order);
      sum[2] = Math.max(sum[2], order.getPlacedAt().toEpochMilli());
    }
    Map<String, Map<String, Object>> values = new TreeMap<>();
    sums.forEach((customer, sum) -> values.put(customer, fields("customerId", customer, "orders", sum[0],
        "spentCents", sum[1], "lastOrderAt", Instant.ofEpochMilli(sum[2]))));
    return ExpectedView.keyValue("customer-spend", values);
  }

  /** Lines of distinct orders per sku and minute of placedAt, less those the pipeline reported late. */
  static ExpectedView skuSales(InputFacts facts, List<LateOrderLine> lateLines) {
    Set<String> late = new HashSet<>();
    lateLines.forEach(line -> late.add(line.getOrderId() + "/" + line.getSku()));
    Map<String, TreeMap<Long, long[]>> sums = new TreeMap<>(); // sku -> window start -> {units, cents}
    for (OrderPlaced order : distinctOrders(facts)) {
      long placedAt = order.getPlacedAt().toEpochMilli();
      long start = placedAt - Math.floorMod(placedAt, MINUTE);
      for (OrderLine line : order.getLines()) {
        if (late.contains(order.getOrderId() + "/" + line.getSku())) {
          continue;
        }
        long[] sum = sums.computeIfAbsent(line.getSku(), s -> new TreeMap<>()).computeIfAbsent(start, w -> new long[2]);
        sum[0] += line.getQuantity();
        sum[1] += (long) line.getQuantity() * line.getUnitPriceCents();
      }
    }
    Map<String, List<Map<String, Object>>> windows = new TreeMap<>();
    sums.forEach((sku, byWindow) -> {
      List<Map<String, Object>> list = new ArrayList<>();
      byWindow.forEach((start, sum) -> list.add(fields("sku", sku, "windowStart", Instant.ofEpochMilli(start),
          "windowEnd", Instant.ofEpochMilli(start + MINUTE), "units", sum[0], "revenueCents", sum[1])));
      windows.put(sku, list);
    });
    return ExpectedView.windowed("sku-sales-per-minute", windows);
  }

  static ExpectedView stockLevels(InputFacts facts) {
    Map<String, Long> onHand = new TreeMap<>();
    Map<String, StockAdjusted> adjustments = new HashMap<>();
    facts.stockAdjustments.forEach(a -> adjustments.putIfAbsent(a.getAdjustmentId(), a));
    adjustments.values().forEach(a -> onHand.merge(a.getSku(), (long) a.getDelta(), Long::sum));
    for (OrderPlaced order : distinctOrders(facts)) {
      order.getLines().forEach(line -> onHand.merge(line.getSku(), -(long) line.getQuantity(), Long::sum));
    }
    Map<String, Map<String, Object>> values = new TreeMap<>();
    onHand.forEach((sku, level) -> values.put(sku, fields("sku", sku, "onHand", level)));
    return ExpectedView.keyValue("stock-levels", values);
  }

  /** One order per orderId (republished copies are equal; the latest placed wins if not). */
  private static List<OrderPlaced> distinctOrders(InputFacts facts) {
    Map<String, OrderPlaced> byId = new HashMap<>();
    facts.orders.forEach(order -> byId.merge(order.getOrderId(), order,
        (a, b) -> b.getPlacedAt().isAfter(a.getPlacedAt()) ? b : a));
    List<OrderPlaced> orders = new ArrayList<>(byId.values());
    orders.sort(Comparator.comparing(OrderPlaced::getOrderId));
    return orders;
  }

  private static long totalOf(OrderPlaced order) {
    return order.getLines().stream().mapToLong(l -> (long) l.getQuantity() * l.getUnitPriceCents()).sum();
  }

  private static Map<String, Object> fields(Object... namesAndValues) {
    Map<String, Object> fields = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return fields;
  }
}
