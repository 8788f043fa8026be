package dev.streamviews.processors.topology;

import static dev.streamviews.fixtures.Events.anOrder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streamviews.processors.orderstatus.OrderStatusView;
import dev.streamviews.schemas.events.OrderPlaced;
import dev.streamviews.schemas.topics.DeadLetterHeaders;
import dev.streamviews.schemas.topics.KeyPartitioner;
import dev.streamviews.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver puts every record in partition 0: keys that belong elsewhere stand for a misrouting producer. */
class PartitionCheckTopologyTest {
  @TempDir
  Path stateDir;

  @Test
  void deadLettersARecordInAPartitionItsKeyDoesNotBelongTo() {
    String atHome = keyOfPartition(0);
    String misrouted = keyOfPartition(3);
    try (ShopTopologyDriver shop = new ShopTopologyDriver(stateDir, Map.of())) {
      TestInputTopic<String, OrderPlaced> orders = shop.input(Topics.ORDERS);
      TestOutputTopic<byte[], byte[]> deadLetters = shop.deadLetters(Topics.ORDERS);

      orders.pipeInput(atHome, anOrder(atHome).withLine("sku-1", 1, 100).build());
      orders.pipeInput(misrouted, anOrder(misrouted).withLine("sku-1", 1, 100).build());

      assertThat(shop.driver.getKeyValueStore(OrderStatusView.STORE).get(atHome)).isNotNull();
      assertThat(shop.driver.getKeyValueStore(OrderStatusView.STORE).get(misrouted)).isNull();
      TestRecord<byte[], byte[]> letter = deadLetters.readRecord();
      assertThat(new String(letter.key(), StandardCharsets.UTF_8)).isEqualTo(misrouted);
      assertThat(new String(letter.headers().lastHeader(DeadLetterHeaders.REASON).value(), StandardCharsets.UTF_8))
          .contains("is in partition 0 but its key belongs in partition 3").contains("murmur2");
      assertThat(deadLetters.isEmpty()).isTrue();
      assertThat(shop.deadLettered).containsExactly("shop.orders");
    }
  }

  private static String keyOfPartition(int partition) {
    return IntStream.range(0, 1000).mapToObj(i -> "order-" + i)
        .filter(key -> KeyPartitioner.partitionOf(key, Topics.PARTITIONS) == partition).findFirst().orElseThrow();
  }
}
