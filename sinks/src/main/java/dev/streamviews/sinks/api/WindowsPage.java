package dev.streamviews.sinks.api;

import dev.streamviews.sinks.query.Freshness;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/** The windows of one key whose start lies in [from, to], oldest first. */
@Serdeable
public record WindowsPage(String view, String key, String from, String to, List<Map<String, Object>> windows, Freshness freshness) {}
