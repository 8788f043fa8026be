package dev.streamviews.processors.orderstatus;

import static dev.streamviews.fixtures.Events.T0;
import static dev.streamviews.fixtures.Events.aPayment;
import static dev.streamviews.fixtures.Events.anOrder;
import static dev.streamviews.fixtures.Events.delivered;
import static dev.streamviews.fixtures.Events.dispatched;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streamviews.processors.topology.ShopTopologyDriver;
import dev.streamviews.schemas.events.OrderPlaced;
import dev.streamviews.schemas.events.PaymentCaptured;
import dev.streamviews.schemas.events.ShipmentUpdated;
import dev.streamviews.schemas.topics.Topics;
import dev.streamviews.schemas.views.OrderState;
import dev.streamviews.schemas.views.OrderStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrderStatusTopologyTest {
  private static final String ORDER = "order-1";

  @TempDir
  Path stateDir;

  private ShopTopologyDriver shop;
  private TestInputTopic<String, OrderPlaced> orders;
  private TestInputTopic<String, PaymentCaptured> payments;
  private TestInputTopic<String, ShipmentUpdated> shipments;
  private TestOutputTopic<String, OrderStatus> views;

  @BeforeEach
  void startTopology() {
    shop = new ShopTopologyDriver(stateDir);
    orders = shop.input(Topics.ORDERS);
    payments = shop.input(Topics.PAYMENTS);
    shipments = shop.input(Topics.SHIPMENTS);
    views = shop.output(Topics.ORDER_STATUS_VIEW);
  }

  @AfterEach
  void stopTopology() {
    shop.close();
  }

  @Test
  void marksAnOrderPlacedWithItsTotalWhenOnlyTheOrderIsKnown() {
    orders.pipeInput(ORDER, anOrder(ORDER).forCustomer("c-7").withLine("sku-1", 2, 1999).withLine("sku-2", 1, 500).build());

    OrderStatus view = viewOf(ORDER);
    assertThat(view.getStatus()).isEqualTo(OrderState.PLACED);
    assertThat(view.getTotalCents()).isEqualTo(2 * 1999 + 500);
    assertThat(view.getPaidCents()).isZero();
    assertThat(view.getCustomerId()).isEqualTo("c-7");
    assertThat(view.getPlacedAt()).isEqualTo(T0);
  }

  @Test
  void marksAnOrderPaidWhenPaymentCoversTotal() {
    orders.pipeInput(ORDER, anOrder(ORDER).withLine("sku-1", 2, 1000).build());
    payments.pipeInput(ORDER, aPayment("p-1").forOrder(ORDER).ofCents(2000).build());

    assertThat(viewOf(ORDER).getStatus()).isEqualTo(OrderState.PAID);
    assertThat(viewOf(ORDER).getPaidCents()).isEqualTo(2000);
  }

  @Test
  void keepsAnOrderPlacedWhilePaymentsFallShort() {
    orders.pipeInput(ORDER, anOrder(ORDER).withLine("sku-1", 2, 1000).build());
    payments.pipeInput(ORDER, aPayment("p-1").forOrder(ORDER).ofCents(1999).build());

    assertThat(viewOf(ORDER).getStatus()).isEqualTo(OrderState.PLACED);
  }

  @Test
  void addsUpSplitPaymentsUntilTheyCoverTheTotal() {
    orders.pipeInput(ORDER, anOrder(ORDER).withLine("sku-1", 1, 3000).build());
    payments.pipeInput(ORDER, aPayment("p-1").forOrder(ORDER).ofCents(1000).build());
    assertThat(viewOf(ORDER).getStatus()).isEqualTo(OrderState.PLACED);

    payments.pipeInput(ORDER, aPayment("p-2").forOrder(ORDER).ofCents(2000).build());
    assertThat(viewOf(ORDER).getStatus()).isEqualTo(OrderState.PAID);
    assertThat(viewOf(ORDER).getPaidCents()).isEqualTo(3000);
  }

  @Test
  void awaitsTheOrderWhenAPaymentArrivesFirstThenCountsIt() {
    payments.pipeInput(ORDER, aPayment("p-1").forOrder(ORDER).ofCents(500).capturedAt(T0.plusSeconds(5)).build());
    assertThat(viewOf(ORDER).getStatus()).isEqualTo(OrderState.AWAITING_ORDER);
    assertThat(viewOf(ORDER).getCustomerId()).isNull();

    orders.pipeInput(ORDER, anOrder(ORDER).withLine("sku-1", 1, 500).build());
    assertThat(viewOf(ORDER).getStatus()).isEqualTo(OrderState.PAID);
  }

  @Test
  void marksAnOrderShippedWhenDispatchedAndDeliveredWhenDelivered() {
    orders.pipeInput(ORDER, anOrder(ORDER).withLine("sku-1", 1, 500).build());
    payments.pipeInput(ORDER, aPayment("p-1").forOrder(ORDER).ofCents(500).build());
    shipments.pipeInput(ORDER, dispatched(ORDER, T0.plusSeconds(60)));
    assertThat(viewOf(ORDER).getStatus()).isEqualTo(OrderState.SHIPPED);

    shipments.pipeInput(ORDER, delivered(ORDER, T0.plusSeconds(3600)));
    assertThat(viewOf(ORDER).getStatus()).isEqualTo(OrderState.DELIVERED);
  }

  @Test
  void staysDeliveredWhenTheDispatchArrivesAfterTheDelivery() {
    shipments.pipeInput(ORDER, delivered(ORDER, T0.plusSeconds(3600)));
    shipments.pipeInput(ORDER, dispatched(ORDER, T0.plusSeconds(60)));

    assertThat(viewOf(ORDER).getStatus()).isEqualTo(OrderState.DELIVERED);
    assertThat(viewOf(ORDER).getUpdatedAt()).isEqualTo(T0.plusSeconds(3600));
  }

  @Test
  void countsARepublishedPaymentOnceAndEmitsNothingForIt() {
    orders.pipeInput(ORDER, anOrder(ORDER).withLine("sku-1", 1, 1000).build());
    PaymentCaptured payment = aPayment("p-1").forOrder(ORDER).ofCents(600).build();
    payments.pipeInput(ORDER, payment);
    views.readValuesToList();

    payments.pipeInput(ORDER, payment);
    orders.pipeInput(ORDER, anOrder(ORDER).withLine("sku-1", 1, 1000).build());

    assertThat(views.isEmpty()).isTrue();
    assertThat(viewOf(ORDER).getPaidCents()).isEqualTo(600);
    assertThat(viewOf(ORDER).getStatus()).isEqualTo(OrderState.PLACED);
  }

  @Test
  void emitsEachChangedViewToTheViewTopic() {
    orders.pipeInput(ORDER, anOrder(ORDER).withLine("sku-1", 1, 1000).build());
    payments.pipeInput(ORDER, aPayment("p-1").forOrder(ORDER).ofCents(1000).capturedAt(T0.plusSeconds(1)).build());

    List<OrderStatus> emitted = views.readValuesToList();
    assertThat(emitted).extracting(OrderStatus::getStatus).containsExactly(OrderState.PLACED, OrderState.PAID);
    assertThat(emitted.get(1)).isEqualTo(viewOf(ORDER));
  }

  @Test
  void reachesTheSameViewWhateverOrderTheFactsArriveIn() {
    List<List<Integer>> arrivalOrders = permutations(List.of(0, 1, 2, 3, 4, 5));
    for (int i = 0; i < arrivalOrders.size(); i++) {
      String orderId = "order-" + i;
      List<SpecificRecord> facts = storyOf(orderId);
      for (int index : arrivalOrders.get(i)) {
        pipe(orderId, facts.get(index));
      }
    }

    OrderStatus first = viewOf("order-0");
    assertThat(first.getStatus()).isEqualTo(OrderState.DELIVERED);
    assertThat(first.getPaidCents()).isEqualTo(3000);
    assertThat(first.getUpdatedAt()).isEqualTo(T0.plusSeconds(7200));
    for (int i = 1; i < arrivalOrders.size(); i++) {
      OrderStatus view = viewOf("order-" + i);
      assertThat(view).usingRecursiveComparison().ignoringFields("orderId").isEqualTo(first);
    }
  }

  @Test
  void takesUpdatedAtFromTheLatestEventNotTheLastArrived() {
    payments.pipeInput(ORDER, aPayment("p-1").forOrder(ORDER).ofCents(1).capturedAt(T0.plusSeconds(90)).build());
    orders.pipeInput(ORDER, anOrder(ORDER).withLine("sku-1", 1, 1).placedAt(T0).build());

    assertThat(viewOf(ORDER).getUpdatedAt()).isEqualTo(T0.plusSeconds(90));
    assertThat(viewOf(ORDER).getPlacedAt()).isEqualTo(T0);
  }

  /** An order of 3000 cents, paid in two payments (one republished), dispatched and delivered. */
  private static List<SpecificRecord> storyOf(String orderId) {
    return List.of(
        anOrder(orderId).withLine("sku-1", 3, 1000).build(),
        aPayment("p-a-" + orderId).forOrder(orderId).ofCents(1000).capturedAt(T0.plusSeconds(10)).build(),
        aPayment("p-b-" + orderId).forOrder(orderId).ofCents(2000).capturedAt(T0.plusSeconds(20)).build(),
        aPayment("p-b-" + orderId).forOrder(orderId).ofCents(2000).capturedAt(T0.plusSeconds(20)).build(),
        dispatched(orderId, T0.plusSeconds(600)),
        delivered(orderId, T0.plusSeconds(7200)));
  }

  private void pipe(String key, SpecificRecord fact) {
    if (fact instanceof OrderPlaced order) {
      orders.pipeInput(key, order);
    } else if (fact instanceof PaymentCaptured payment) {
      payments.pipeInput(key, payment);
    } else {
      shipments.pipeInput(key, (ShipmentUpdated) fact);
    }
  }

  private OrderStatus viewOf(String orderId) {
    KeyValueStore<String, OrderStatusState> store = shop.driver.getKeyValueStore(OrderStatusView.STORE);
    OrderStatusState state = store.get(orderId);
    assertThat(state).as("state of " + orderId).isNotNull();
    return OrderStatusRules.view(state);
  }

  private static List<List<Integer>> permutations(List<Integer> items) {
    if (items.isEmpty()) {
      return List.of(List.of());
    }
    List<List<Integer>> all = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      List<Integer> rest = new ArrayList<>(items);
      Integer head = rest.remove(i);
      for (List<Integer> tail : permutations(rest)) {
        List<Integer> permutation = new ArrayList<>();
        permutation.add(head);
        permutation.addAll(tail);
        all.add(permutation);
      }
    }
    return all;
  }

  @SuppressWarnings("unused")
  private static Instant at(long seconds) {
    return T0.plusSeconds(seconds);
  }
}
