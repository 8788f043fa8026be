package dev.streamviews.schemas.topics;

import dev.streamviews.schemas.views.OrderStatus;
import java.util.List;
import java.util.Optional;

/** The view catalogue: the views the processors build and the view service serves. */
public final class Views {
  public static final View<OrderStatus> ORDER_STATUS =
      new View<>("order-status", ViewShape.KEY_VALUE, Topics.ORDER_STATUS_VIEW, "orderId");

  private static final List<View<?>> ALL = List.of(ORDER_STATUS);

  private Views() {}

  public static List<View<?>> all() {
    return ALL;
  }

  public static Optional<View<?>> byName(String name) {
    return ALL.stream().filter(view -> view.name().equals(name)).findFirst();
  }
}
