package dev.streamviews.processors.customerspend;

import static dev.streamviews.fixtures.Events.T0;
import static dev.streamviews.fixtures.Events.aPayment;
import static dev.streamviews.fixtures.Events.dispatched;
import static dev.streamviews.fixtures.Events.anOrder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streamviews.processors.topology.ShopTopologyDriver;
import dev.streamviews.schemas.events.OrderPlaced;
import dev.streamviews.schemas.topics.Topics;
import dev.streamviews.schemas.views.CustomerSpend;
import java.nio.file.Path;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CustomerSpendTopologyTest {
  @TempDir
  Path stateDir;

  private ShopTopologyDriver shop;
  private TestInputTopic<String, OrderPlaced> orders;

  @BeforeEach
  void startTopology() {
    shop = new ShopTopologyDriver(stateDir);
    orders = shop.input(Topics.ORDERS);
  }

  @AfterEach
  void stopTopology() {
    shop.close();
  }

  @Test
  void sumsTheDistinctOrdersOfEachCustomer() {
    place(anOrder("o-1").forCustomer("alice").withLine("sku-1", 2, 50).build());
    place(anOrder("o-2").forCustomer("alice").withLine("sku-2", 1, 250).placedAt(T0.plusSeconds(60)).build());
    place(anOrder("o-3").forCustomer("bob").withLine("sku-1", 1, 10).build());

    CustomerSpend alice = spendOf("alice");
    assertThat(alice.getOrders()).isEqualTo(2);
    assertThat(alice.getSpentCents()).isEqualTo(2 * 50 + 250);
    assertThat(alice.getLastOrderAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(spendOf("bob").getOrders()).isEqualTo(1);
  }

  @Test
  void countsARepublishedOrderOnce() {
    OrderPlaced order = anOrder("o-1").forCustomer("alice").withLine("sku-1", 1, 100).build();
    place(order);
    place(order);

    assertThat(spendOf("alice").getOrders()).isEqualTo(1);
    assertThat(spendOf("alice").getSpentCents()).isEqualTo(100);
  }

  @Test
  void countsAnOrderWhosePaymentAndShipmentArrivedBeforeIt() {
    // The order's status is known before the order itself: that must not make the order look seen.
    shop.input(Topics.PAYMENTS).pipeInput("o-1", aPayment("p-1").forOrder("o-1").ofCents(100).build());
    shop.input(Topics.SHIPMENTS).pipeInput("o-1", dispatched("o-1", T0.plusSeconds(30)));
    place(anOrder("o-1").forCustomer("alice").withLine("sku-1", 1, 100).build());

    assertThat(spendOf("alice").getOrders()).isEqualTo(1);
    assertThat(spendOf("alice").getSpentCents()).isEqualTo(100);
  }

  @Test
  void countsOnlyTheFirstOfTwoOrdersPlacedUnderOneId() {
    place(anOrder("o-1").forCustomer("alice").withLine("sku-1", 1, 100).build());
    place(anOrder("o-1").forCustomer("alice").withLine("sku-1", 3, 100).placedAt(T0.plusSeconds(60)).build());

    assertThat(spendOf("alice").getOrders()).isEqualTo(1);
    assertThat(spendOf("alice").getSpentCents()).isEqualTo(100);
  }

  @Test
  void keepsTheLatestOrderTimeWhateverTheArrivalOrder() {
    place(anOrder("o-late").forCustomer("alice").withLine("sku-1", 1, 1).placedAt(T0.plusSeconds(300)).build());
    place(anOrder("o-early").forCustomer("alice").withLine("sku-1", 1, 1).placedAt(T0).build());

    assertThat(spendOf("alice").getLastOrderAt()).isEqualTo(T0.plusSeconds(300));
  }

  @Test
  void emitsEachChangeToTheViewTopic() {
    place(anOrder("o-1").forCustomer("alice").withLine("sku-1", 1, 100).build());

    var emitted = shop.output(Topics.CUSTOMER_SPEND_VIEW).readKeyValuesToMap();
    assertThat(emitted).containsOnlyKeys("alice");
    assertThat(emitted.get("alice").getSpentCents()).isEqualTo(100);
  }

  private void place(OrderPlaced order) {
    orders.pipeInput(order.getOrderId(), order);
  }

  private CustomerSpend spendOf(String customerId) {
    KeyValueStore<String, ValueAndTimestamp<CustomerSpend>> store = shop.driver.getTimestampedKeyValueStore(CustomerSpendView.STORE);
    return store.get(customerId).value();
  }
}
