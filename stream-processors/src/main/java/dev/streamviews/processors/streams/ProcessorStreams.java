package dev.streamviews.processors.streams;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One version of the views running on this instance: its {@link KafkaStreams}, with the listeners
 * that health and metrics read. Usually there is one; during {@code replay rebuild} there are two.
 */
public final class ProcessorStreams implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ProcessorStreams.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final int version;
  private final String applicationId;
  private final Topology topology;
  private final KafkaStreams streams;
  private final RestoreProgress restores = new RestoreProgress();
  private final InputLag inputLag;
  private volatile boolean started;

  public ProcessorStreams(int version, Topology topology, Properties config) {
    this.version = version;
    this.applicationId = config.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
    this.topology = topology;
    this.inputLag = new InputLag();
    this.streams = new KafkaStreams(topology, inputLag.watchMainConsumers(config));
    streams.setUncaughtExceptionHandler(new RegistryOutagePolicy());
    streams.setGlobalStateRestoreListener(restores);
    streams.setStandbyUpdateListener(new StandbyUpdates());
    streams.setStateListener((now, before) -> log.info("Kafka Streams {} (version {}) {} -> {}", applicationId, version, before, now));
  }

  public void start() {
    streams.start();
    started = true;
  }

  public int version() {
    return version;
  }

  public String applicationId() {
    return applicationId;
  }

  public Topology topology() {
    return topology;
  }

  public KafkaStreams streams() {
    return streams;
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  public boolean started() {
    return started;
  }

  public RestoreProgress restores() {
    return restores;
  }

  public InputLag inputLag() {
    return inputLag;
  }

  /** Stops processing for good; the group hears it at once, without waiting for a session timeout. */
  public void retire() {
    streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
        .withTimeout(CLOSE_TIMEOUT));
    streams.cleanUp(); // this version's local state is of no use any more
  }

  /** Stops processing on shutdown: a static member keeps its partitions for a restart within the session timeout. */
  @Override
  public void close() {
    streams.close(CLOSE_TIMEOUT);
  }
}
