package dev.streamviews.processors.versions;

import dev.streamviews.processors.config.ProcessorSettings;
import dev.streamviews.processors.config.StreamsProperties;
import dev.streamviews.processors.deadletter.DeadLetterCounter;
import dev.streamviews.processors.streams.ProcessorStreams;
import dev.streamviews.processors.streams.RestoreProgress;
import dev.streamviews.processors.topology.ShopTopology;
import dev.streamviews.processors.topology.TopologySerdes;
import dev.streamviews.schemas.control.ApplicationHistory;
import dev.streamviews.schemas.control.PipelineState;
import dev.streamviews.schemas.control.PipelineStates;
import dev.streamviews.schemas.control.Versions;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The versions of the views this instance runs, following the pipeline state: the serving one,
 * and during {@code replay rebuild} the one being built beside it, each its own Kafka Streams
 * application with its own consumer group, internal topics, local state and view topics. When the
 * rebuilt version takes over, the old one keeps answering for the drain period, then retires.
 */
public final class VersionedStreams implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(VersionedStreams.class);

  private final ProcessorSettings settings;
  private final TopologySerdes serdes;
  private final DeadLetterCounter deadLetters;
  private final MeterRegistry meters;
  private final LocalStateGenerations localState;
  private final PipelineStateWatcher watcher;
  private final Map<Integer, Running> running = new ConcurrentHashMap<>();
  private final Map<Integer, ScheduledFuture<?>> retiring = new ConcurrentHashMap<>();
  private final ScheduledExecutorService retirements = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "version-retirement");
    thread.setDaemon(true);
    return thread;
  });
  private volatile PipelineState state;
  private volatile boolean closed;

  /** A running version and the meters it registered, removed when it retires. */
  private record Running(ProcessorStreams streams, KafkaStreamsMetrics metrics, List<Meter> meters) {}

  public VersionedStreams(ProcessorSettings settings, TopologySerdes serdes, DeadLetterCounter deadLetters, MeterRegistry meters) {
    this.settings = settings;
    this.serdes = serdes;
    this.deadLetters = deadLetters;
    this.meters = meters;
    this.localState = new LocalStateGenerations(Path.of(settings.stateDir()));
    this.watcher = new PipelineStateWatcher(settings.bootstrapServers(), settings.applicationId(), this::follow);
  }

  /** Reads the pipeline state and starts the versions it names; returns at once (the watcher does the work). */
  public void start() {
    watcher.start();
  }

  /** The version view services should read, if it runs here. */
  public Optional<ProcessorStreams> serving() {
    PipelineState now = state;
    return now == null ? Optional.empty() : running(now.getServingVersion());
  }

  public Optional<ProcessorStreams> running(int version) {
    return Optional.ofNullable(running.get(version)).map(Running::streams);
  }

  /** The serving version as this instance knows it; 0 before the pipeline state was read. */
  public int servingVersion() {
    PipelineState now = state;
    return now == null ? 0 : now.getServingVersion();
  }

  public OptionalInt buildingVersion() {
    PipelineState now = state;
    return now == null || now.getBuildingVersion() == null ? OptionalInt.empty() : OptionalInt.of(now.getBuildingVersion());
  }

  /** Whether the pipeline state has been read yet. */
  public boolean knowsState() {
    return state != null;
  }

  private synchronized void follow(PipelineState next) {
    if (closed) {
      return;
    }
    PipelineState before = state;
    VersionPlan plan = VersionPlan.between(Set.copyOf(running.keySet()), Set.copyOf(retiring.keySet()), before, next);
    if (before == null) {
      Set<String> wanted = new TreeSet<>();
      plan.start().forEach(version -> wanted.add(Versions.applicationId(settings.applicationId(), version)));
      localState.removeOtherVersions(settings.applicationId(), wanted);
    }
    log.info("Pipeline state: version {} serves{}", next.getServingVersion(),
        next.getBuildingVersion() == null ? "" : ", version " + next.getBuildingVersion() + " is being built");
    for (int version : plan.keep()) {
      ScheduledFuture<?> retirement = retiring.remove(version);
      if (retirement != null && retirement.cancel(false)) {
        log.info("Version {} serves again: it stays", version);
      }
    }
    for (int version : plan.start()) {
      startVersion(version, next);
    }
    // Only now: health reads the serving version through the state, and it must not find one that
    // is still being started (that would say "does not run here", not live, for a moment).
    state = next;
    for (int version : plan.retireNow()) {
      retiring.put(version, retirements.schedule(() -> retire(version), 0, TimeUnit.MILLISECONDS));
    }
    Duration drain = Duration.ofMillis(settings.retireAfterMs());
    for (int version : plan.retireLater()) {
      log.info("Version {} keeps answering for {} s while view services move to version {}, then retires",
          version, drain.toSeconds(), next.getServingVersion());
      retiring.put(version, retirements.schedule(() -> retire(version), drain.toMillis(), TimeUnit.MILLISECONDS));
    }
  }

  private void startVersion(int version, PipelineState pipeline) {
    String applicationId = Versions.applicationId(settings.applicationId(), version);
    ApplicationHistory history = PipelineStates.historyOf(pipeline, applicationId);
    Properties config = StreamsProperties.of(settings, deadLetters, version, PipelineStates.generationLabel(pipeline, applicationId));
    Topology topology = ShopTopology.build(serdes, config);
    ProcessorStreams streams = new ProcessorStreams(version, topology, config);
    try {
      localState.prepare(streams, history.getGeneration());
      Running started = new Running(streams, bindMetrics(streams), versionGauges(streams));
      streams.start();
      running.put(version, started);
      log.info("Started version {} ({}, generation {})", version, applicationId, history.getGeneration());
    } catch (RuntimeException e) {
      log.error("Cannot start version {} ({}): {}", version, applicationId, e.toString(), e);
      streams.close();
    }
  }

  private KafkaStreamsMetrics bindMetrics(ProcessorStreams streams) {
    KafkaStreamsMetrics metrics = new KafkaStreamsMetrics(streams.streams(), Tags.of("version", Integer.toString(streams.version())));
    metrics.bindTo(meters);
    return metrics;
  }

  private List<Meter> versionGauges(ProcessorStreams streams) {
    Tags tags = Tags.of("version", Integer.toString(streams.version()));
    return List.of(
        Gauge.builder("streamviews.restore.remaining.records", streams.restores(), RestoreProgress::recordsRemaining)
            .description("Changelog records still to restore into local stores").tags(tags).register(meters),
        Gauge.builder("streamviews.restore.restored.records", streams.restores(), RestoreProgress::recordsRestored)
            .description("Changelog records restored into local stores since start").tags(tags).register(meters));
  }

  private void retire(int version) {
    Running gone = running.remove(version);
    retiring.remove(version);
    if (gone == null) {
      return;
    }
    log.info("Retiring version {} ({}): stopping it and wiping its local state", version, gone.streams().applicationId());
    try {
      gone.streams().retire();
      localState.forget(gone.streams().applicationId());
    } catch (RuntimeException e) {
      log.warn("Retiring version {} did not finish cleanly: {}", version, e.toString());
    }
    gone.metrics().close();
    gone.meters().forEach(meters::remove);
    log.info("Version {} retired", version);
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
    }
    watcher.close();
    retirements.shutdownNow();
    running.values().forEach(version -> version.streams().close());
    running.values().forEach(version -> version.metrics().close());
    running.clear();
  }
}
