package dev.streamviews.processors.topology;

import static dev.streamviews.fixtures.Events.anOrder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streamviews.schemas.topics.Topics;
import dev.streamviews.schemas.views.OrderStatus;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A version rebuilt beside the serving one writes its own view topics, never the serving version's. */
class VersionedOutputTopologyTest {
  @TempDir
  Path stateDir;

  @Test
  void versionTwoEmitsToItsOwnViewTopics() {
    try (ShopTopologyDriver shop = new ShopTopologyDriver(stateDir,
        Map.of(ShopTopology.PARTITION_CHECK_CONFIG, "false", ShopTopology.VERSION_CONFIG, "2"))) {
      shop.input(Topics.ORDERS).pipeInput("o-1", anOrder("o-1").withLine("sku-1", 1, 100).build());

      TestOutputTopic<String, OrderStatus> versionTwo = shop.driver.createOutputTopic("shop.views.order-status.v2",
          new StringDeserializer(), shop.serdes.views(Topics.ORDER_STATUS_VIEW).deserializer());
      assertThat(versionTwo.readKeyValuesToMap()).containsOnlyKeys("o-1");
      assertThat(shop.output(Topics.ORDER_STATUS_VIEW).isEmpty()).isTrue();
      assertThat(shop.driver.producedTopicNames()).contains("shop.views.customer-spend.v2", "shop.views.stock-levels.v2",
          "shop.views.sku-sales-per-minute.v2").doesNotContain("shop.views.customer-spend");
    }
  }
}
