package dev.streamviews.sinks.routing;

import dev.streamviews.query.v1.ViewQueryGrpc;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** One gRPC channel per processor instance, opened on first use and reused by every request. */
@Singleton
public class QueryChannels {
  private final Map<Endpoint, ManagedChannel> channels = new ConcurrentHashMap<>();

  /** A stub for the endpoint whose calls fail after {@code deadline}. */
  public ViewQueryGrpc.ViewQueryBlockingStub stub(Endpoint endpoint, Duration deadline) {
    ManagedChannel channel = channels.computeIfAbsent(endpoint, e ->
        NettyChannelBuilder.forAddress(e.host(), e.port()).usePlaintext().build());
    return ViewQueryGrpc.newBlockingStub(channel).withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void close() throws InterruptedException {
    for (ManagedChannel channel : channels.values()) {
      channel.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
    }
  }
}
