package dev.streamviews.processors.streams;

import dev.streamviews.processors.versions.VersionedStreams;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;

/**
 * Starts Kafka Streams once the HTTP server listens, so health answers from the first moment:
 * an orchestrator sees "not ready: restoring" while stores are rebuilt, rather than no answer.
 */
@Singleton
final class StreamsStarter {
  private final VersionedStreams streams;

  StreamsStarter(VersionedStreams streams) {
    this.streams = streams;
  }

  @EventListener
  void serverStarted(ServerStartupEvent event) {
    streams.start();
  }
}
