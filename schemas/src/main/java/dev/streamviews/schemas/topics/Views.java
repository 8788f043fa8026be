package dev.streamviews.schemas.topics;

import dev.streamviews.schemas.views.CustomerSpend;
import dev.streamviews.schemas.views.OrderStatus;
import dev.streamviews.schemas.views.SkuSalesPerMinute;
import dev.streamviews.schemas.views.StockLevel;
import java.util.List;
import java.util.Optional;

/** The view catalogue: the views the processors build and the view service serves. */
public final class Views {
  public static final View<OrderStatus> ORDER_STATUS =
      new View<>("order-status", ViewShape.KEY_VALUE, Topics.ORDER_STATUS_VIEW, "orderId");

  public static final View<CustomerSpend> CUSTOMER_SPEND =
      new View<>("customer-spend", ViewShape.KEY_VALUE, Topics.CUSTOMER_SPEND_VIEW, "customerId");
  public static final View<SkuSalesPerMinute> SKU_SALES_PER_MINUTE =
      new View<>("sku-sales-per-minute", ViewShape.WINDOWED, Topics.SKU_SALES_VIEW, "sku");
  public static final View<StockLevel> STOCK_LEVELS =
      new View<>("stock-levels", ViewShape.KEY_VALUE, Topics.STOCK_LEVELS_VIEW, "sku");

  private static final List<View<?>> ALL = List.of(ORDER_STATUS, CUSTOMER_SPEND, SKU_SALES_PER_MINUTE, STOCK_LEVELS);

  private Views() {}

  public static List<View<?>> all() {
    return ALL;
  }

  public static Optional<View<?>> byName(String name) {
    return ALL.stream().filter(view -> view.name().equals(name)).findFirst();
  }
}
