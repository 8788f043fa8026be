package dev.streamviews.sinks.query;

import dev.streamviews.query.v1.Entry;
import dev.streamviews.query.v1.KeyReply;
import dev.streamviews.query.v1.KeyRequest;
import dev.streamviews.query.v1.Outcome;
import dev.streamviews.query.v1.PartitionCopy;
import dev.streamviews.query.v1.RangeReply;
import dev.streamviews.query.v1.RangeRequest;
import dev.streamviews.query.v1.ViewQueryGrpc.ViewQueryBlockingStub;
import dev.streamviews.query.v1.WindowsReply;
import dev.streamviews.query.v1.WindowsRequest;
import dev.streamviews.schemas.serde.ViewValueCodec;
import dev.streamviews.schemas.topics.KeyOrder;
import dev.streamviews.schemas.topics.KeyPartitioner;
import dev.streamviews.schemas.topics.View;
import dev.streamviews.sinks.config.ViewServiceSettings;
import dev.streamviews.sinks.routing.ClusterLayout;
import dev.streamviews.sinks.routing.Endpoint;
import dev.streamviews.sinks.routing.ProcessorDirectory;
import dev.streamviews.sinks.routing.QueryChannels;
import io.grpc.StatusRuntimeException;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers questions about the views by asking the processor instances that hold the partitions.
 * A key's partition is computed here, as the producer computes it; owners come from Kafka Streams
 * metadata only. When the layout turns out stale, it is refreshed and the question asked again once.
 */
@Singleton
public class ViewQueryService {
  private static final Logger log = LoggerFactory.getLogger(ViewQueryService.class);
  private static final int ATTEMPTS = 2;

  private final ProcessorDirectory directory;
  private final QueryChannels channels;
  private final ViewServiceSettings settings;

  public ViewQueryService(ProcessorDirectory directory, QueryChannels channels, ViewServiceSettings settings) {
    this.directory = directory;
    this.channels = channels;
    this.settings = settings;
  }

  public KeyAnswer get(View<?> view, String key, String traceparent) {
    KeyRequest request = KeyRequest.newBuilder().setView(view.name()).setKey(key).setTraceparent(traceparent).build();
    Asked<KeyReply> asked = askOwnerOf(view, key, stub -> stub.getKey(request), KeyReply::getOutcome, KeyReply::getDetail);
    if (asked.why() != null) {
      return new KeyAnswer.Unavailable(asked.why());
    }
    KeyReply reply = asked.reply();
    Freshness freshness = new Freshness(asked.servedBy().toString(), reply.getPartition(), reply.getStandby(), reply.getLagRecords());
    return reply.getOutcome() == Outcome.FOUND
        ? new KeyAnswer.Found(ViewValueCodec.decode(view.valueType(), reply.getValue().toByteArray()), freshness)
        : new KeyAnswer.NotFound(freshness);
  }

  public WindowsAnswer windows(View<?> view, String key, Instant from, Instant to, String traceparent) {
    WindowsRequest request = WindowsRequest.newBuilder().setView(view.name()).setKey(key)
        .setFromMs(from.toEpochMilli()).setToMs(to.toEpochMilli()).setTraceparent(traceparent).build();
    Asked<WindowsReply> asked = askOwnerOf(view, key, stub -> stub.getWindows(request), WindowsReply::getOutcome, WindowsReply::getDetail);
    if (asked.why() != null) {
      return new WindowsAnswer.Unavailable(asked.why());
    }
    WindowsReply reply = asked.reply();
    List<SpecificRecord> values = new ArrayList<>();
    reply.getValuesList().forEach(bytes -> values.add(ViewValueCodec.decode(view.valueType(), bytes.toByteArray())));
    return new WindowsAnswer.Windows(values,
        new Freshness(asked.servedBy().toString(), reply.getPartition(), reply.getStandby(), reply.getLagRecords()));
  }

