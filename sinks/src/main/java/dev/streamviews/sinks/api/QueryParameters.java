package dev.streamviews.sinks.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Parsing of query parameters, each failure a {@link BadParameter} naming the parameter. */
final class QueryParameters {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  private QueryParameters() {}

  static int limit(String text) {
    if (text == null || text.isBlank()) {
      return DEFAULT_LIMIT;
    }
    int limit;
    try {
      limit = Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new BadParameter("limit", "limit must be a whole number from 1 to " + MAX_LIMIT + ", not '" + text + "'");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new BadParameter("limit", "limit must be from 1 to " + MAX_LIMIT + "; " + limit + " is refused");
    }
    return limit;
  }

  /** An ISO-8601 instant or epoch milliseconds, as the CLI takes them; {@code fallback} when absent. */
  static Instant time(String name, String text, Instant fallback) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    String value = text.trim();
    try {
      return value.matches("-?\\d+") ? Instant.ofEpochMilli(Long.parseLong(value)) : Instant.parse(value);
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new BadParameter(name, name + " must be an ISO-8601 instant such as 2026-11-01T10:15:00Z or epoch milliseconds, not '"
          + text + "'");
    }
  }
}
