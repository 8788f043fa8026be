package dev.streamviews.sinks.api;

import io.micronaut.serde.annotation.Serdeable;
import dev.streamviews.sinks.query.Freshness;
import java.util.Map;

/** One key of a view, as answered: the value, and how fresh it is. */
@Serdeable
public record ViewEntry(String view, String key, Map<String, Object> value, Freshness freshness) {}
