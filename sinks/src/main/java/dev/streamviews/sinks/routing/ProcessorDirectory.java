package dev.streamviews.sinks.routing;

import dev.streamviews.query.v1.MetadataReply;
import dev.streamviews.query.v1.MetadataRequest;
import dev.streamviews.sinks.config.ViewServiceSettings;
import io.grpc.StatusRuntimeException;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
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

  /** {@link #refresh()} on the refresh thread, for a caller that must not wait: whether somebody answered. */
  public CompletableFuture<Boolean> refreshInBackground() {
    return CompletableFuture.supplyAsync(this::refresh, refresher);
  }

  /**
   * Asks every instance for metadata now; keeps the old layout if nobody answers. Returns whether
   * somebody did. Instances say which version of the views serves; if they disagree (one has seen a
   * switch the others have not yet), the newest version wins, and everyone is asked about it, so
   * the layout is of one version throughout.
   */
  public synchronized boolean refresh() {
    Set<Endpoint> candidates = new LinkedHashSet<>(layout.get().endpoints());
    settings.processors().forEach(address -> candidates.add(Endpoint.parse(address)));
    Map<Endpoint, MetadataReply> replies = new LinkedHashMap<>();
    for (Endpoint endpoint : candidates) {
      metadataOf(endpoint, 0).ifPresent(reply -> replies.put(endpoint, reply));
    }
    int serving = replies.values().stream().mapToInt(MetadataReply::getServingVersion).max().orElse(0);
    for (Map.Entry<Endpoint, MetadataReply> reply : replies.entrySet()) {
      if (reply.getValue().getVersion() != serving) {
        metadataOf(reply.getKey(), serving).ifPresent(reply::setValue);
      }
    }
    List<MetadataReply> ofServing = replies.values().stream().filter(reply -> reply.getVersion() == serving).toList();
    Optional<MetadataReply> first = ofServing.stream().filter(reply -> reply.getInstancesCount() > 0).findFirst();
    if (first.isEmpty()) {
      log.warn("No processor answered with metadata of the serving version {} (asked {})", serving, candidates);
      return false;
    }
    ClusterLayout next = ClusterLayout.of(first.get(), ofServing.stream().filter(reply -> !reply.getAnsweredBy().isEmpty()).toList());
    ClusterLayout before = layout.getAndSet(next);
    if (before.version() != next.version()) {
      log.info("Answering from version {} of the views ({}){}", next.version(), next.applicationId(),
          before == ClusterLayout.EMPTY ? "" : ", was version " + before.version());
    }
    lastRefreshed = Instant.now();
    return true;
  }

  /** Asks for fresh metadata if a processor says a newer version serves than the one queries go to. */
  public void noticeServingVersion(int serving) {
    if (serving > layout.get().version()) {
      refreshSoon();
    }
  }

  private Optional<MetadataReply> metadataOf(Endpoint endpoint, int version) {
    if (breakers.isOpen(endpoint)) {
      return Optional.empty(); // it has been failing: no use waiting for it here
    }
    try {
      return Optional.of(channels.stub(endpoint, settings.queryTimeout())
          .getMetadata(MetadataRequest.newBuilder().setVersion(version).build()));
    } catch (StatusRuntimeException e) {
      log.debug("No metadata from {}: {}", endpoint, e.getStatus());
      return Optional.empty();
    }
  }

  @PreDestroy
  void stop() {
    refresher.shutdownNow();
  }
}
