package dev.streamviews.processors.deadletter;

import static dev.streamviews.fixtures.Events.anOrder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streamviews.processors.orderstatus.OrderStatusState;
import dev.streamviews.processors.orderstatus.OrderStatusView;
import dev.streamviews.processors.topology.ShopTopology;
import dev.streamviews.processors.topology.ShopTopologyDriver;
import dev.streamviews.schemas.events.OrderPlaced;
import dev.streamviews.schemas.topics.DeadLetterHeaders;
import dev.streamviews.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs at-least-once: TopologyTestDriver's emulation of exactly-once does not surface records
 * that the deserialization handler produces (real Kafka Streams commits them with the task's
 * progress). The exactly-once path is covered against a real broker by the end-to-end test.
 */
class DeadLettersTopologyTest {
  @TempDir
  Path stateDir;

  private ShopTopologyDriver shop;
  private TestInputTopic<String, OrderPlaced> orders;
  private TestInputTopic<byte[], byte[]> rawOrders;
  private TestOutputTopic<byte[], byte[]> deadLetters;

  @BeforeEach
  void startTopology() {
    shop = new ShopTopologyDriver(stateDir, Map.of(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE,
        ShopTopology.PARTITION_CHECK_CONFIG, "false"));
    orders = shop.input(Topics.ORDERS);
    rawOrders = shop.rawInput(Topics.ORDERS);
    deadLetters = shop.deadLetters(Topics.ORDERS);
  }

  @AfterEach
  void stopTopology() {
    shop.close();
  }

  @Test
  void deadLettersAPoisonedRecordBetweenGoodOnesAndGoesOn() {
    orders.pipeInput("o-1", anOrder("o-1").withLine("sku-1", 1, 100).build());
    Headers headers = new RecordHeaders().add("traceparent", "00-abc-def-01".getBytes(StandardCharsets.UTF_8));
    rawOrders.pipeInput(new TestRecord<>(bytes("o-2"), bytes("{\"orderId\":\"o-2\"}"), headers));
    orders.pipeInput("o-3", anOrder("o-3").withLine("sku-1", 1, 100).build());

    KeyValueStore<String, OrderStatusState> store = shop.driver.getKeyValueStore(OrderStatusView.STORE);
    assertThat(store.get("o-1")).isNotNull();
    assertThat(store.get("o-2")).isNull();
    assertThat(store.get("o-3")).isNotNull();

    List<TestRecord<byte[], byte[]>> dead = deadLetters.readRecordsToList();
    assertThat(dead).hasSize(1);
    TestRecord<byte[], byte[]> letter = dead.get(0);
    assertThat(text(letter.key())).isEqualTo("o-2");
    assertThat(text(letter.value())).isEqualTo("{\"orderId\":\"o-2\"}");
    assertThat(header(letter, DeadLetterHeaders.REASON)).contains("magic byte 0x7b");
    assertThat(header(letter, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("shop.orders");
    assertThat(header(letter, DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("0");
    assertThat(header(letter, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("1");
    assertThat(header(letter, DeadLetterHeaders.DEAD_LETTERED_AT)).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    assertThat(header(letter, DeadLetterHeaders.APPLICATION)).isEqualTo("streamviews-test");
    assertThat(header(letter, "traceparent")).as("the record's own headers are kept").isEqualTo("00-abc-def-01");
    assertThat(shop.deadLettered).containsExactly("shop.orders");
  }

  @Test
  void deadLettersARecordWithoutAKey() {
    byte[] good = shop.serdes.events(Topics.ORDERS).serializer()
        .serialize(Topics.ORDERS.name(), anOrder("o-1").withLine("sku-1", 1, 100).build());
    rawOrders.pipeInput((byte[]) null, good);

    assertThat(header(deadLetters.readRecord(), DeadLetterHeaders.REASON)).contains("record has no key");
  }

  @Test
  void deadLettersARecordWithoutAValue() {
    rawOrders.pipeInput(bytes("o-1"), (byte[]) null);

    assertThat(header(deadLetters.readRecord(), DeadLetterHeaders.REASON)).contains("record has no value");
  }

  @Test
  void deadLettersPayloadsShorterThanTheHeaderAndUnknownSchemaIds() {
    rawOrders.pipeInput(bytes("o-1"), new byte[] {0, 0});
    rawOrders.pipeInput(bytes("o-2"), new byte[] {0, 0, 0, 0x30, 0x39, 2, 1});

    List<String> reasons = deadLetters.readRecordsToList().stream().map(r -> header(r, DeadLetterHeaders.REASON)).toList();
    assertThat(reasons).hasSize(2);
    assertThat(reasons.get(0)).contains("shorter than the 5-byte");
    assertThat(reasons.get(1)).contains("schema id 12345 is unknown");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static String header(TestRecord<?, ?> record, String name) {
    return text(record.headers().lastHeader(name).value());
  }
}
