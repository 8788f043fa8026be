package dev.streamviews.sinks.query;

import dev.streamviews.query.v1.Entry;
import dev.streamviews.query.v1.PartitionCopy;
import dev.streamviews.query.v1.RangeReply;
import dev.streamviews.query.v1.RangeRequest;
import dev.streamviews.schemas.serde.ViewValueCodec;
import dev.streamviews.schemas.topics.KeyOrder;
import dev.streamviews.schemas.topics.View;
import dev.streamviews.sinks.config.ViewServiceSettings;
import dev.streamviews.sinks.routing.CircuitBreakers;
import dev.streamviews.sinks.routing.ClusterLayout;
import dev.streamviews.sinks.routing.Deadline;
import dev.streamviews.sinks.routing.Endpoint;
import dev.streamviews.sinks.routing.ProcessorDirectory;
import dev.streamviews.sinks.routing.QueryChannels;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pages of a key-value view in key order, read from every partition: the range queries of
 * {@link ViewQueryService}. Partitions are asked in one call per processor instance, on the
 * request's own (blocking) thread.
 */
final class RangePages {
  private static final Logger log = LoggerFactory.getLogger(RangePages.class);

  private final ProcessorDirectory directory;
  private final QueryChannels channels;
  private final CircuitBreakers breakers;
  private final ViewServiceSettings settings;
  private final ServingVersions versions;

  RangePages(ProcessorDirectory directory, QueryChannels channels, CircuitBreakers breakers, ViewServiceSettings settings,
      ServingVersions versions) {
    this.directory = directory;
    this.channels = channels;
    this.breakers = breakers;
    this.settings = settings;
    this.versions = versions;
  }

  /**
   * Up to {@code limit} keys of the view in key order, within [from, to] (either may be null) and
   * after {@code after} (a previous page's last key, or null). Each partition is read from its
   * freshest reachable copy; if a partition cannot be read within the deadline, there is no page
   * rather than a page with holes. A partition whose copies were reached but could not be read now
   * (a task moving in a rebalance) is asked again after a pause, from fresh metadata, for as long
   * as key lookups wait ({@link Pauses#budget}); one whose copies cannot be reached ends the
   * request at once.
   */
  RangeAnswer range(View<?> view, String from, String to, String after, int limit, String traceparent) {
    Deadline deadline = Deadline.after(settings.requestTimeout());
    RangeAnswer answer = range(view, from, to, after, limit, traceparent, deadline, directory.layout());
    if (answer instanceof RangeAnswer.Unavailable && versions.newerThan(directory.layout()) && directory.refresh()) {
      answer = range(view, from, to, after, limit, traceparent, deadline, directory.layout()); // the views moved on: once more
    }
    return answer;
  }

  private RangeAnswer range(View<?> view, String from, String to, String after, int limit, String traceparent, Deadline deadline,
      ClusterLayout layout) {
    Map<Integer, Iterator<Endpoint>> copies = copiesOf(view, allPartitions(view), layout);
    Set<Integer> reachedButUnready = new TreeSet<>();
    Pauses pauses = new Pauses(settings);
    List<Entry> entries = new ArrayList<>();
    List<Freshness> freshness = new ArrayList<>();
    String why = "";
    while (!copies.isEmpty()) {
      Map<Endpoint, List<Integer>> plan = new TreeMap<>(Comparator.comparing(Endpoint::toString));
      Integer stranded = null;
      for (Map.Entry<Integer, Iterator<Endpoint>> partition : copies.entrySet()) {
        Endpoint copy = breakers.firstCallable(partition.getValue());
        if (copy == null) {
          stranded = partition.getKey();
          break;
        }
        plan.computeIfAbsent(copy, c -> new ArrayList<>()).add(partition.getKey());
      }
      if (stranded != null) {
        directory.refreshSoon();
        Optional<Duration> pause = reachedButUnready.contains(stranded) ? pauses.next(deadline) : Optional.empty();
        if (pause.isEmpty() || !pauseFor(pause.get()) || directory.layout().version() != layout.version()) {
          return new RangeAnswer.Unavailable("no copy of partition " + stranded + " of " + view.name() + " could be read"
              + (why.isEmpty() ? "" : " (" + why + ")"));
        }
        copies = copiesOf(view, copies.keySet(), directory.layout()); // where the unanswered partitions are now
        reachedButUnready.clear();
        continue;
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
          versions.notice(reply.getServingVersion());
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
          reachedButUnready.addAll(reply.getUnavailableList());
          // The processor's reason (restoring, a standby too far behind, ...) is what an operator needs.
          why = call.getKey() + " cannot read partitions " + reply.getUnavailableList() + " now"
              + (reply.getDetail().isEmpty() ? "" : ": " + reply.getDetail());
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

  private static List<Integer> allPartitions(View<?> view) {
    return IntStream.range(0, view.topic().partitions()).boxed().toList();
  }

  /** For each partition, its copies in the layout in order of freshness, to be asked one after another. */
  private static Map<Integer, Iterator<Endpoint>> copiesOf(View<?> view, Collection<Integer> partitions, ClusterLayout layout) {
    Map<Integer, Iterator<Endpoint>> copies = new TreeMap<>();
    for (int partition : partitions) {
      copies.put(partition, layout.owners(view.storeName(), partition).inOrderOfFreshness().iterator());
    }
    return copies;
  }

  /** Waits, on this request's own (blocking) thread; false if interrupted meanwhile. */
  private static boolean pauseFor(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
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
}
