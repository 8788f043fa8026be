package dev.streamviews.sinks.query;

import io.micronaut.serde.annotation.Serdeable;

/**
 * How fresh an answer is: which instance and partition answered, and whether it was a standby
 * copy that may lag its changelog (then by how many records).
 */
@Serdeable
public record Freshness(String servedBy, int partition, boolean stale, long lagRecords) {}
