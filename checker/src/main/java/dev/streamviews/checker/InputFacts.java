package dev.streamviews.checker;

import dev.streamviews.schemas.events.OrderPlaced;
import dev.streamviews.schemas.events.PaymentCaptured;
import dev.streamviews.schemas.events.ShipmentUpdated;
import dev.streamviews.schemas.events.StockAdjusted;
import java.util.ArrayList;
import java.util.List;

/** Every readable event of the input topics, in no particular order; unreadable records are only counted. */
public final class InputFacts {
  public final List<OrderPlaced> orders = new ArrayList<>();
  public final List<PaymentCaptured> payments = new ArrayList<>();
  public final List<ShipmentUpdated> shipments = new ArrayList<>();
  public final List<StockAdjusted> stockAdjustments = new ArrayList<>();
  public long unreadable;

  public long size() {
    return orders.size() + payments.size() + shipments.size() + stockAdjustments.size();
  }
}
