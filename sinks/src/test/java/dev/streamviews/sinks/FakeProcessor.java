package dev.streamviews.sinks;

import dev.streamviews.query.v1.Outcome;
import dev.streamviews.query.v1.Instance;
import dev.streamviews.query.v1.KeyReply;
import dev.streamviews.query.v1.KeyRequest;
import dev.streamviews.query.v1.LocalLag;
import dev.streamviews.query.v1.MetadataReply;
import dev.streamviews.query.v1.MetadataRequest;
import dev.streamviews.query.v1.StorePartitions;
import dev.streamviews.query.v1.ViewQueryGrpc;
import dev.streamviews.schemas.topics.Views;
import io.grpc.Server;
import io.grpc.Status;
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
  /** When set, the metadata this instance answers (the cluster it describes); else itself, active for all. */
  public volatile MetadataReply metadata;
  /** When set, every key call fails with this status, as a broken instance would. */
  public volatile Status failure;
  private final Server server;

  public FakeProcessor() throws IOException {
    server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(new ViewQueryGrpc.ViewQueryImplBase() {
      @Override
      public void getKey(KeyRequest request, StreamObserver<KeyReply> answer) {
        keyRequests.add(request);
        if (failure != null) {
          answer.onError(failure.asRuntimeException());
          return;
        }
        answer.onNext(replies.getOrDefault(request.getKey(), KeyReply.newBuilder().setOutcome(Outcome.NOT_FOUND).build()));
        answer.onCompleted();
      }

      @Override
      public void getMetadata(MetadataRequest request, StreamObserver<MetadataReply> answer) {
        if (metadata != null) {
          answer.onNext(metadata);
          answer.onCompleted();
          return;
        }
        Instance.Builder self = Instance.newBuilder().setHost("127.0.0.1").setPort(port());
        Views.all().forEach(view -> self.addStores(StorePartitions.newBuilder().setStore(view.storeName()).addAllActive(activePartitions)));
        answer.onNext(MetadataReply.newBuilder().setAnsweredBy("127.0.0.1:" + port()).addInstances(self).build());
        answer.onCompleted();
      }
    }).build().start();
  }

  /** Metadata naming {@code active} active and {@code standby} standby for every partition of every view. */
  public static MetadataReply cluster(FakeProcessor active, FakeProcessor standby, String answeredBy, long standbyLag) {
    Instance.Builder first = Instance.newBuilder().setHost("127.0.0.1").setPort(active.port());
    Instance.Builder second = Instance.newBuilder().setHost("127.0.0.1").setPort(standby.port());
    MetadataReply.Builder reply = MetadataReply.newBuilder().setAnsweredBy(answeredBy);
    for (var view : Views.all()) {
      first.addStores(StorePartitions.newBuilder().setStore(view.storeName()).addAllActive(IntStream.range(0, 6).boxed().toList()));
      second.addStores(StorePartitions.newBuilder().setStore(view.storeName()).addAllStandby(IntStream.range(0, 6).boxed().toList()));
      IntStream.range(0, 6).forEach(partition ->
          reply.addLags(LocalLag.newBuilder().setStore(view.storeName()).setPartition(partition).setOffsetLag(standbyLag)));
    }
    return reply.addInstances(first).addInstances(second).build();
  }

  public int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    server.shutdownNow();
  }
}
