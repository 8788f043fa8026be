package dev.streamviews.processors.streams;

import dev.streamviews.processors.config.ProcessorSettings;
import dev.streamviews.processors.config.StreamsProperties;
import dev.streamviews.processors.topology.ShopTopology;
import dev.streamviews.processors.topology.TopologySerdes;
import dev.streamviews.schemas.registry.SchemaRegistryClient;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.Properties;
import org.apache.kafka.streams.Topology;

/** Builds the topology and Kafka Streams with it; Micronaut closes it on shutdown. */
@Factory
final class ProcessorFactory {

  @Singleton
  SchemaRegistryClient schemaRegistry(ProcessorSettings settings) {
    return new SchemaRegistryClient(URI.create(settings.schemaRegistryUrl()));
  }

  @Singleton
  TopologySerdes serdes(SchemaRegistryClient registry) {
    return new TopologySerdes(registry);
  }

  @Context
  @Bean(preDestroy = "close")
  ProcessorStreams streams(ProcessorSettings settings, TopologySerdes serdes, DeadLetterMetrics deadLetters,
      MeterRegistry meters) {
    Properties config = StreamsProperties.of(settings, deadLetters);
    Topology topology = ShopTopology.build(serdes, config);
    ProcessorStreams streams = new ProcessorStreams(topology, config);
    new KafkaStreamsMetrics(streams.streams()).bindTo(meters);
    Gauge.builder("streamviews.restore.remaining.records", streams.restores(), RestoreProgress::recordsRemaining)
        .description("Changelog records still to restore into local stores").register(meters);
    Gauge.builder("streamviews.restore.restored.records", streams.restores(), RestoreProgress::recordsRestored)
        .description("Changelog records restored into local stores since start").register(meters);
    return streams; // started once the HTTP server listens (StreamsStarter)
  }
}
