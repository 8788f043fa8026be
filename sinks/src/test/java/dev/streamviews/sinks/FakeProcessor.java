package dev.streamviews.sinks;

import dev.streamviews.query.v1.Outcome;
import dev.streamviews.query.v1.Instance;
import dev.streamviews.query.v1.KeyReply;
import dev.streamviews.query.v1.KeyRequest;
import dev.streamviews.query.v1.MetadataReply;
import dev.streamviews.query.v1.MetadataRequest;
import dev.streamviews.query.v1.StorePartitions;
import dev.streamviews.query.v1.ViewQueryGrpc;
import dev.streamviews.schemas.topics.Views;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

/**
 * A processor instance's query API with scripted answers, on a real gRPC server on a free port,
 * for testing the view service without Kafka.
 */
public final class FakeProcessor implements AutoCloseable {
  public final Map<String, KeyReply> replies = new ConcurrentHashMap<>();
  public final List<KeyRequest> keyRequests = new CopyOnWriteArrayList<>();
  public volatile List<Integer> activePartitions = IntStream.range(0, 6).boxed().toList();
  private final Server server;

  public FakeProcessor() throws IOException {
    server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(new ViewQueryGrpc.ViewQueryImplBase() {
      @Override
      public void getKey(KeyRequest request, StreamObserver<KeyReply> answer) {
        keyRequests.add(request);
        answer.onNext(replies.getOrDefault(request.getKey(), KeyReply.newBuilder().setOutcome(Outcome.NOT_FOUND).build()));
        answer.onCompleted();
      }

      @Override
      public void getMetadata(MetadataRequest request, StreamObserver<MetadataReply> answer) {
        Instance.Builder self = Instance.newBuilder().setHost("127.0.0.1").setPort(port());
        Views.all().forEach(view -> self.addStores(StorePartitions.newBuilder().setStore(view.storeName()).addAllActive(activePartitions)));
        answer.onNext(MetadataReply.newBuilder().addInstances(self).build());
        answer.onCompleted();
      }
    }).build().start();
  }

  public int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    server.shutdownNow();
  }
}
