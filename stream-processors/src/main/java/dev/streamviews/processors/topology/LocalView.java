package dev.streamviews.processors.topology;

import dev.streamviews.schemas.topics.View;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;

/**
 * How a view is read from this instance's store: which store, and how a stored value becomes the
 * view's value (a store may keep more than the view shows, such as the ids it deduplicates by).
 *
 * @param <S> what the store holds
 * @param <V> the view's value type
 */
public record LocalView<S, V extends SpecificRecord>(View<V> view, Function<S, V> toView) {

  public String storeName() {
    return view.storeName();
  }

  @SuppressWarnings("unchecked")
  public V viewOf(Object stored) {
    return toView.apply((S) stored);
  }
}
