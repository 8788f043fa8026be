package dev.streamviews.processors.topology;

import java.util.function.Function;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Lets each event through once: an event republished with an id already seen (an orderId, an
 * adjustmentId) stops here. Duplicates of an event share its key, so they meet in the same
 * partition and store. Downstream views can then simply add up.
 */
final class FirstSight<V> implements FixedKeyProcessor<String, V, V> {
  private final String storeName;
  private final Function<V, String> idOf;
  private FixedKeyProcessorContext<String, V> context;
  private KeyValueStore<String, Long> seen;

  FirstSight(String storeName, Function<V, String> idOf) {
    this.storeName = storeName;
    this.idOf = idOf;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, V> context) {
    this.context = context;
    this.seen = context.getStateStore(storeName);
  }

  @Override
  public void process(FixedKeyRecord<String, V> record) {
    String id = idOf.apply(record.value());
    if (seen.get(id) == null) {
      seen.put(id, record.timestamp());
      context.forward(record);
    }
  }
}
