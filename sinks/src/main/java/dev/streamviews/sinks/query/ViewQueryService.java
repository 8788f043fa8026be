package dev.streamviews.sinks.query;

import dev.streamviews.query.v1.Entry;
import dev.streamviews.query.v1.KeyReply;
import dev.streamviews.query.v1.KeyRequest;
import dev.streamviews.query.v1.Outcome;
import dev.streamviews.query.v1.PartitionCopy;
import dev.streamviews.query.v1.RangeReply;
import dev.streamviews.query.v1.RangeRequest;
import dev.streamviews.query.v1.ViewQueryGrpc.ViewQueryStub;
import dev.streamviews.query.v1.WindowsReply;
import dev.streamviews.query.v1.WindowsRequest;
import dev.streamviews.schemas.serde.ViewValueCodec;
import dev.streamviews.schemas.topics.KeyOrder;
import dev.streamviews.schemas.topics.KeyPartitioner;
import dev.streamviews.schemas.topics.View;
import dev.streamviews.schemas.trace.TraceParent;
import dev.streamviews.sinks.config.ViewServiceSettings;
import dev.streamviews.sinks.routing.CircuitBreakers;
import dev.streamviews.sinks.routing.ClusterLayout;
import dev.streamviews.sinks.routing.Deadline;
import dev.streamviews.sinks.routing.Endpoint;
import dev.streamviews.sinks.routing.ProcessorDirectory;
import dev.streamviews.sinks.routing.QueryChannels;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Answers questions about the views by asking the processor instances that hold the partitions.
 * A key's partition is computed here, as the producer computes it; copies come from Kafka Streams
 * metadata only, never from the request. The active copy is asked first; if it fails (its breaker
 * then counts the failure) or cannot answer now, a standby is asked, and the answer says it is
 * stale and by how much. Every request has one deadline for all its calls.
 */
@Singleton
public class ViewQueryService {
  private static final Logger log = LoggerFactory.getLogger(ViewQueryService.class);

  private final ProcessorDirectory directory;
  private final QueryChannels channels;
  private final CircuitBreakers breakers;
  private final ViewServiceSettings settings;
  /** The newest serving version any processor has told of in a reply to a query. */
  private final AtomicInteger newestServingSeen = new AtomicInteger();

  public ViewQueryService(ProcessorDirectory directory, QueryChannels channels, CircuitBreakers breakers,
      ViewServiceSettings settings) {
    this.directory = directory;
    this.channels = channels;
    this.breakers = breakers;
    this.settings = settings;
  }

  /** The key's value, from the freshest copy that answers; completes on gRPC's network thread, never blocks. */
  public CompletableFuture<KeyAnswer> get(View<?> view, String key, String traceparent) {
    KeyRequest request = KeyRequest.newBuilder().setView(view.name()).setKey(key).setTraceparent(traceparent).build();
    return askOwnerOf(view, key,
        (stub, version, reply) -> stub.getKey(request.toBuilder().setVersion(version).build(), reply), KeyReply::getOutcome,
        KeyReply::getDetail, KeyReply::getServingVersion, traceparent).thenApply(asked -> {
          if (asked.why() != null) {
            return new KeyAnswer.Unavailable(asked.why());
          }
          KeyReply reply = asked.reply();
          Freshness freshness = new Freshness(asked.servedBy().toString(), reply.getPartition(), reply.getStandby(), reply.getLagRecords());
          return reply.getOutcome() == Outcome.FOUND
              ? new KeyAnswer.Found(ViewValueCodec.decode(view.valueType(), reply.getValue().toByteArray()), freshness)
              : new KeyAnswer.NotFound(freshness);
        });
  }

  /** The key's windows within [from, to], as {@link #get} asks for a key. */
  public CompletableFuture<WindowsAnswer> windows(View<?> view, String key, Instant from, Instant to, String traceparent) {
    WindowsRequest request = WindowsRequest.newBuilder().setView(view.name()).setKey(key)
        .setFromMs(from.toEpochMilli()).setToMs(to.toEpochMilli()).setTraceparent(traceparent).build();
    return askOwnerOf(view, key,
        (stub, version, reply) -> stub.getWindows(request.toBuilder().setVersion(version).build(), reply), WindowsReply::getOutcome,
        WindowsReply::getDetail, WindowsReply::getServingVersion, traceparent).thenApply(asked -> {
          if (asked.why() != null) {
            return new WindowsAnswer.Unavailable(asked.why());
          }
          WindowsReply reply = asked.reply();
          List<SpecificRecord> values = new ArrayList<>();
          reply.getValuesList().forEach(bytes -> values.add(ViewValueCodec.decode(view.valueType(), bytes.toByteArray())));
          return new WindowsAnswer.Windows(values,
              new Freshness(asked.servedBy().toString(), reply.getPartition(), reply.getStandby(), reply.getLagRecords()));
        });
  }

