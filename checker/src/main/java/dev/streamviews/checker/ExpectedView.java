package dev.streamviews.checker;

import java.util.List;
import java.util.Map;

/**
 * What a view should hold, key by key: for a key-value view one map of field values per key, for
 * a windowed view a list of them (one per window, oldest first). Field values are String, Long,
 * Instant or null.
 */
public record ExpectedView(String name, boolean windowed, Map<String, Map<String, Object>> values,
    Map<String, List<Map<String, Object>>> windows) {

  static ExpectedView keyValue(String name, Map<String, Map<String, Object>> values) {
    return new ExpectedView(name, false, values, Map.of());
  }

  static ExpectedView windowed(String name, Map<String, List<Map<String, Object>>> windows) {
    return new ExpectedView(name, true, Map.of(), windows);
  }

  public int keys() {
    return windowed ? windows.size() : values.size();
  }
}
