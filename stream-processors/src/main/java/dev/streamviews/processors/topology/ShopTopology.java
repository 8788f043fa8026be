package dev.streamviews.processors.topology;

import dev.streamviews.processors.orderstatus.OrderStatusView;
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

  private ShopTopology() {}

  public static Topology build(TopologySerdes serdes, Properties streamsConfig) {
    StreamsBuilder builder = new StreamsBuilder();
    boolean checkPartitions = !"false".equals(streamsConfig.getProperty(PARTITION_CHECK_CONFIG));
    ShopInputs inputs = new ShopInputs(builder, serdes, checkPartitions);
    OrderStatusView.addTo(builder, inputs, serdes);
    return builder.build(streamsConfig);
  }

  /** The views this topology keeps in local stores, for the query API. */
  public static List<LocalView<?, ?>> localViews() {
    return List.of(OrderStatusView.LOCAL);
  }
}
