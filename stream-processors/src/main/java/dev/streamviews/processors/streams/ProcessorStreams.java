package dev.streamviews.processors.streams;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** This instance's {@link KafkaStreams}, with the listeners that health and metrics read. */
public final class ProcessorStreams implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ProcessorStreams.class);

  private final Topology topology;
  private final KafkaStreams streams;
  private final RestoreProgress restores = new RestoreProgress();
  private volatile boolean started;

  public ProcessorStreams(Topology topology, Properties config) {
    this.topology = topology;
    this.streams = new KafkaStreams(topology, config);
    streams.setUncaughtExceptionHandler(new RegistryOutagePolicy());
    streams.setGlobalStateRestoreListener(restores);
    streams.setStateListener((now, before) -> log.info("Kafka Streams {} -> {}", before, now));
  }

  public void start() {
    streams.start();
    started = true;
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

  @Override
  public void close() {
    streams.close(Duration.ofSeconds(30));
  }
}
