package dev.streamviews.sinks.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.streamviews.sinks.query.Freshness;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/**
 * A page of a key-value view: keys in key order, how fresh each partition's part is, and, when
 * more keys follow, the cursor (and link) of the next page.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RangePage(String view, List<Item> items, String cursor, String next, List<Freshness> freshness) {
  @Serdeable
  public record Item(String key, Map<String, Object> value) {}
}
