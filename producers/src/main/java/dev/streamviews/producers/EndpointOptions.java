package dev.streamviews.producers;

import dev.streamviews.schemas.config.Endpoints;
import dev.streamviews.schemas.registry.SchemaRegistryClient;
import java.net.URI;
import picocli.CommandLine.Option;

/** Where the pipeline is, for every command: a flag wins, else the environment, else the defaults. */
public final class EndpointOptions {
  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Kafka (default: $STREAMVIEWS_BOOTSTRAP_SERVERS or 127.0.0.1:9092).")
  String bootstrapServers;

  @Option(names = "--schema-registry", paramLabel = "URL", description = "Schema registry (default: $STREAMVIEWS_SCHEMA_REGISTRY_URL or http://127.0.0.1:8081).")
  String schemaRegistry;

  public String kafka() {
    return Endpoints.orDefault(bootstrapServers, Endpoints.bootstrapServers());
  }

  public SchemaRegistryClient registry() {
    return new SchemaRegistryClient(URI.create(Endpoints.orDefault(schemaRegistry, Endpoints.schemaRegistryUrl())));
  }
}