  /**
   * Up to {@code limit} keys of the view in key order, within [from, to] (either may be null) and
   * after {@code after} (a previous page's last key, or null). Each partition is read from its
   * freshest reachable copy; if a partition cannot be read within the deadline, there is no page
   * rather than a page with holes.
   */
  public RangeAnswer range(View<?> view, String from, String to, String after, int limit, String traceparent) {
    Deadline deadline = Deadline.after(settings.requestTimeout());
    RangeAnswer answer = range(view, from, to, after, limit, traceparent, deadline, directory.layout());
    if (answer instanceof RangeAnswer.Unavailable && newerVersionThan(directory.layout()) && directory.refresh()) {
      answer = range(view, from, to, after, limit, traceparent, deadline, directory.layout()); // the views moved on: once more
    }
    return answer;
  }

  private RangeAnswer range(View<?> view, String from, String to, String after, int limit, String traceparent, Deadline deadline,
      ClusterLayout layout) {
    Map<Integer, Iterator<Endpoint>> copies = new TreeMap<>();
    for (int partition = 0; partition < view.topic().partitions(); partition++) {
      copies.put(partition, layout.owners(view.storeName(), partition).inOrderOfFreshness().iterator());
    }
    List<Entry> entries = new ArrayList<>();
    List<Freshness> freshness = new ArrayList<>();
    String why = "";
    while (!copies.isEmpty()) {
      Map<Endpoint, List<Integer>> plan = new TreeMap<>(Comparator.comparing(Endpoint::toString));
      for (Map.Entry<Integer, Iterator<Endpoint>> partition : copies.entrySet()) {
        Endpoint copy = nextCallable(partition.getValue());
        if (copy == null) {
          directory.refreshSoon();
          return new RangeAnswer.Unavailable("no reachable copy of partition " + partition.getKey() + " of " + view.name()
              + (why.isEmpty() ? "" : " (" + why + ")"));
        }
        plan.computeIfAbsent(copy, c -> new ArrayList<>()).add(partition.getKey());
      }
      for (Map.Entry<Endpoint, List<Integer>> call : plan.entrySet()) {
        if (deadline.expired()) {
          return new RangeAnswer.Unavailable("no answer within " + settings.requestTimeout().toMillis() + " ms");
        }
        RangeReply reply;
        try {
          reply = channels.stub(call.getKey(), deadline.forCall(settings.queryTimeout()))
              .scanRange(rangeRequest(view, from, to, after, limit, traceparent, call.getValue()).toBuilder()
                  .setVersion(layout.version()).build());
          breakers.of(call.getKey()).succeeded();
          notice(reply.getServingVersion());
        } catch (StatusRuntimeException e) {
          breakers.of(call.getKey()).failed();
          directory.refreshSoon();
          why = call.getKey() + " did not answer: " + e.getStatus().getCode();
          log.warn("Range scan of {} at {} failed: {}", view.name(), call.getKey(), e.getStatus());
          continue;
        }
        entries.addAll(reply.getEntriesList());
        for (PartitionCopy copy : reply.getAnsweredList()) {
          copies.remove(copy.getPartition());
          freshness.add(new Freshness(call.getKey().toString(), copy.getPartition(), copy.getStandby(), copy.getLagRecords()));
        }
        if (reply.getUnavailableCount() > 0) {
          why = call.getKey() + " cannot read partitions " + reply.getUnavailableList() + " now";
        }
      }
    }
    entries.sort(Comparator.comparing(Entry::getKey, KeyOrder.UTF8));
    List<RangeAnswer.Item> items = new ArrayList<>();
    for (Entry entry : entries.subList(0, Math.min(limit, entries.size()))) {
      items.add(new RangeAnswer.Item(entry.getKey(), ViewValueCodec.decode(view.valueType(), entry.getValue().toByteArray())));
    }
    freshness.sort(Comparator.comparingInt(Freshness::partition));
    return new RangeAnswer.Page(items, entries.size() > limit, freshness);
  }

  private static RangeRequest rangeRequest(View<?> view, String from, String to, String after, int limit, String traceparent,
      List<Integer> partitions) {
    RangeRequest.Builder request = RangeRequest.newBuilder().setView(view.name()).setLimit(limit + 1)
        .addAllPartitions(partitions).setTraceparent(traceparent);
    if (from != null) {
      request.setFrom(from);
    }
    if (to != null) {
      request.setTo(to);
    }
    if (after != null) {
      request.setAfter(after);
    }
    return request.build();
  }

  /** The owner's reply and who gave it, or why nobody could answer. */
  private record Asked<R>(R reply, Endpoint servedBy, String why) {}

  /** One question to one copy, about the given version of the views; the reply goes to {@code reply}. */
  @FunctionalInterface
  private interface Question<R> {
    void ask(ViewQueryStub stub, int version, StreamObserver<R> reply);
  }

