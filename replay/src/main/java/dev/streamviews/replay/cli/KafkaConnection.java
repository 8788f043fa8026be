package dev.streamviews.replay.cli;

import dev.streamviews.producers.EndpointOptions;
import dev.streamviews.replay.kafka.ClusterClient;
import java.time.Duration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where Kafka is and how long to wait for it, for every replay command: a request that gets no
 * answer within the timeout ends the command with one line instead of hanging it.
 */
public final class KafkaConnection {
  @Mixin
  EndpointOptions endpoints;

  @Option(names = "--timeout-seconds", defaultValue = "15", paramLabel = "S",
      description = "Give up on a Kafka request that gets no answer within S seconds (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  public String bootstrapServers() {
    return endpoints.kafka();
  }

  public Duration timeout() {
    return Duration.ofSeconds(timeoutSeconds);
  }

  public ClusterClient connect() {
    return new ClusterClient(bootstrapServers(), timeout());
  }
}
