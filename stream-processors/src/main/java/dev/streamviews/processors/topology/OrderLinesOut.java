package dev.streamviews.processors.topology;

import dev.streamviews.schemas.events.OrderLine;
import dev.streamviews.schemas.events.OrderPlaced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Splits each distinct order into its lines, keyed by sku, and stamps every line with how far
 * event time has come among the orders of this input partition: the latest placedAt seen here.
 *
 * <p>Why not Kafka Streams' stream time? After the repartition by sku, stream time is the latest
 * event time of lines from every input partition, and a processor working through a backlog runs
 * some partitions far ahead of others: honest orders would look late. Before it, the task's stream
 * time also counts payments and shipments, whose times run ahead of their orders. The orders of one
 * input partition are the stream an order arrived in; lateness is judged there.
 */
final class OrderLinesOut implements Processor<String, OrderPlaced, String, SoldLine> {
  private static final String LATEST = "latest-placed-at";

  private final String storeName;
  private ProcessorContext<String, SoldLine> context;
  private KeyValueStore<String, Long> eventTime;

  OrderLinesOut(String storeName) {
    this.storeName = storeName;
  }

  @Override
  public void init(ProcessorContext<String, SoldLine> context) {
    this.context = context;
    this.eventTime = context.getStateStore(storeName);
  }

  @Override
  public void process(Record<String, OrderPlaced> record) {
    OrderPlaced order = record.value();
    Long latest = eventTime.get(LATEST);
    long placedAt = order.getPlacedAt().toEpochMilli();
    if (latest == null || placedAt > latest) {
      latest = placedAt;
      eventTime.put(LATEST, latest);
    }
    for (OrderLine line : order.getLines()) {
      SoldLine sold = new SoldLine(order.getOrderId(), line.getSku(), line.getQuantity(), line.getUnitPriceCents(),
          order.getPlacedAt(), java.time.Instant.ofEpochMilli(latest));
      context.forward(record.withKey(line.getSku()).withValue(sold));
    }
  }
}
