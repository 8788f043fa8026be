package dev.streamviews.sinks.routing;

import dev.streamviews.query.v1.MetadataReply;
import dev.streamviews.query.v1.MetadataRequest;
import dev.streamviews.sinks.config.ViewServiceSettings;
import io.grpc.StatusRuntimeException;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Knows which processor instance holds which partitions, from Kafka Streams metadata. Asks the
 * instances it knows (and the configured bootstrap endpoints) on a period, and at once when a
 * query finds the layout wrong.
 */
@Singleton
public class ProcessorDirectory {
  private static final Logger log = LoggerFactory.getLogger(ProcessorDirectory.class);

  private final ViewServiceSettings settings;
  private final QueryChannels channels;
  private final AtomicReference<ClusterLayout> layout = new AtomicReference<>(ClusterLayout.EMPTY);
  private volatile Instant lastRefreshed;

  public ProcessorDirectory(ViewServiceSettings settings, QueryChannels channels) {
    this.settings = settings;
    this.channels = channels;
  }

  public ClusterLayout layout() {
    return layout.get();
  }

  /** When metadata last arrived, if ever. */
  public Optional<Instant> lastRefreshed() {
    return Optional.ofNullable(lastRefreshed);
  }

  @Scheduled(fixedDelay = "${streamviews.view-service.metadata-refresh:10s}", initialDelay = "0s")
  void refreshPeriodically() {
    refresh();
  }

  /** Asks for fresh metadata now; keeps the old layout if nobody answers. Returns whether somebody did. */
  public synchronized boolean refresh() {
    Set<Endpoint> candidates = new LinkedHashSet<>(layout.get().endpoints());
    settings.processors().forEach(address -> candidates.add(Endpoint.parse(address)));
    for (Endpoint endpoint : candidates) {
      try {
        MetadataReply reply = channels.stub(endpoint, settings.queryTimeout()).getMetadata(MetadataRequest.getDefaultInstance());
        if (reply.getInstancesCount() == 0) {
          continue; // that instance has no metadata yet (starting or rebalancing): ask another
        }
        layout.set(ClusterLayout.of(reply));
        lastRefreshed = Instant.now();
        return true;
      } catch (StatusRuntimeException e) {
        log.debug("No metadata from {}: {}", endpoint, e.getStatus());
      }
    }
    log.warn("No processor answered with metadata (asked {})", candidates);
    return false;
  }
}
