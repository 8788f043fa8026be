package dev.streamviews.sinks.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.IndexedRecord;

/**
 * A view value as plain JSON with its Avro field names: timestamps as ISO-8601 instants, enums as
 * their symbols, optional fields as null. The same conventions the CLI reads.
 */
final class ValueJson {
  private ValueJson() {}

  static Map<String, Object> of(IndexedRecord record) {
    Map<String, Object> json = new LinkedHashMap<>();
    for (Schema.Field field : record.getSchema().getFields()) {
      json.put(field.name(), value(record.get(field.pos())));
    }
    return json;
  }

  private static Object value(Object value) {
    if (value instanceof IndexedRecord record) {
      return of(record);
    }
    if (value instanceof Instant instant) {
      return instant.toString();
    }
    if (value instanceof Enum<?> symbol) {
      return symbol.name();
    }
    if (value instanceof GenericEnumSymbol<?> symbol) {
      return symbol.toString();
    }
    if (value instanceof CharSequence text) {
      return text.toString();
    }
    if (value instanceof List<?> items) {
      List<Object> json = new ArrayList<>(items.size());
      items.forEach(item -> json.add(value(item)));
      return json;
    }
    if (value instanceof Map<?, ?> entries) {
      Map<String, Object> json = new LinkedHashMap<>();
      entries.forEach((k, v) -> json.put(k.toString(), value(v)));
      return json;
    }
    return value; // numbers, booleans, null
  }
}
