package dev.streamviews.processors.topology;

import dev.streamviews.schemas.topics.View;
import java.util.function.BiFunction;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * How a view is read from this instance's store: which store, and how a stored value becomes the
 * view's value (a store may keep more than the view shows, such as the ids it deduplicates by).
 *
 * @param toView the view value of a key and what the store holds for it
 * @param <S> what the store holds
 * @param <V> the view's value type
 */
public record LocalView<S, V extends SpecificRecord>(View<V> view, BiFunction<String, S, V> toView) {

  /** A view whose store holds exactly the view's values. */
  public static <V extends SpecificRecord> LocalView<V, V> stored(View<V> view) {
    return new LocalView<>(view, (key, value) -> value);
  }

  public String storeName() {
    return view.storeName();
  }

  /** The view value of what a query found; the DSL's stores wrap values with their timestamps. */
  @SuppressWarnings("unchecked")
  public V viewOf(String key, Object stored) {
    Object value = stored instanceof ValueAndTimestamp<?> timestamped ? timestamped.value() : stored;
    return toView.apply(key, (S) value);
  }
}