  /**
   * Asks the copies of the key's partition in order of freshness, skipping instances whose breaker
   * is open, until one answers for the key or the request's deadline passes. If nobody could answer
   * and a copy said a newer version of the views serves (a rebuild just switched over), the
   * metadata is refreshed and the newer version asked, once. One call at a time, each started when
   * the one before has come back: no thread waits in between.
   */
  private <R> CompletableFuture<Asked<R>> askOwnerOf(View<?> view, String key, Question<R> question, Function<R, Outcome> outcomeOf,
      Function<R, String> detailOf, ToIntFunction<R> servingVersionOf, String traceparent) {
    Deadline deadline = Deadline.after(settings.requestTimeout());
    String traceId = TraceParent.parse(traceparent).map(TraceParent::traceId).orElse("");
    Asking<R> first = new Asking<>(view, key, question, outcomeOf, detailOf, servingVersionOf, deadline, directory.layout(), traceId);
    return first.next().thenCompose(asked -> {
      if (asked.why() == null || deadline.expired() || !newerVersionThan(directory.layout())) {
        return CompletableFuture.completedFuture(asked);
      }
      return directory.refreshInBackground().thenCompose(refreshed -> refreshed
          ? new Asking<>(view, key, question, outcomeOf, detailOf, servingVersionOf, deadline, directory.layout(), traceId).next()
          : CompletableFuture.completedFuture(asked));
    });
  }

  /** One round of asking the copies of a key's partition, as laid out in one version of the metadata. */
  private final class Asking<R> {
    private final View<?> view;
    private final String key;
    private final Question<R> question;
    private final Function<R, Outcome> outcomeOf;
    private final Function<R, String> detailOf;
    private final ToIntFunction<R> servingVersionOf;
    private final Deadline deadline;
    private final ClusterLayout layout;
    /** For the log lines written while asking, which run on gRPC's threads rather than the request's. */
    private final String traceId;
    private final Iterator<Endpoint> copies;
    private String why;

    Asking(View<?> view, String key, Question<R> question, Function<R, Outcome> outcomeOf, Function<R, String> detailOf,
        ToIntFunction<R> servingVersionOf, Deadline deadline, ClusterLayout layout, String traceId) {
      this.view = view;
      this.key = key;
      this.question = question;
      this.outcomeOf = outcomeOf;
      this.detailOf = detailOf;
      this.servingVersionOf = servingVersionOf;
      this.deadline = deadline;
      this.layout = layout;
      this.traceId = traceId;
      int partition = KeyPartitioner.partitionOf(key, view.topic().partitions());
      this.copies = layout.owners(view.storeName(), partition).inOrderOfFreshness().iterator();
      this.why = "no reachable copy of partition " + partition + " of " + view.name();
    }

    /** Asks the next copy that may be called, or gives up saying why. */
    CompletableFuture<Asked<R>> next() {
      Endpoint copy = nextCallable(copies);
      if (copy == null || deadline.expired()) {
        if (deadline.expired()) {
          why = "no answer within " + settings.requestTimeout().toMillis() + " ms (" + why + ")";
        }
        directory.refreshSoon();
        return CompletableFuture.completedFuture(new Asked<>(null, null, why));
      }
      return UnaryCall.<R>start(observer ->
              question.ask(channels.asyncStub(copy, deadline.forCall(settings.queryTimeout())), layout.version(), observer))
          .handle((reply, error) -> error == null ? answered(copy, reply) : failed(copy, error))
          .thenCompose(Function.identity());
    }

    private CompletableFuture<Asked<R>> answered(Endpoint copy, R reply) {
      breakers.of(copy).succeeded();
      notice(servingVersionOf.applyAsInt(reply));
      Outcome outcome = outcomeOf.apply(reply);
      if (outcome == Outcome.FOUND || outcome == Outcome.NOT_FOUND) {
        return CompletableFuture.completedFuture(new Asked<>(reply, copy, null));
      }
      if (outcome == Outcome.NOT_HOSTED) {
        directory.refreshSoon();
      }
      why = copy + " cannot answer now: " + detailOf.apply(reply);
      return next();
    }

    private CompletableFuture<Asked<R>> failed(Endpoint copy, Throwable error) {
      if (!(error instanceof StatusRuntimeException)) {
        return CompletableFuture.failedFuture(error); // not the copy failing: a fault of ours, answered as one
      }
      breakers.of(copy).failed();
      directory.refreshSoon();
      Status status = Status.fromThrowable(error);
      why = copy + " did not answer: " + status.getCode();
      MDC.put("traceId", traceId);
      try {
        log.warn("Asking {} about {} {} failed: {}", copy, view.name(), key, status);
      } finally {
        MDC.remove("traceId");
      }
      return next();
    }
  }

  private void notice(int servingVersion) {
    newestServingSeen.accumulateAndGet(servingVersion, Math::max);
    directory.noticeServingVersion(servingVersion);
  }

  private boolean newerVersionThan(ClusterLayout layout) {
    return newestServingSeen.get() > layout.version();
  }

  /** The next copy whose breaker lets a call through, or null. */
  private Endpoint nextCallable(Iterator<Endpoint> copies) {
    while (copies.hasNext()) {
      Endpoint copy = copies.next();
      if (breakers.allowsCall(copy)) {
        return copy;
      }
    }
    return null;
  }
}