  /**
   * Up to {@code limit} keys of the view in key order, within [from, to] (either may be null) and
   * after {@code after} (a previous page's last key, or null). Every partition is read from its
   * owner; if one cannot be read, there is no page rather than a page with holes.
   */
  public RangeAnswer range(View<?> view, String from, String to, String after, int limit, String traceparent) {
    String why = "";
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      Map<Endpoint, List<Integer>> partitionsByOwner = new TreeMap<>(Comparator.comparing(Endpoint::toString));
      List<Integer> orphans = new ArrayList<>();
      ClusterLayout layout = directory.layout();
      for (int partition = 0; partition < view.topic().partitions(); partition++) {
        Optional<Endpoint> owner = layout.owners(view.storeName(), partition).active();
        if (owner.isPresent()) {
          partitionsByOwner.computeIfAbsent(owner.get(), e -> new ArrayList<>()).add(partition);
        } else {
          orphans.add(partition);
        }
      }
      if (!orphans.isEmpty()) {
        why = "no processor instance holds partitions " + orphans + " of " + view.name();
        directory.refresh();
        continue;
      }
      List<Entry> entries = new ArrayList<>();
      List<Freshness> freshness = new ArrayList<>();
      why = gather(view, from, to, after, limit, traceparent, partitionsByOwner, entries, freshness);
      if (why == null) {
        entries.sort(Comparator.comparing(Entry::getKey, KeyOrder.UTF8));
        List<RangeAnswer.Item> items = new ArrayList<>();
        for (Entry entry : entries.subList(0, Math.min(limit, entries.size()))) {
          items.add(new RangeAnswer.Item(entry.getKey(), ViewValueCodec.decode(view.valueType(), entry.getValue().toByteArray())));
        }
        freshness.sort(Comparator.comparingInt(Freshness::partition));
        return new RangeAnswer.Page(items, entries.size() > limit, freshness);
      }
      directory.refresh();
    }
    return new RangeAnswer.Unavailable(why);
  }

  /** Asks each owner for its partitions; returns why not, or null when every partition answered. */
  private String gather(View<?> view, String from, String to, String after, int limit, String traceparent,
      Map<Endpoint, List<Integer>> partitionsByOwner, List<Entry> entries, List<Freshness> freshness) {
    for (Map.Entry<Endpoint, List<Integer>> owner : partitionsByOwner.entrySet()) {
      RangeRequest.Builder request = RangeRequest.newBuilder().setView(view.name()).setLimit(limit + 1)
          .addAllPartitions(owner.getValue()).setTraceparent(traceparent);
      if (from != null) {
        request.setFrom(from);
      }
      if (to != null) {
        request.setTo(to);
      }
      if (after != null) {
        request.setAfter(after);
      }
      RangeReply reply;
      try {
        reply = channels.stub(owner.getKey(), settings.queryTimeout()).scanRange(request.build());
      } catch (StatusRuntimeException e) {
        log.warn("Range scan of {} at {} failed: {}", view.name(), owner.getKey(), e.getStatus());
        return owner.getKey() + " did not answer: " + e.getStatus().getCode();
      }
      if (reply.getUnavailableCount() > 0) {
        return owner.getKey() + " cannot read partitions " + reply.getUnavailableList() + " now: " + reply.getDetail();
      }
      entries.addAll(reply.getEntriesList());
      for (PartitionCopy copy : reply.getAnsweredList()) {
        freshness.add(new Freshness(owner.getKey().toString(), copy.getPartition(), copy.getStandby(), copy.getLagRecords()));
      }
    }
    return null;
  }

  /** The owner's reply and who gave it, or why nobody could answer. */
  private record Asked<R>(R reply, Endpoint servedBy, String why) {}

  private <R> Asked<R> askOwnerOf(View<?> view, String key, Function<ViewQueryBlockingStub, R> call,
      Function<R, Outcome> outcomeOf, Function<R, String> detailOf) {
    int partition = KeyPartitioner.partitionOf(key, view.topic().partitions());
    String why = "no processor instance holds partition " + partition + " of " + view.name();
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      Optional<Endpoint> owner = directory.layout().owners(view.storeName(), partition).active();
      if (owner.isEmpty()) {
        directory.refresh();
        continue;
      }
      R reply;
      try {
        reply = call.apply(channels.stub(owner.get(), settings.queryTimeout()));
      } catch (StatusRuntimeException e) {
        log.warn("Asking {} about {} {} failed: {}", owner.get(), view.name(), key, e.getStatus());
        why = owner.get() + " did not answer: " + e.getStatus().getCode();
        directory.refresh();
        continue;
      }
      Outcome outcome = outcomeOf.apply(reply);
      if (outcome == Outcome.FOUND || outcome == Outcome.NOT_FOUND) {
        return new Asked<>(reply, owner.get(), null);
      }
      why = outcome == Outcome.NOT_HOSTED ? detailOf.apply(reply) : owner.get() + " cannot answer now: " + detailOf.apply(reply);
      if (outcome == Outcome.NOT_HOSTED) {
        directory.refresh();
      }
    }
    return new Asked<>(null, null, why);
  }
}
