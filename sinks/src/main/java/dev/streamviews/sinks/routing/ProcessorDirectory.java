package dev.streamviews.sinks.routing;

import dev.streamviews.query.v1.MetadataReply;
import dev.streamviews.query.v1.MetadataRequest;
import dev.streamviews.sinks.config.ViewServiceSettings;
import io.grpc.StatusRuntimeException;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Knows which processor instance holds which partitions, from Kafka Streams metadata, and how far
 * each standby copy lags (each instance reports its own). Asks every instance it knows, and the
 * configured bootstrap endpoints, on a period, and soon after a query finds the layout wrong.
 */
@Singleton
public class ProcessorDirectory {
  private static final Logger log = LoggerFactory.getLogger(ProcessorDirectory.class);

  private final ViewServiceSettings settings;
  private final QueryChannels channels;
  private final CircuitBreakers breakers;
  private final AtomicReference<ClusterLayout> layout = new AtomicReference<>(ClusterLayout.EMPTY);
  private final AtomicBoolean refreshPending = new AtomicBoolean();
  private final ExecutorService refresher = Executors.newSingleThreadExecutor(runnable -> {
    Thread thread = new Thread(runnable, "metadata-refresh");
    thread.setDaemon(true);
    return thread;
  });
  private volatile Instant lastRefreshed;

  public ProcessorDirectory(ViewServiceSettings settings, QueryChannels channels, CircuitBreakers breakers) {
    this.settings = settings;
    this.channels = channels;
    this.breakers = breakers;
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

  /** Asks for fresh metadata in the background, at most one refresh at a time; returns at once. */
  public void refreshSoon() {
    if (refreshPending.compareAndSet(false, true)) {
      refresher.execute(() -> {
        try {
          refresh();
        } finally {
          refreshPending.set(false);
        }
      });
    }
  }

  /** Asks every instance for metadata now; keeps the old layout if nobody answers. Returns whether somebody did. */
  public synchronized boolean refresh() {
    Set<Endpoint> candidates = new LinkedHashSet<>(layout.get().endpoints());
    settings.processors().forEach(address -> candidates.add(Endpoint.parse(address)));
    MetadataReply first = null;
    List<MetadataReply> lagReports = new ArrayList<>();
    for (Endpoint endpoint : candidates) {
      if (breakers.isOpen(endpoint)) {
        continue; // it has been failing: no use waiting for it here
      }
      try {
        MetadataReply reply = channels.stub(endpoint, settings.queryTimeout()).getMetadata(MetadataRequest.getDefaultInstance());
        if (reply.getInstancesCount() > 0 && first == null) {
          first = reply;
        }
        if (!reply.getAnsweredBy().isEmpty()) {
          lagReports.add(reply);
        }
      } catch (StatusRuntimeException e) {
        log.debug("No metadata from {}: {}", endpoint, e.getStatus());
      }
    }
    if (first == null) {
      log.warn("No processor answered with metadata (asked {})", candidates);
      return false;
    }
    layout.set(ClusterLayout.of(first, lagReports));
    lastRefreshed = Instant.now();
    return true;
  }

  @PreDestroy
  void stop() {
    refresher.shutdownNow();
  }
}
