package dev.streamviews.processors.query;

import dev.streamviews.processors.streams.ProcessorStreams;
import dev.streamviews.processors.topology.LocalView;
import dev.streamviews.processors.versions.VersionedStreams;
import dev.streamviews.query.v1.KeyReply;
import dev.streamviews.query.v1.KeyRequest;
import dev.streamviews.query.v1.KeysReply;
import dev.streamviews.query.v1.KeysRequest;
import dev.streamviews.query.v1.MetadataReply;
import dev.streamviews.query.v1.MetadataRequest;
import dev.streamviews.query.v1.Outcome;
import dev.streamviews.query.v1.RangeReply;
import dev.streamviews.query.v1.RangeRequest;
import dev.streamviews.query.v1.ViewQueryGrpc;
import dev.streamviews.query.v1.WindowsReply;
import dev.streamviews.query.v1.WindowsRequest;
import dev.streamviews.schemas.topics.ViewShape;
import dev.streamviews.schemas.trace.TraceParent;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The internal query API of this processor instance (see view_query.proto). A question names the
 * version of the views it is about (0: the serving one); a version that does not run here gets
 * "not available", with the serving version, so the caller can refresh its metadata.
 */
final class ViewQueryEndpoint extends ViewQueryGrpc.ViewQueryImplBase {
  private static final Logger log = LoggerFactory.getLogger(ViewQueryEndpoint.class);

  private final VersionedStreams versions;
  private final Map<String, LocalView<?, ?>> views;
  private final HostInfo self;
  private final long maxStandbyLag;
  private final Map<Integer, VersionQueries> queries = new ConcurrentHashMap<>();

  ViewQueryEndpoint(VersionedStreams versions, List<LocalView<?, ?>> views, HostInfo self, long maxStandbyLag) {
    this.versions = versions;
    this.views = views.stream().collect(Collectors.toMap(v -> v.view().name(), Function.identity()));
    this.self = self;
    this.maxStandbyLag = maxStandbyLag;
  }

  @Override
  public void getKey(KeyRequest request, StreamObserver<KeyReply> answer) {
    answer(answer, request.getTraceparent(), request.getView() + " " + request.getKey(), () -> keyReply(request));
  }

  /**
   * Each key as {@link #getKey} answers it, in the order asked. A key whose question fails is
   * answered "not available" (where GetKey would fail the call), so that it does not fail the keys
   * asked with it; the caller then asks another copy for that key alone.
   */
  @Override
  public void getKeys(KeysRequest request, StreamObserver<KeysReply> answer) {
    KeysReply.Builder replies = KeysReply.newBuilder();
    for (KeyRequest key : request.getKeysList()) {
      TraceParent.parse(key.getTraceparent()).ifPresent(trace -> MDC.put("traceId", trace.traceId()));
      try {
        replies.addReplies(keyReply(key));
      } catch (RuntimeException e) {
        log.error("Query of {} {} failed", key.getView(), key.getKey(), e);
        replies.addReplies(KeyReply.newBuilder().setOutcome(Outcome.NOT_AVAILABLE)
            .setDetail("query failed: " + e.getClass().getSimpleName()).setServingVersion(versions.servingVersion()));
      } finally {
        MDC.remove("traceId");
      }
    }
    answer.onNext(replies.build());
    answer.onCompleted();
  }

  private KeyReply keyReply(KeyRequest request) {
    int serving = versions.servingVersion();
    LocalView<?, ?> view = views.get(request.getView());
    if (view == null || view.view().shape() != ViewShape.KEY_VALUE) {
      return KeyReply.newBuilder().setOutcome(Outcome.UNKNOWN_VIEW).setDetail("no key-value view " + request.getView())
          .setServingVersion(serving).build();
    }
    return queriesOf(request.getVersion())
        .map(version -> version.lookup.value(view, request.getKey()).toBuilder().setServingVersion(serving).build())
        .orElseGet(() -> KeyReply.newBuilder().setOutcome(Outcome.NOT_AVAILABLE).setDetail(notRunning(request.getVersion()))
            .setServingVersion(serving).build());
  }

  @Override
  public void scanRange(RangeRequest request, StreamObserver<RangeReply> answer) {
    answer(answer, request.getTraceparent(), request.getView() + " range", () -> {
      int serving = versions.servingVersion();
      LocalView<?, ?> view = views.get(request.getView());
      if (view == null || view.view().shape() != ViewShape.KEY_VALUE) {
        return RangeReply.newBuilder().setUnknownView(true).setDetail("no key-value view " + request.getView())
            .setServingVersion(serving).build();
      }
      return queriesOf(request.getVersion())
          .map(version -> version.ranges.scan(view, request).toBuilder().setServingVersion(serving).build())
          .orElseGet(() -> RangeReply.newBuilder().addAllUnavailable(request.getPartitionsList())
              .setDetail(notRunning(request.getVersion())).setServingVersion(serving).build());
    });
  }

  @Override
  public void getWindows(WindowsRequest request, StreamObserver<WindowsReply> answer) {
    answer(answer, request.getTraceparent(), request.getView() + " " + request.getKey() + " windows", () -> {
      int serving = versions.servingVersion();
      LocalView<?, ?> view = views.get(request.getView());
      if (view == null || view.view().shape() != ViewShape.WINDOWED) {
        return WindowsReply.newBuilder().setOutcome(Outcome.UNKNOWN_VIEW).setDetail("no windowed view " + request.getView())
            .setServingVersion(serving).build();
      }
      return queriesOf(request.getVersion())
          .map(version -> version.lookup.windows(view, request.getKey(), request.getFromMs(), request.getToMs()).toBuilder()
              .setServingVersion(serving).build())
          .orElseGet(() -> WindowsReply.newBuilder().setOutcome(Outcome.NOT_AVAILABLE).setDetail(notRunning(request.getVersion()))
              .setServingVersion(serving).build());
    });
  }

  @Override
  public void getMetadata(MetadataRequest request, StreamObserver<MetadataReply> answer) {
    MetadataReply.Builder reply = MetadataReply.newBuilder()
        .setServingVersion(versions.servingVersion())
        .setBuildingVersion(versions.buildingVersion().orElse(0))
        .setAnsweredBy(self.host() + ":" + self.port());
    queriesOf(request.getVersion()).ifPresent(version -> version.describe(reply));
    answer.onNext(reply.build());
    answer.onCompleted();
  }

  /** The queries of the version asked for (0: the serving one), if it runs here. */
  private Optional<VersionQueries> queriesOf(int requested) {
    int version = requested == 0 ? versions.servingVersion() : requested;
    Optional<ProcessorStreams> running = versions.running(version);
    if (running.isEmpty()) {
      queries.remove(version);
      return Optional.empty();
    }
    // A version that retired and came back is another Kafka Streams client: answer from the current one.
    return Optional.of(queries.compute(version, (v, known) ->
        known != null && known.version == running.get() ? known : new VersionQueries(running.get(), self, maxStandbyLag)));
  }

  private String notRunning(int requested) {
    int serving = versions.servingVersion();
    return requested == 0 || requested == serving
        ? "version " + serving + " of the views does not run here yet"
        : "version " + requested + " of the views does not run here (version " + serving + " serves)";
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
}
