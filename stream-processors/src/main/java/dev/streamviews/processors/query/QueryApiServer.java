package dev.streamviews.processors.query;

import dev.streamviews.processors.config.ProcessorSettings;
import dev.streamviews.processors.topology.ShopTopology;
import dev.streamviews.processors.versions.VersionedStreams;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Serves the internal query API on this instance's application.server address. */
@Context
final class QueryApiServer {
  private static final Logger log = LoggerFactory.getLogger(QueryApiServer.class);

  private final Server server;

  QueryApiServer(ProcessorSettings settings, VersionedStreams versions) {
    HostInfo self = new HostInfo(settings.queryHost(), settings.queryPort());
    ViewQueryEndpoint endpoint = new ViewQueryEndpoint(versions, ShopTopology.localViews(), self, settings.maxStandbyLag());
    try {
      server = NettyServerBuilder.forAddress(new InetSocketAddress(settings.queryBindHost(), settings.queryPort()))
          .addService(endpoint)
          // Every call is a read of a local store (lags are refreshed in the background): answering on
          // the event loop saves a thread hand-off per query, which counts on a machine with few cores.
          .directExecutor()
          .build()
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serve the query API on " + settings.queryBindHost() + ":" + settings.queryPort(), e);
    }
    log.info("Query API listening on {}:{} (advertised as {})", settings.queryBindHost(), settings.queryPort(),
        settings.applicationServer());
  }

  @PreDestroy
  void stop() throws InterruptedException {
    server.shutdown();
    if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
      server.shutdownNow();
    }
  }
}
