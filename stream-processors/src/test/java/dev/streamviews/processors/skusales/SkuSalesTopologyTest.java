package dev.streamviews.processors.skusales;

import static dev.streamviews.fixtures.Events.anOrder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streamviews.processors.topology.ShopTopologyDriver;
import dev.streamviews.schemas.events.OrderPlaced;
import dev.streamviews.schemas.late.LateOrderLine;
import dev.streamviews.schemas.topics.LateEventHeaders;
import dev.streamviews.schemas.topics.Topics;
import dev.streamviews.schemas.views.SkuSalesPerMinute;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Windows of one minute; the production grace period of 60 s. */
class SkuSalesTopologyTest {
  private static final Instant TEN = Instant.parse("2026-11-01T10:00:00Z");

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
  void sumsUnitsAndRevenueOfEachSkuPerMinuteOfPlacedAt() {
    place("o-1", "10:00:10", "sku-1", 2, 300);
    place("o-2", "10:00:59.999", "sku-1", 1, 300);
    place("o-3", "10:01:00", "sku-1", 5, 300);

    SkuSalesPerMinute ten = window("sku-1", "10:00:00");
    assertThat(ten.getUnits()).isEqualTo(3);
    assertThat(ten.getRevenueCents()).isEqualTo(900);
    assertThat(ten.getWindowEnd()).isEqualTo(at("10:01:00"));
    assertThat(window("sku-1", "10:01:00").getUnits()).isEqualTo(5);
  }

  @Test
  void theWindowChangelogKeepsWindowsWhateverTheirEventTime() {
    var store = SkuSalesView.windowStore(shop.serdes, java.time.Duration.ofSeconds(60), java.time.Duration.ofDays(7));

    // The broker judges a changelog's retention by the records' timestamps, event times here: any
    // finite retention deletes the windows of replayed history from the changelog, not from the store.
    assertThat(store.loggingEnabled()).isTrue();
    assertThat(store.logConfig()).containsEntry(org.apache.kafka.common.config.TopicConfig.RETENTION_MS_CONFIG, "-1");
  }

  @Test
  void countsARepublishedOrderOnce() {
    place("o-1", "10:00:10", "sku-1", 2, 300);
    place("o-1", "10:00:10", "sku-1", 2, 300);

    assertThat(window("sku-1", "10:00:00").getUnits()).isEqualTo(2);
  }

  @Test
  void countsALineThatArrivesLateButWithinTheGracePeriod() {
    place("o-1", "10:00:30", "sku-1", 1, 100);
    place("o-2", "10:01:50", "sku-2", 1, 100); // stream time 10:01:50: the 10:00 window is over, grace runs to 10:02
    place("o-3", "10:00:40", "sku-1", 1, 100);

    assertThat(window("sku-1", "10:00:00").getUnits()).isEqualTo(2);
    assertThat(shop.lateLines().isEmpty()).isTrue();
  }

  @Test
  void keepsALineLaterThanTheGracePeriodInLateEventsAndCountsIt() {
    place("o-1", "10:00:30", "sku-1", 1, 100);
    place("o-2", "10:05:00", "sku-2", 1, 100); // stream time 10:05: the 10:00 window closed at 10:02
    place("o-3", "10:00:40", "sku-1", 7, 100);

    assertThat(window("sku-1", "10:00:00").getUnits()).isEqualTo(1);
    TestRecord<String, LateOrderLine> record = shop.lateLines().readRecord();
    assertThat(new String(record.headers().lastHeader(LateEventHeaders.GENERATION).value(), StandardCharsets.UTF_8))
        .as("which run judged it late").isEqualTo("streamviews-test@0");
    LateOrderLine late = record.value();
    assertThat(late.getOrderId()).isEqualTo("o-3");
    assertThat(late.getQuantity()).isEqualTo(7);
    assertThat(late.getWindowStart()).isEqualTo(at("10:00:00"));
    assertThat(late.getStreamTime()).isEqualTo(at("10:05:00"));
    assertThat(lateRecordsTotal()).isEqualTo(1.0);
  }

  @Test
  void emitsEachWindowKeyedBySkuAndWindowStart() {
    place("o-1", "10:00:10", "sku-1", 2, 300);

    Map<String, SkuSalesPerMinute> emitted = shop.output(Topics.SKU_SALES_VIEW).readKeyValuesToMap();
    assertThat(emitted).containsOnlyKeys("sku-1@2026-11-01T10:00:00Z");
  }

  private void place(String orderId, String time, String sku, int quantity, long price) {
    orders.pipeInput(orderId, anOrder(orderId).withLine(sku, quantity, price).placedAt(at(time)).build());
  }

  private SkuSalesPerMinute window(String sku, String start) {
    WindowStore<String, SkuSalesPerMinute> store = shop.driver.getWindowStore(SkuSalesView.STORE);
    SkuSalesPerMinute window = store.fetch(sku, at(start).toEpochMilli());
    assertThat(window).as(sku + " at " + start).isNotNull();
    return window;
  }

  private double lateRecordsTotal() {
    return shop.driver.metrics().entrySet().stream()
        .filter(metric -> metric.getKey().name().equals("late-records-total"))
        .mapToDouble(metric -> ((Number) metric.getValue().metricValue()).doubleValue())
        .sum();
  }

  private static Instant at(String time) {
    return Instant.parse("2026-11-01T" + time + "Z");
  }
}
