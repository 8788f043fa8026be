package dev.streamviews.sinks.query;

import dev.streamviews.query.v1.KeyReply;
import dev.streamviews.query.v1.KeyRequest;
import dev.streamviews.schemas.serde.ViewValueCodec;
import dev.streamviews.schemas.topics.KeyPartitioner;
import dev.streamviews.schemas.topics.View;
import dev.streamviews.sinks.config.ViewServiceSettings;
import dev.streamviews.sinks.routing.Endpoint;
import dev.streamviews.sinks.routing.Owners;
import dev.streamviews.sinks.routing.ProcessorDirectory;
import dev.streamviews.sinks.routing.QueryChannels;
import io.grpc.StatusRuntimeException;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a key of a view by asking the processor instance that holds the key's partition. The
 * partition is computed here, as the producer computes it; the owner comes from Kafka Streams
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
    int partition = KeyPartitioner.partitionOf(key, view.topic().partitions());
    String why = "no processor instance holds partition " + partition + " of " + view.name();
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      Owners owners = directory.layout().owners(view.storeName(), partition);
      Optional<Endpoint> active = owners.active();
      if (active.isEmpty()) {
        directory.refresh();
        continue;
      }
      KeyReply reply;
      try {
        reply = channels.stub(active.get(), settings.queryTimeout()).getKey(
            KeyRequest.newBuilder().setView(view.name()).setKey(key).setTraceparent(traceparent).build());
      } catch (StatusRuntimeException e) {
        log.warn("Asking {} for {} {} failed: {}", active.get(), view.name(), key, e.getStatus());
        why = active.get() + " did not answer: " + e.getStatus().getCode();
        directory.refresh();
        continue;
      }
      Freshness freshness = new Freshness(active.get().toString(), reply.getPartition(), reply.getStandby(), reply.getLagRecords());
      switch (reply.getOutcome()) {
        case FOUND:
          return new KeyAnswer.Found(ViewValueCodec.decode(view.valueType(), reply.getValue().toByteArray()), freshness);
        case NOT_FOUND:
          return new KeyAnswer.NotFound(freshness);
        case NOT_HOSTED:
          why = reply.getDetail();
          directory.refresh();
          break;
        default:
          why = active.get() + " cannot answer now: " + reply.getDetail();
          break;
      }
    }
    return new KeyAnswer.Unavailable(why);
  }
}
