package dev.streamviews.sinks.query;

import dev.streamviews.query.v1.KeyReply;
import dev.streamviews.query.v1.KeyRequest;
import dev.streamviews.query.v1.Outcome;
import dev.streamviews.query.v1.WindowsReply;
import dev.streamviews.query.v1.WindowsRequest;
import dev.streamviews.schemas.serde.ViewValueCodec;
import dev.streamviews.schemas.topics.View;
import dev.streamviews.sinks.config.ViewServiceSettings;
import dev.streamviews.sinks.routing.CircuitBreakers;
import dev.streamviews.sinks.routing.ProcessorDirectory;
import dev.streamviews.sinks.routing.QueryChannels;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificRecord;

/**
 * Answers questions about the views by asking the processor instances that hold the partitions.
 * A key's partition is computed here, as the producer computes it; copies come from Kafka Streams
 * metadata only, never from the request. The active copy is asked first; if it fails (its breaker
 * then counts the failure) or cannot answer now, a standby is asked, and the answer says it is
 * stale and by how much. Every request has one deadline for all its calls.
 */
@Singleton
public class ViewQueryService {
  private final QueryChannels channels;
  private final OwnerQuestions owners;
  private final KeyLookupCalls keyLookups;
  private final RangePages ranges;

  public ViewQueryService(ProcessorDirectory directory, QueryChannels channels, CircuitBreakers breakers,
      ViewServiceSettings settings) {
    this.channels = channels;
    ServingVersions versions = new ServingVersions(directory);
    this.owners = new OwnerQuestions(directory, breakers, settings, versions);
    this.keyLookups = new KeyLookupCalls(channels);
    this.ranges = new RangePages(directory, channels, breakers, settings, versions);
  }

  @PreDestroy
  void close() {
    keyLookups.close();
  }

  /** The key's value, from the freshest copy that answers; completes on gRPC's network thread, never blocks. */
  public CompletableFuture<KeyAnswer> get(View<?> view, String key, String traceparent) {
    KeyRequest.Builder request = KeyRequest.newBuilder().setView(view.name()).setKey(key).setTraceparent(traceparent);
    return owners.ask(view, key,
        (copy, timeout, version) -> keyLookups.get(copy, request.setVersion(version).build(), timeout), KeyReply::getOutcome,
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
    WindowsRequest.Builder request = WindowsRequest.newBuilder().setView(view.name()).setKey(key)
        .setFromMs(from.toEpochMilli()).setToMs(to.toEpochMilli()).setTraceparent(traceparent);
    return owners.ask(view, key,
        (copy, timeout, version) -> UnaryCall.<WindowsReply>start(reply ->
            channels.asyncStub(copy, timeout).getWindows(request.setVersion(version).build(), reply)), WindowsReply::getOutcome,
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
   * after {@code after} (a previous page's last key, or null), as {@link RangePages} reads them.
   */
  public RangeAnswer range(View<?> view, String from, String to, String after, int limit, String traceparent) {
    return ranges.range(view, from, to, after, limit, traceparent);
  }
}
