package dev.streamviews.checker;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Compares expected field values (String, Long, Instant or null) with a served JSON value. */
public final class FieldComparison {
  private FieldComparison() {}

  /** What differs, field by field; empty when the served value is the expected one. */
  public static List<String> differences(Map<String, Object> expected, JsonNode served) {
    List<String> differences = new ArrayList<>();
    expected.forEach((field, value) -> {
      Object got = read(served.path(field), value);
      if (!Objects.equals(value, got)) {
        differences.add(field + " expected " + value + " but served " + got);
      }
    });
    return differences;
  }

  /** Expected windows, oldest first, against the served list. */
  public static List<String> windowDifferences(List<Map<String, Object>> expected, JsonNode served) {
    List<String> differences = new ArrayList<>();
    if (served.size() != expected.size()) {
      differences.add(expected.size() + " windows expected but " + served.size() + " served");
    }
    for (int i = 0; i < Math.min(expected.size(), served.size()); i++) {
      for (String difference : differences(expected.get(i), served.get(i))) {
        differences.add("window " + expected.get(i).get("windowStart") + ": " + difference);
      }
    }
    return differences;
  }

  private static Object read(JsonNode node, Object like) {
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    if (like instanceof Long) {
      return node.isIntegralNumber() ? node.asLong() : node.asText();
    }
    if (like instanceof Instant) {
      try {
        return Instant.parse(node.asText());
      } catch (DateTimeParseException e) {
        return node.asText();
      }
    }
    return node.asText();
  }
}
