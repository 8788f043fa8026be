package dev.streamviews.sinks.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * {@code GET /views}: the views, and which version of them answers.
 *
 * @param version the version of the views queries are answered from; null before any processor answered
 * @param applicationId the processors' Kafka Streams application id of that version
 * @param building a version being rebuilt beside it ({@code scripts/replay rebuild}), if any
 * @param views what each view is and how to ask it
 */
@Serdeable
public record ViewCatalogue(@Nullable Integer version, @Nullable String applicationId, @Nullable Integer building,
    List<ViewDescription> views) {}
