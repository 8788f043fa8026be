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
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

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
    builder.addStateStore(windowStore(serdes, grace, retention));

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

  /**
   * The window store, changelogged. Kafka Streams gives a window store's changelog a retention of the
   * store's plus a day, and the broker applies it to the records' timestamps, which here are event
   * times: replaying history more than eight days old, the broker deleted the windows from the
   * changelog soon after writing them, while the store kept them (it counts retention in event
   * time), and a copy restored after a failover or a scale-out came back without them. The
   * changelog keeps every window instead; compaction leaves one record per sku and minute, as in
   * shop.views.sku-sales-per-minute, and a restore skips those the store has let go.
   */
  static StoreBuilder<WindowStore<String, SkuSalesPerMinute>> windowStore(TopologySerdes serdes, Duration grace, Duration retention) {
    return Stores.windowStoreBuilder(
            Stores.persistentWindowStore(STORE, max(retention, WINDOW.plus(grace)), WINDOW, false),
            serdes.keys(), serdes.views(Topics.SKU_SALES_VIEW))
        .withLoggingEnabled(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1"));
  }

  /** {@code sku@2026-11-01T10:15:00Z}: one key per window, so compaction keeps every window. */
  public static String viewTopicKey(SkuSalesPerMinute window) {
    return window.getSku() + "@" + window.getWindowStart();
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
