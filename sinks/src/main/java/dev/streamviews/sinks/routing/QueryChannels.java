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

  /** A blocking stub for the endpoint whose calls fail after {@code deadline}. */
  public ViewQueryGrpc.ViewQueryBlockingStub stub(Endpoint endpoint, Duration deadline) {
    return ViewQueryGrpc.newBlockingStub(channel(endpoint)).withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * An asynchronous stub for the endpoint whose calls fail after {@code deadline}. Its replies
   * arrive on gRPC's network thread: whatever continues from them must not block.
   */
  public ViewQueryGrpc.ViewQueryStub asyncStub(Endpoint endpoint, Duration deadline) {
    return ViewQueryGrpc.newStub(channel(endpoint)).withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
  }

  private ManagedChannel channel(Endpoint endpoint) {
    // directExecutor: a reply is handed to its caller on the network thread that read it rather
    // than through one more thread pool. The code that continues from an asynchronous reply only
    // decodes it and completes the HTTP answer; blocking stubs wait on a thread of their own anyway.
    return channels.computeIfAbsent(endpoint, e ->
        NettyChannelBuilder.forAddress(e.host(), e.port()).usePlaintext().directExecutor().build());
  }

  @PreDestroy
  public void close() throws InterruptedException {
    for (ManagedChannel channel : channels.values()) {
      channel.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
    }
  }
}
