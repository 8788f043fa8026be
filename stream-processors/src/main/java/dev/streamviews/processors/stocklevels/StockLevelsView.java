package dev.streamviews.processors.stocklevels;

import dev.streamviews.processors.topology.LocalView;
import dev.streamviews.processors.topology.OutputTopics;
import dev.streamviews.processors.topology.ShopInputs;
import dev.streamviews.processors.topology.TopologySerdes;
import dev.streamviews.schemas.topics.Topics;
import dev.streamviews.schemas.topics.Views;
import dev.streamviews.schemas.views.StockLevel;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The stock-levels view: per sku, the deltas of distinct stock adjustments minus the quantities of
 * distinct orders' lines (both keyed by sku and co-partitioned), summed into the store
 * {@code stock-levels}, each change emitted to the compacted {@code shop.views.stock-levels}.
 *
 * <p>Reads shop.stock-adjustments (key sku) and shop.orders (through order-lines-by-sku); writes
 * shop.views.stock-levels (key sku, {@link StockLevel}).
 */
public final class StockLevelsView {
  public static final String STORE = Views.STOCK_LEVELS.storeName();
  public static final LocalView<StockLevel, StockLevel> LOCAL = LocalView.stored(Views.STOCK_LEVELS);

  private StockLevelsView() {}

  public static void addTo(ShopInputs inputs, TopologySerdes serdes, OutputTopics outputs) {
    KStream<String, Long> sold = inputs.soldLinesBySku().mapValues(line -> -(long) line.getQuantity(), Named.as("stock-sold"));
    KStream<String, Long> adjusted = inputs.distinctStockAdjustments().mapValues(a -> (long) a.getDelta(), Named.as("stock-adjusted"));
    sold.merge(adjusted, Named.as("stock-changes"))
        .groupByKey(Grouped.with("stock-changes", serdes.keys(), Serdes.Long()))
        .aggregate(() -> new StockLevel("", 0L), (sku, delta, level) -> new StockLevel(sku, level.getOnHand() + delta),
            Named.as("stock-levels-sum"),
            Materialized.<String, StockLevel, KeyValueStore<Bytes, byte[]>>as(STORE)
                .withKeySerde(serdes.keys())
                .withValueSerde(serdes.views(Topics.STOCK_LEVELS_VIEW)))
        .toStream(Named.as("stock-levels-changes"))
        .to(outputs.of(Views.STOCK_LEVELS), Produced.with(serdes.keys(), serdes.views(Topics.STOCK_LEVELS_VIEW))
            .withName("emit-stock-levels"));
  }
}
