package dev.streamviews.schemas.topics;

import dev.streamviews.schemas.events.OrderPlaced;
import dev.streamviews.schemas.events.PaymentCaptured;
import dev.streamviews.schemas.events.ShipmentUpdated;
import dev.streamviews.schemas.events.StockAdjusted;
import dev.streamviews.schemas.late.LateOrderLine;
import dev.streamviews.schemas.views.CustomerSpend;
import dev.streamviews.schemas.views.OrderStatus;
import dev.streamviews.schemas.views.SkuSalesPerMinute;
import dev.streamviews.schemas.views.StockLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * The topic catalogue: the one place a topic is named. Code refers to these constants; scripts
 * and tests create topics from {@link #all()}.
 */
public final class Topics {
  /**
   * Partitions of every input and view topic. One count for all, so everything keyed by orderId
   * is co-partitioned and a key lands on the same partition number in every topic.
   */
  public static final int PARTITIONS = 6;

  /**
   * Input topics keep their events for good: the views are rebuilt from them on replay, and
   * generated events carry reproducible (so possibly old) event times that time-based retention
   * would delete.
   */
  private static final Map<String, String> KEEP_FOREVER = Map.of("retention.ms", "-1");

  public static final Topic<OrderPlaced> ORDERS =
      input("shop.orders", OrderPlaced.class, "orderId", "placedAt");
  public static final Topic<PaymentCaptured> PAYMENTS =
      input("shop.payments", PaymentCaptured.class, "orderId", "capturedAt");
  public static final Topic<ShipmentUpdated> SHIPMENTS =
      input("shop.shipments", ShipmentUpdated.class, "orderId", "at");
  public static final Topic<StockAdjusted> STOCK_ADJUSTMENTS =
      input("shop.stock-adjustments", StockAdjusted.class, "sku", "at");

  public static final Topic<OrderStatus> ORDER_STATUS_VIEW =
      view("shop.views.order-status", OrderStatus.class);
  public static final Topic<CustomerSpend> CUSTOMER_SPEND_VIEW =
      view("shop.views.customer-spend", CustomerSpend.class);
  /** Keyed by {@code sku@windowStart}, so compaction keeps every window of a sku. */
  public static final Topic<SkuSalesPerMinute> SKU_SALES_VIEW =
      view("shop.views.sku-sales-per-minute", SkuSalesPerMinute.class);
  public static final Topic<StockLevel> STOCK_LEVELS_VIEW =
      view("shop.views.stock-levels", StockLevel.class);

  /** Order lines that came later than the grace period of their window: kept here, key sku. */
  public static final Topic<LateOrderLine> LATE_EVENTS = new Topic<>(
      new TopicSpec("shop.late-events", PARTITIONS, CleanupPolicy.DELETE, KEEP_FOREVER), LateOrderLine.class,
      Optional.empty(), Optional.empty());

  /**
   * The state of each pipeline (key: its base application id): which version of the views serves,
   * which is being built, and what each application's state was built from. Written by
   * {@code scripts/replay}, read by processors and the checker. One partition: one ordered history.
   */
  public static final TopicSpec PIPELINE_STATE =
      new TopicSpec("streamviews.pipeline-state", 1, CleanupPolicy.COMPACT);

  /**
   * What {@code replay dlq} has sent back (key: the dead-lettered record's source topic, partition
   * and offset), so that running it again sends nothing twice.
   */
  public static final TopicSpec DLQ_REPLAYS =
      new TopicSpec("streamviews.dlq-replays", 1, CleanupPolicy.COMPACT);

  private static final List<Topic<?>> INPUTS = List.of(ORDERS, PAYMENTS, SHIPMENTS, STOCK_ADJUSTMENTS);
  private static final List<Topic<?>> VIEWS =
      List.of(ORDER_STATUS_VIEW, CUSTOMER_SPEND_VIEW, SKU_SALES_VIEW, STOCK_LEVELS_VIEW);

  private Topics() {}

  /** The topics events are published to. */
  public static List<Topic<?>> inputs() {
    return INPUTS;
  }

  /** The compacted topics the views are emitted to. */
  public static List<Topic<?>> views() {
    return VIEWS;
  }

  /** Every topic the pipeline needs, dead-letter topics included, for creating them up front. */
  public static List<TopicSpec> all() {
    List<TopicSpec> all = new ArrayList<>();
    for (Topic<?> input : INPUTS) {
      all.add(input.spec());
      all.add(input.deadLetters());
    }
    VIEWS.forEach(view -> all.add(view.spec()));
    all.add(LATE_EVENTS.spec());
    all.add(PIPELINE_STATE);
    all.add(DLQ_REPLAYS);
    return List.copyOf(all);
  }

  /** The dead-letter topic beside a topic: {@code <topic>.dlq}. */
  public static String deadLetterTopicOf(String topic) {
    return topic + ".dlq";
  }

  /** The input topic of that name, if there is one. */
  public static Optional<Topic<?>> input(String name) {
    return INPUTS.stream().filter(topic -> topic.name().equals(name)).findFirst();
  }

  private static <V extends SpecificRecord> Topic<V> input(String name, Class<V> type, String keyField,
      String timeField) {
    return new Topic<>(new TopicSpec(name, PARTITIONS, CleanupPolicy.DELETE, KEEP_FOREVER), type,
        Optional.of(keyField), Optional.of(timeField));
  }

  private static <V extends SpecificRecord> Topic<V> view(String name, Class<V> type) {
    return new Topic<>(new TopicSpec(name, PARTITIONS, CleanupPolicy.COMPACT), type, Optional.empty(), Optional.empty());
  }
}
