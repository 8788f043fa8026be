package dev.streamviews.processors.streams;

import dev.streamviews.processors.config.ProcessorSettings;
import dev.streamviews.processors.topology.TopologySerdes;
import dev.streamviews.processors.versions.VersionedStreams;
import dev.streamviews.schemas.registry.SchemaRegistryClient;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.net.URI;

/** The registry client, the serdes, and the versions of the views this instance runs; Micronaut closes them on shutdown. */
@Factory
final class ProcessorFactory {

  @Singleton
  SchemaRegistryClient schemaRegistry(ProcessorSettings settings, MeterRegistry meters) {
    SchemaRegistryClient registry = new SchemaRegistryClient(URI.create(settings.schemaRegistryUrl()));
    Gauge.builder("streamviews.schema.registry.unknown.ids", registry, SchemaRegistryClient::unknownIdsRemembered)
        .description("Schema ids the registry did not know, remembered as unknown for a few seconds: records carrying them are dead-lettered meanwhile")
        .register(meters);
    return registry;
  }

  @Singleton
  TopologySerdes serdes(SchemaRegistryClient registry) {
    return new TopologySerdes(registry);
  }

  @Context
  @Bean(preDestroy = "close")
  VersionedStreams versions(ProcessorSettings settings, TopologySerdes serdes, DeadLetterMetrics deadLetters, MeterRegistry meters) {
    return new VersionedStreams(settings, serdes, deadLetters, meters); // started once the HTTP server listens (StreamsStarter)
  }
}
