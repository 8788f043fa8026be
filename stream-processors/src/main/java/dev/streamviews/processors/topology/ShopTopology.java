package dev.streamviews.processors.topology;

import dev.streamviews.processors.customerspend.CustomerSpendView;
import dev.streamviews.processors.orderstatus.OrderStatusView;
import dev.streamviews.processors.skusales.SkuSalesView;
import dev.streamviews.processors.stocklevels.StockLevelsView;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;

/**
 * The processor application's topology: the input streams, and every view family built on them.
 * A pure function: it does no I/O and starts nothing.
 */
public final class ShopTopology {
  /**
   * Whether input records are checked to sit in their key's partition (default true). Only
   * TopologyTestDriver tests turn it off: the driver puts every record in partition 0.
   */
  public static final String PARTITION_CHECK_CONFIG = "streamviews.partition.check";
  /** How long after a minute's end an order line still counts in sku-sales-per-minute (default 60 s). */
  public static final String GRACE_CONFIG = "streamviews.sku-sales.grace.ms";
  /** How long sku-sales-per-minute keeps its windows, in event time (default 7 days). */
  public static final String RETENTION_CONFIG = "streamviews.sku-sales.retention.ms";
  /** Which version of the views this is (default 1): it names the view topics (see {@link OutputTopics}). */
  public static final String VERSION_CONFIG = "streamviews.views.version";
  /** The generation label late order lines are tagged with (see {@code LateEventHeaders}). */
  public static final String GENERATION_CONFIG = "streamviews.generation";

  private ShopTopology() {}

  public static Topology build(TopologySerdes serdes, Properties streamsConfig) {
    StreamsBuilder builder = new StreamsBuilder();
    boolean checkPartitions = !"false".equals(streamsConfig.getProperty(PARTITION_CHECK_CONFIG));
    OutputTopics outputs = new OutputTopics(Integer.parseInt(streamsConfig.getProperty(VERSION_CONFIG, "1")));
    ShopInputs inputs = new ShopInputs(builder, serdes, checkPartitions);
    // First: its fold also tells which orders are new, and the views below count those.
    OrderStatusView.addTo(builder, inputs, serdes, outputs);
    CustomerSpendView.addTo(inputs, serdes, outputs);
    SkuSalesView.addTo(builder, inputs, serdes, outputs, millis(streamsConfig, GRACE_CONFIG, Duration.ofSeconds(60)),
        millis(streamsConfig, RETENTION_CONFIG, Duration.ofDays(7)));
    StockLevelsView.addTo(inputs, serdes, outputs);
    return builder.build(streamsConfig);
  }

  /** The views this topology keeps in local stores, for the query API. */
  public static List<LocalView<?, ?>> localViews() {
    return List.of(OrderStatusView.LOCAL, CustomerSpendView.LOCAL, SkuSalesView.LOCAL, StockLevelsView.LOCAL);
  }

  private static Duration millis(Properties config, String key, Duration fallback) {
    String value = config.getProperty(key);
    return value == null ? fallback : Duration.ofMillis(Long.parseLong(value));
  }
}
