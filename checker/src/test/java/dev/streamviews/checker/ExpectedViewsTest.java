package dev.streamviews.checker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamviews.schemas.events.OrderLine;
import dev.streamviews.schemas.events.OrderPlaced;
import dev.streamviews.schemas.events.StockAdjusted;
import dev.streamviews.schemas.events.StockAdjustmentReason;
import dev.streamviews.schemas.late.LateOrderLine;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpectedViewsTest {
  private static final Instant T = Instant.parse("2026-11-01T10:00:30Z");

  private final InputFacts facts = new InputFacts();

  ExpectedViewsTest() {
    facts.orders.add(order("o-1", "alice", T, new OrderLine("sku-1", 2, 100L), new OrderLine("sku-2", 1, 50L)));
    facts.orders.add(order("o-1", "alice", T, new OrderLine("sku-1", 2, 100L), new OrderLine("sku-2", 1, 50L)));
    facts.orders.add(order("o-2", "alice", T.plusSeconds(60), new OrderLine("sku-1", 1, 100L)));
    facts.stockAdjustments.add(new StockAdjusted("a-1", "sku-1", 10, StockAdjustmentReason.RESTOCK, T));
    facts.stockAdjustments.add(new StockAdjusted("a-1", "sku-1", 10, StockAdjustmentReason.RESTOCK, T));
  }

  @Test
  void sumsDistinctOrdersPerCustomer() {
    Map<String, Object> alice = ExpectedViews.customerSpend(facts).values().get("alice");

    assertThat(alice).containsEntry("orders", 2L).containsEntry("spentCents", 350L).containsEntry("lastOrderAt", T.plusSeconds(60));
  }

  @Test
  void subtractsDistinctOrderedQuantitiesFromDistinctAdjustments() {
    Map<String, Map<String, Object>> levels = ExpectedViews.stockLevels(facts).values();

    assertThat(levels.get("sku-1")).containsEntry("onHand", 10L - 2 - 1);
    assertThat(levels.get("sku-2")).containsEntry("onHand", -1L);
  }

  @Test
  void sumsLinesPerSkuAndMinuteLeavingOutThoseReportedLate() {
    LateOrderLine late = new LateOrderLine("o-2", "sku-1", 1, 100L, T.plusSeconds(60), "sku-sales-per-minute",
        Instant.parse("2026-11-01T10:01:00Z"), Instant.parse("2026-11-01T10:05:00Z"));

    ExpectedView all = ExpectedViews.skuSales(facts, List.of());
    ExpectedView withoutLate = ExpectedViews.skuSales(facts, List.of(late));

    assertThat(all.windows().get("sku-1")).hasSize(2);
    assertThat(all.windows().get("sku-1").get(0)).containsEntry("units", 2L).containsEntry("revenueCents", 200L)
        .containsEntry("windowStart", Instant.parse("2026-11-01T10:00:00Z")).containsEntry("windowEnd", Instant.parse("2026-11-01T10:01:00Z"));
    assertThat(withoutLate.windows().get("sku-1")).hasSize(1);
  }

  private static OrderPlaced order(String id, String customer, Instant at, OrderLine... lines) {
    return new OrderPlaced(id, customer, List.of(lines), at);
  }
}
