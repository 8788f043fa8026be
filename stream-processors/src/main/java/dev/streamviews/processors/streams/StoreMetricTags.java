package dev.streamviews.processors.streams;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Kafka Streams tags a store's metrics by the kind of store ({@code rocksdb-state-id},
 * {@code rocksdb-window-state-id}); Prometheus wants one set of tag keys per metric name, and
 * refuses the second kind. Both become {@code rocksdb.state.id}, the store's name.
 */
@Singleton
final class StoreMetricTags implements MeterFilter {
  @Override
  public Meter.Id map(Meter.Id id) {
    if (!id.getName().startsWith("kafka.stream.state")) {
      return id;
    }
    List<Tag> tags = id.getTags().stream()
        .map(tag -> tag.getKey().matches("rocksdb\\.(window|session)\\.state\\.id") ? Tag.of("rocksdb.state.id", tag.getValue()) : tag)
        .toList();
    return id.replaceTags(tags);
  }
}
