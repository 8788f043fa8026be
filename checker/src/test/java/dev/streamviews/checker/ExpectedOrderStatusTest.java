package dev.streamviews.checker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamviews.checker.ExpectedOrderStatus.Expected;
import dev.streamviews.schemas.events.OrderLine;
import dev.streamviews.schemas.events.OrderPlaced;
import dev.streamviews.schemas.events.PaymentCaptured;
import dev.streamviews.schemas.events.PaymentMethod;
import dev.streamviews.schemas.events.ShipmentStatus;
import dev.streamviews.schemas.events.ShipmentUpdated;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpectedOrderStatusTest {
  private static final Instant T = Instant.parse("2026-11-01T00:00:00Z");

  @Test
  void derivesEachStatusFromTheFactsAsDesignMdDefinesIt() {
    InputFacts facts = new InputFacts();
    facts.orders.add(order("placed", 1000));
    facts.orders.add(order("paid", 1000));
    facts.payments.add(payment("p1", "paid", 400));
    facts.payments.add(payment("p2", "paid", 600));
    facts.payments.add(payment("p2", "paid", 600)); // republished: counts once
    facts.orders.add(order("shipped", 10));
    facts.shipments.add(new ShipmentUpdated("shipped", ShipmentStatus.DISPATCHED, "DHL", T.plusSeconds(60)));
    facts.shipments.add(new ShipmentUpdated("delivered", ShipmentStatus.DELIVERED, "DHL", T.plusSeconds(90)));
    facts.payments.add(payment("p3", "orphan", 5));

    Map<String, Expected> expected = ExpectedOrderStatus.of(facts);

    assertThat(expected.get("placed").status()).isEqualTo("PLACED");
    assertThat(expected.get("paid").status()).isEqualTo("PAID");
    assertThat(expected.get("paid").paidCents()).isEqualTo(1000);
    assertThat(expected.get("shipped").status()).isEqualTo("SHIPPED");
    assertThat(expected.get("shipped").updatedAt()).isEqualTo(T.plusSeconds(60));
    assertThat(expected.get("delivered").status()).isEqualTo("DELIVERED");
    assertThat(expected.get("delivered").customerId()).isNull();
    assertThat(expected.get("orphan").status()).isEqualTo("AWAITING_ORDER");
    assertThat(expected.get("orphan").totalCents()).isZero();
    assertThat(expected).hasSize(5);
  }

  private static OrderPlaced order(String id, long cents) {
    return new OrderPlaced(id, "c-1", List.of(new OrderLine("sku-1", 1, cents)), T);
  }

  private static PaymentCaptured payment(String paymentId, String orderId, long cents) {
    return new PaymentCaptured(paymentId, orderId, cents, PaymentMethod.CARD, T.plusSeconds(1));
  }
}
