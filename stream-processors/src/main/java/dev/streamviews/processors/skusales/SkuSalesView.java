package dev.streamviews.processors.skusales;

import dev.streamviews.processors.topology.LocalView;
import dev.streamviews.processors.topology.OutputTopics;
import dev.streamviews.processors.topology.ShopInputs;
import dev.streamviews.processors.topology.TopologySerdes;
import dev.streamviews.schemas.late.LateOrderLine;
import dev.streamviews.schemas.topics.Topics;
import dev.streamviews.schemas.topics.Views;
import dev.streamviews.schemas.views.SkuSalesPerMinute;
import java.time.Duration;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * The sku-sales-per-minute view: the lines of distinct orders, by sku, in one-minute tumbling
 * windows of placedAt with a grace period, kept in the window store {@code sku-sales-per-minute}
 * and emitted to the compacted {@code shop.views.sku-sales-per-minute} (key {@code sku@windowStart}).
 * Lines later than the grace period go to {@code shop.late-events} instead.
 *
 * <p>Reads shop.orders (through order-lines-by-sku); writes shop.views.sku-sales-per-minute
 * ({@link SkuSalesPerMinute}) and shop.late-events (key sku, {@link LateOrderLine}).
 */
public final class SkuSalesView {
  public static final String STORE = Views.SKU_SALES_PER_MINUTE.storeName();
  public static final Duration WINDOW = Duration.ofMinutes(1);
  public static final LocalView<SkuSalesPerMinute, SkuSalesPerMinute> LOCAL = LocalView.stored(Views.SKU_SALES_PER_MINUTE);

  private SkuSalesView() {}

  /**
   * @param grace how long after a window's end a line still counts in it (event time)
   * @param retention how long windows stay queryable (event time), at least window plus grace
   */
  public static void addTo(StreamsBuilder builder, ShopInputs inputs, TopologySerdes serdes, OutputTopics outputs,
      Duration grace, Duration retention) {
    builder.addStateStore(Stores.windowStoreBuilder(
        Stores.persistentWindowStore(STORE, max(retention, WINDOW.plus(grace)), WINDOW, false),
        serdes.keys(), serdes.views(Topics.SKU_SALES_VIEW)));

    Map<String, KStream<String, SpecificRecord>> outcomes = inputs.soldLinesBySku()
        .processValues(() -> new SkuSalesProcessor(STORE, WINDOW.toMillis(), grace.toMillis()), Named.as("sku-sales-fold"), STORE)
        .split(Named.as("sku-sales-"))
        .branch((sku, outcome) -> outcome instanceof LateOrderLine, Branched.as("late"))
        .defaultBranch(Branched.as("windows"));

    outcomes.get("sku-sales-late")
        .mapValues(outcome -> (LateOrderLine) outcome, Named.as("late-lines"))
        .to(Topics.LATE_EVENTS.name(), Produced.with(serdes.keys(), serdes.views(Topics.LATE_EVENTS)).withName("emit-late-lines"));
    outcomes.get("sku-sales-windows")
        .map((sku, outcome) -> KeyValue.pair(viewTopicKey((SkuSalesPerMinute) outcome), (SkuSalesPerMinute) outcome),
            Named.as("key-sku-windows"))
        .to(outputs.of(Views.SKU_SALES_PER_MINUTE), Produced.with(serdes.keys(), serdes.views(Topics.SKU_SALES_VIEW))
            .withName("emit-sku-sales"));
  }

  /** {@code sku@2026-11-01T10:15:00Z}: one key per window, so compaction keeps every window. */
  public static String viewTopicKey(SkuSalesPerMinute window) {
    return window.getSku() + "@" + window.getWindowStart();
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
