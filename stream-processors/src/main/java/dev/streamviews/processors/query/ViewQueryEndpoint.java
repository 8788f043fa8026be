package dev.streamviews.processors.query;

import dev.streamviews.processors.topology.LocalView;
import dev.streamviews.query.v1.Outcome;
import dev.streamviews.query.v1.Instance;
import dev.streamviews.query.v1.KeyReply;
import dev.streamviews.query.v1.KeyRequest;
import dev.streamviews.query.v1.LocalLag;
import dev.streamviews.query.v1.MetadataReply;
import dev.streamviews.query.v1.MetadataRequest;
import dev.streamviews.query.v1.RangeReply;
import dev.streamviews.query.v1.RangeRequest;
import dev.streamviews.query.v1.StorePartitions;
import dev.streamviews.query.v1.WindowsReply;
import dev.streamviews.query.v1.WindowsRequest;
import dev.streamviews.schemas.topics.ViewShape;
import dev.streamviews.schemas.trace.TraceParent;
import dev.streamviews.query.v1.ViewQueryGrpc;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The internal query API of this processor instance (see view_query.proto). */
final class ViewQueryEndpoint extends ViewQueryGrpc.ViewQueryImplBase {
  private static final Logger log = LoggerFactory.getLogger(ViewQueryEndpoint.class);

  private final KafkaStreams streams;
  private final String applicationId;
  private final StoreLayout layout;
  private final Map<String, LocalView<?, ?>> views;
  private final KeyLookup lookup;
  private final RangeScan ranges;
  private final String self;

  ViewQueryEndpoint(KafkaStreams streams, String applicationId, StoreLayout layout, List<LocalView<?, ?>> views, HostInfo self,
      long maxStandbyLag) {
    this.streams = streams;
    this.applicationId = applicationId;
    this.layout = layout;
    this.views = views.stream().collect(Collectors.toMap(v -> v.view().name(), Function.identity()));
    StandbyLags lags = new StandbyLags(streams);
    this.lookup = new KeyLookup(streams, self, lags, maxStandbyLag);
    this.ranges = new RangeScan(streams, new LocalCopies(streams, self, layout, lags), maxStandbyLag);
    this.self = self.host() + ":" + self.port();
  }

  @Override
  public void getKey(KeyRequest request, StreamObserver<KeyReply> answer) {
    answer(answer, request.getTraceparent(), request.getView() + " " + request.getKey(), () -> {
      LocalView<?, ?> view = views.get(request.getView());
      return view == null || view.view().shape() != ViewShape.KEY_VALUE
          ? KeyReply.newBuilder().setOutcome(Outcome.UNKNOWN_VIEW).setDetail("no key-value view " + request.getView()).build()
          : lookup.value(view, request.getKey());
    });
  }

  @Override
  public void scanRange(RangeRequest request, StreamObserver<RangeReply> answer) {
    answer(answer, request.getTraceparent(), request.getView() + " range", () -> {
      LocalView<?, ?> view = views.get(request.getView());
      return view == null || view.view().shape() != ViewShape.KEY_VALUE
          ? RangeReply.newBuilder().setUnknownView(true).setDetail("no key-value view " + request.getView()).build()
          : ranges.scan(view, request);
    });
  }

  @Override
  public void getWindows(WindowsRequest request, StreamObserver<WindowsReply> answer) {
    answer(answer, request.getTraceparent(), request.getView() + " " + request.getKey() + " windows", () -> {
      LocalView<?, ?> view = views.get(request.getView());
      return view == null || view.view().shape() != ViewShape.WINDOWED
          ? WindowsReply.newBuilder().setOutcome(Outcome.UNKNOWN_VIEW).setDetail("no windowed view " + request.getView()).build()
          : lookup.windows(view, request.getKey(), request.getFromMs(), request.getToMs());
    });
  }

  /** Answers with what the question gives, or with a plain INTERNAL status: never a stack trace across the wire. */
  private static <T> void answer(StreamObserver<T> answer, String traceparent, String what, Supplier<T> question) {
    TraceParent.parse(traceparent).ifPresent(trace -> MDC.put("traceId", trace.traceId()));
    try {
      answer.onNext(question.get());
      answer.onCompleted();
    } catch (RuntimeException e) {
      log.error("Query of {} failed", what, e);
      answer.onError(Status.INTERNAL.withDescription("query failed: " + e.getClass().getSimpleName()).asRuntimeException());
    } finally {
      MDC.remove("traceId");
    }
  }

  @Override
  public void getMetadata(MetadataRequest request, StreamObserver<MetadataReply> answer) {
    MetadataReply.Builder reply = MetadataReply.newBuilder().setApplicationId(applicationId).setAnsweredBy(self.toString());
    try {
      for (StreamsMetadata instance : streams.metadataForAllStreamsClients()) {
        reply.addInstances(describe(instance));
      }
      streams.allLocalStorePartitionLags().forEach((store, lags) -> lags.forEach((partition, lag) ->
          reply.addLags(LocalLag.newBuilder().setStore(store).setPartition(partition).setOffsetLag(lag.offsetLag()))));
    } catch (RuntimeException notRunningYet) {
      log.debug("No Streams metadata yet: {}", notRunningYet.getMessage());
    }
    answer.onNext(reply.build());
    answer.onCompleted();
  }

  private Instance describe(StreamsMetadata instance) {
    HostInfo host = instance.hostInfo();
    Instance.Builder described = Instance.newBuilder().setHost(host.host()).setPort(host.port());
    for (String store : layout.stores()) {
      Set<Integer> active = layout.partitionsOf(store, instance.topicPartitions());
      Set<Integer> standby = layout.partitionsOf(store, instance.standbyTopicPartitions());
      if (!active.isEmpty() || !standby.isEmpty()) {
        described.addStores(StorePartitions.newBuilder().setStore(store).addAllActive(active).addAllStandby(standby));
      }
    }
    return described.build();
  }
}
