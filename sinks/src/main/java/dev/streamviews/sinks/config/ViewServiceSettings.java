package dev.streamviews.sinks.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.List;

/**
 * The view service's settings, from {@code application.yml} under {@code streamviews.view-service}.
 *
 * @param processors query endpoints (host:port) of processors to ask for metadata; queries go only
 *     to the addresses that Kafka Streams metadata names, never to these directly
 * @param queryTimeout the deadline of one call to a processor
 * @param requestTimeout the deadline of all calls made to answer one request, fallbacks included
 * @param metadataRefresh how often the routing metadata is refreshed when nothing fails
 * @param retryAfter what a 503 tells the caller to wait
 * @param breakerFailures failed calls in a row that open an instance's circuit breaker
 * @param breakerOpenFor how long an open breaker keeps calls away before one trial call
 */
@ConfigurationProperties("streamviews.view-service")
public record ViewServiceSettings(
    List<String> processors,
    @Bindable(defaultValue = "500ms") Duration queryTimeout,
    @Bindable(defaultValue = "2s") Duration requestTimeout,
    @Bindable(defaultValue = "10s") Duration metadataRefresh,
    @Bindable(defaultValue = "1s") Duration retryAfter,
    @Bindable(defaultValue = "3") int breakerFailures,
    @Bindable(defaultValue = "5s") Duration breakerOpenFor) {}
