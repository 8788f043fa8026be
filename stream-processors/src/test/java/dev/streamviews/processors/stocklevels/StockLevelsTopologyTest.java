package dev.streamviews.processors.stocklevels;

import static dev.streamviews.fixtures.Events.T0;
import static dev.streamviews.fixtures.Events.anOrder;
import static dev.streamviews.fixtures.Events.restock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streamviews.processors.topology.ShopTopologyDriver;
import dev.streamviews.schemas.events.OrderPlaced;
import dev.streamviews.schemas.events.StockAdjusted;
import dev.streamviews.schemas.topics.Topics;
import dev.streamviews.schemas.views.StockLevel;
import java.nio.file.Path;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StockLevelsTopologyTest {
  @TempDir
  Path stateDir;

  private ShopTopologyDriver shop;
  private TestInputTopic<String, OrderPlaced> orders;
  private TestInputTopic<String, StockAdjusted> adjustments;

  @BeforeEach
  void startTopology() {
    shop = new ShopTopologyDriver(stateDir);
    orders = shop.input(Topics.ORDERS);
    adjustments = shop.input(Topics.STOCK_ADJUSTMENTS);
  }

  @AfterEach
  void stopTopology() {
    shop.close();
  }

  @Test
  void subtractsOrderedQuantitiesFromAdjustments() {
    adjust(restock("adj-1", "sku-1", 100, T0));
    place(anOrder("o-1").withLine("sku-1", 3, 10).withLine("sku-2", 1, 10).build());

    assertThat(onHand("sku-1")).isEqualTo(97);
    assertThat(onHand("sku-2")).isEqualTo(-1);
  }

  @Test
  void countsARepublishedAdjustmentAndARepublishedOrderOnce() {
    StockAdjusted restock = restock("adj-1", "sku-1", 10, T0);
    OrderPlaced order = anOrder("o-1").withLine("sku-1", 4, 10).build();
    adjust(restock);
    place(order);
    adjust(restock);
    place(order);

    assertThat(onHand("sku-1")).isEqualTo(6);
  }

  @Test
  void reachesTheSameLevelWhenTheOrderArrivesBeforeTheRestock() {
    place(anOrder("o-1").withLine("sku-1", 4, 10).build());
    adjust(restock("adj-1", "sku-1", 10, T0.plusSeconds(5)));

    assertThat(onHand("sku-1")).isEqualTo(6);
    assertThat(shop.output(Topics.STOCK_LEVELS_VIEW).readKeyValuesToMap().get("sku-1").getOnHand()).isEqualTo(6);
  }

  private void place(OrderPlaced order) {
    orders.pipeInput(order.getOrderId(), order);
  }

  private void adjust(StockAdjusted adjustment) {
    adjustments.pipeInput(adjustment.getSku(), adjustment);
  }

  private long onHand(String sku) {
    KeyValueStore<String, ValueAndTimestamp<StockLevel>> store = shop.driver.getTimestampedKeyValueStore(StockLevelsView.STORE);
    StockLevel level = store.get(sku).value();
    assertThat(level.getSku()).isEqualTo(sku);
    return level.getOnHand();
  }
}
