package dev.streamviews.sinks.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.List;

/**
 * The view service's settings, from {@code application.yml} under {@code streamviews.view-service}.
 *
 * @param processors query endpoints (host:port) of processors to ask for metadata; key queries go
 *     only to the addresses that metadata names, never to these directly
 * @param queryTimeout the deadline of one call to a processor
 * @param metadataRefresh how often the routing metadata is refreshed when nothing fails
 * @param retryAfter what a 503 tells the caller to wait
 */
@ConfigurationProperties("streamviews.view-service")
public record ViewServiceSettings(
    List<String> processors,
    @Bindable(defaultValue = "2s") Duration queryTimeout,
    @Bindable(defaultValue = "10s") Duration metadataRefresh,
    @Bindable(defaultValue = "1s") Duration retryAfter) {}
