package dev.streamviews.sinks;

import dev.streamviews.query.v1.Entry;
import dev.streamviews.query.v1.Instance;
import dev.streamviews.query.v1.KeyReply;
import dev.streamviews.query.v1.KeyRequest;
import dev.streamviews.query.v1.KeysReply;
import dev.streamviews.query.v1.KeysRequest;
import dev.streamviews.query.v1.LocalLag;
import dev.streamviews.query.v1.MetadataReply;
import dev.streamviews.query.v1.MetadataRequest;
import dev.streamviews.query.v1.Outcome;
import dev.streamviews.query.v1.PartitionCopy;
import dev.streamviews.query.v1.RangeReply;
import dev.streamviews.query.v1.RangeRequest;
import dev.streamviews.query.v1.StorePartitions;
import dev.streamviews.query.v1.ViewQueryGrpc;
import dev.streamviews.schemas.topics.KeyPartitioner;
import dev.streamviews.schemas.topics.Views;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * A processor instance's query API with scripted answers, on a real gRPC server on a free port,
 * for testing the view service without Kafka.
 */
public final class FakeProcessor implements AutoCloseable {
  public final Map<String, KeyReply> replies = new ConcurrentHashMap<>();
  /** Every key asked, whether alone (GetKey) or with others (GetKeys). */
  public final List<KeyRequest> keyRequests = new CopyOnWriteArrayList<>();
  /** How many key calls (GetKey or GetKeys) arrived. */
  public final AtomicInteger keyCalls = new AtomicInteger();
  /** False: GetKeys is UNIMPLEMENTED here, as on a processor from before it. */
  public volatile boolean knowsGetKeys = true;
  /** When set, GetKeys calls wait for it before they answer (so that lookups queue up behind them). */
  public volatile CompletableFuture<Void> holdKeyCalls;
  public volatile List<Integer> activePartitions = IntStream.range(0, 6).boxed().toList();
  /** When set, the metadata this instance answers (the cluster it describes); else itself, active for all. */
  public volatile MetadataReply metadata;
  /** When set, every key call fails with this status, as a broken instance would. */
  public volatile Status failure;
  /** The version of the views this instance says serves; 0 says nothing of versions, as a processor before them. */
  public volatile int servingVersion;
  /** The versions this instance runs (when it speaks of versions): others are "not available here". */
  public volatile Set<Integer> runningVersions = Set.of();
  /** The version this instance says is being built beside the serving one; 0: none. */
  public volatile int buildingVersion;
  /**
   * How many of the next key lookups and range scans answer that they cannot be answered now, as a
   * copy whose task is moving in a rebalance does; the ones after answer from {@link #replies}.
   */
  public final AtomicInteger unreadyAnswers = new AtomicInteger();
  /** Every range scan asked. */
  public final List<RangeRequest> rangeRequests = new CopyOnWriteArrayList<>();
  private final Server server;

  public FakeProcessor() throws IOException {
    server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(new ViewQueryGrpc.ViewQueryImplBase() {
      @Override
      public void getKey(KeyRequest request, StreamObserver<KeyReply> answer) {
        keyCalls.incrementAndGet();
        keyRequests.add(request);
        if (failure != null) {
          answer.onError(failure.asRuntimeException());
          return;
        }
        answer.onNext(reply(request));
        answer.onCompleted();
      }

      @Override
      public void getKeys(KeysRequest request, StreamObserver<KeysReply> answer) {
        if (!knowsGetKeys) {
          super.getKeys(request, answer); // UNIMPLEMENTED, as from a processor older than GetKeys
          return;
        }
        keyCalls.incrementAndGet();
        keyRequests.addAll(request.getKeysList());
        if (failure != null) {
          answer.onError(failure.asRuntimeException());
          return;
        }
        if (holdKeyCalls != null) {
          holdKeyCalls.join();
        }
        KeysReply.Builder replies = KeysReply.newBuilder();
        request.getKeysList().forEach(key -> replies.addReplies(reply(key)));
        answer.onNext(replies.build());
        answer.onCompleted();
      }

      @Override
      public void scanRange(RangeRequest request, StreamObserver<RangeReply> answer) {
        rangeRequests.add(request);
        if (failure != null) {
          answer.onError(failure.asRuntimeException());
          return;
        }
        RangeReply.Builder reply = RangeReply.newBuilder().setServingVersion(servingVersion);
        if (unready()) {
          answer.onNext(reply.addAllUnavailable(request.getPartitionsList()).setDetail("task moving").build());
          answer.onCompleted();
          return;
        }
        request.getPartitionsList().forEach(partition -> reply.addAnswered(PartitionCopy.newBuilder().setPartition(partition)));
        new TreeMap<>(replies).forEach((key, value) -> {
          int partition = KeyPartitioner.partitionOf(key, 6);
          if (value.getOutcome() == Outcome.FOUND && request.getPartitionsList().contains(partition)
              && reply.getEntriesCount() < request.getLimit()) {
            reply.addEntries(Entry.newBuilder().setKey(key).setPartition(partition).setValue(value.getValue()));
          }
        });
        answer.onNext(reply.build());
        answer.onCompleted();
      }

      /** Whether this answer is one of the scripted unready ones. */
      private boolean unready() {
        return unreadyAnswers.getAndUpdate(left -> Math.max(0, left - 1)) > 0;
      }

      private KeyReply reply(KeyRequest request) {
        if (unready()) {
          return KeyReply.newBuilder().setOutcome(Outcome.NOT_AVAILABLE).setDetail("task moving").setServingVersion(servingVersion).build();
        }
        int asked = request.getVersion() == 0 ? servingVersion : request.getVersion();
        if (servingVersion > 0 && !runningVersions.contains(asked)) {
          return KeyReply.newBuilder().setOutcome(Outcome.NOT_AVAILABLE).setDetail("version " + asked + " does not run here")
              .setServingVersion(servingVersion).build();
        }
        return replies.getOrDefault(request.getKey(), KeyReply.newBuilder().setOutcome(Outcome.NOT_FOUND).build())
            .toBuilder().setServingVersion(servingVersion).build();
      }

      @Override
      public void getMetadata(MetadataRequest request, StreamObserver<MetadataReply> answer) {
        int asked = request.getVersion() == 0 ? servingVersion : request.getVersion();
        MetadataReply.Builder reply;
        if (metadata != null) {
          reply = metadata.toBuilder();
        } else {
          Instance.Builder self = Instance.newBuilder().setHost("127.0.0.1").setPort(port());
          Views.all().forEach(view -> self.addStores(StorePartitions.newBuilder().setStore(view.storeName()).addAllActive(activePartitions)));
          reply = MetadataReply.newBuilder().setAnsweredBy("127.0.0.1:" + port()).addInstances(self);
        }
        if (servingVersion > 0) {
          reply.setServingVersion(servingVersion).setBuildingVersion(buildingVersion);
          if (runningVersions.contains(asked)) {
            reply.setVersion(asked).setApplicationId(asked == 1 ? "streamviews-processor" : "streamviews-processor.v" + asked);
          } else {
            reply.clearInstances().clearLags();
          }
        }
        answer.onNext(reply.build());
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

  /**
   * A view service's settings for a test against this fake: it is the one processor the service
   * knows, metadata is refreshed only when the test makes it, and the HTTP port is a free one.
   */
  public Map<String, String> viewServiceProperties() {
    return Map.of("streamviews.view-service.processors", "127.0.0.1:" + port(),
        "streamviews.view-service.metadata-refresh", "1h",
        "micronaut.server.port", "-1");
  }

  public int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    server.shutdownNow();
  }
}
