package dev.streamviews.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

class KeyPartitionerTest {

  @Test
  void agreesWithTheProducersPartitionerForEveryKey() {
    for (int i = 0; i < 10_000; i++) {
      String key = "order-" + i + "-é";
      int producers = BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), Topics.PARTITIONS);

      assertThat(KeyPartitioner.partitionOf(key, Topics.PARTITIONS)).as(key).isEqualTo(producers);
    }
  }
}
