package dev.streamviews.sinks.query;

import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** What asking for a range of a key-value view came to. */
public sealed interface RangeAnswer {
  /** One key and its value. */
  record Item(String key, SpecificRecord value) {}

  /**
   * Keys in key order.
   *
   * @param more whether keys follow the last one
   */
  record Page(List<Item> items, boolean more, List<Freshness> freshness) implements RangeAnswer {}

  /** Some partition could not be read: a page without it would silently miss keys. */
  record Unavailable(String reason) implements RangeAnswer {}
}
