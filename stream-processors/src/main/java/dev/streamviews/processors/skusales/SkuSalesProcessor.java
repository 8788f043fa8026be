package dev.streamviews.processors.skusales;

import dev.streamviews.processors.topology.ShopTopology;
import dev.streamviews.processors.topology.SoldLine;
import dev.streamviews.schemas.topics.LateEventHeaders;
import dev.streamviews.schemas.late.LateOrderLine;
import dev.streamviews.schemas.views.SkuSalesPerMinute;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Adds each sold line to its sku's one-minute window of placedAt, unless the line is late: event
 * time in its order's own input partition had passed the window's end by more than the grace
 * period when the order arrived (see {@code OrderLinesOut}). A late line is not dropped, as Kafka
 * Streams' windowed aggregations would do: it is forwarded as a {@link LateOrderLine} and counted
 * in the metric {@code late-records-total}; a header names the generation of views that judged it.
 */
final class SkuSalesProcessor implements FixedKeyProcessor<String, SoldLine, SpecificRecord> {
  private final String storeName;
  private final long windowMillis;
  private final long graceMillis;
  private FixedKeyProcessorContext<String, SpecificRecord> context;
  private WindowStore<String, SkuSalesPerMinute> windows;
  private Sensor lateRecords;
  private byte[] generation;

  SkuSalesProcessor(String storeName, long windowMillis, long graceMillis) {
    this.storeName = storeName;
    this.windowMillis = windowMillis;
    this.graceMillis = graceMillis;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    this.windows = context.getStateStore(storeName);
    // One counter per stream thread and store, shared by the thread's tasks and kept when a task
    // moves away: Kafka Streams names a custom sensor by thread, entity and operation only, so a
    // per-task tag would hang every task's metric on one sensor (each late line counted once per
    // task) and the first task to close would remove them all (counts lost on every rebalance).
    this.lateRecords = context.metrics().addRateTotalSensor("streamviews", storeName, "late-records",
        Sensor.RecordingLevel.INFO);
    Object label = context.appConfigs().get(ShopTopology.GENERATION_CONFIG);
    this.generation = (label == null ? "" : label.toString()).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void process(FixedKeyRecord<String, SoldLine> record) {
    SoldLine line = record.value();
    long placedAt = line.getPlacedAt().toEpochMilli();
    long start = placedAt - Math.floorMod(placedAt, windowMillis);
    long end = start + windowMillis;
    long streamTime = line.getOrdersEventTime().toEpochMilli();
    if (end + graceMillis <= streamTime) {
      lateRecords.record();
      Headers headers = new RecordHeaders(record.headers().toArray());
      headers.remove(LateEventHeaders.GENERATION);
      headers.add(LateEventHeaders.GENERATION, generation);
      context.forward(record.withHeaders(headers).withValue(new LateOrderLine(line.getOrderId(), line.getSku(), line.getQuantity(),
          line.getUnitPriceCents(), line.getPlacedAt(), storeName, Instant.ofEpochMilli(start), Instant.ofEpochMilli(streamTime))));
      return;
    }
    SkuSalesPerMinute sales = windows.fetch(record.key(), start);
    long units = (sales == null ? 0 : sales.getUnits()) + line.getQuantity();
    long revenue = (sales == null ? 0 : sales.getRevenueCents()) + (long) line.getQuantity() * line.getUnitPriceCents();
    SkuSalesPerMinute updated = new SkuSalesPerMinute(record.key(), Instant.ofEpochMilli(start), Instant.ofEpochMilli(end), units, revenue);
    windows.put(record.key(), updated, start);
    context.forward(record.withValue(updated));
  }
}
