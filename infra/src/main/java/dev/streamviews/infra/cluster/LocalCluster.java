package dev.streamviews.infra.cluster;

import dev.streamviews.infra.registry.SchemaRegistryServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka cluster and a schema registry beside it: what {@code scripts/local-kafka}
 * runs and what the integration tests share. The broker runs in a child JVM; the registry in this one.
 */
public final class LocalCluster implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LocalCluster.class);

  /**
   * @param registryPort 0 for any free port
   * @param brokerClasspath a classpath with {@code kafka_2.13}; by default this JVM's own
   * @param brokerSettings broker settings that replace or add to the local cluster's own
   */
  public record Config(Path dataDir, String host, int kafkaPort, int controllerPort, int registryPort,
      String brokerClasspath, String brokerMaxHeap, Map<String, String> brokerSettings) {
    public Config {
      brokerSettings = Map.copyOf(brokerSettings);
    }

    public Config(Path dataDir, String host, int kafkaPort, int controllerPort, int registryPort,
        String brokerClasspath, String brokerMaxHeap) {
      this(dataDir, host, kafkaPort, controllerPort, registryPort, brokerClasspath, brokerMaxHeap, Map.of());
    }

    /** Fresh free ports on loopback, this JVM's classpath for the broker. */
    public static Config onFreePorts(Path dataDir) {
      return new Config(dataDir, "127.0.0.1", FreePort.pick(), FreePort.pick(), 0,
          System.getProperty("java.class.path"), "1g");
    }

    /** This config, its broker with these settings too. */
    public Config withBrokerSettings(Map<String, String> settings) {
      return new Config(dataDir, host, kafkaPort, controllerPort, registryPort, brokerClasspath, brokerMaxHeap, settings);
    }
  }

  private final Config config;
  private final KafkaBroker broker;
  private volatile SchemaRegistryServer registry;
  private final int registryPort;

  private LocalCluster(Config config, KafkaBroker broker, SchemaRegistryServer registry) {
    this.config = config;
    this.broker = broker;
    this.registry = registry;
    this.registryPort = registry.uri().getPort();
  }

  public static LocalCluster start(Config config) {
    long started = System.nanoTime();
    KafkaBroker broker = KafkaBroker.start(new KafkaBroker.Config(config.dataDir().resolve("kafka"), config.host(),
        config.kafkaPort(), config.controllerPort(), config.brokerClasspath(), config.brokerMaxHeap(), config.brokerSettings()));
    try {
      SchemaRegistryServer registry = startRegistry(broker.bootstrapServers(), config.host(), config.registryPort());
      LocalCluster cluster = new LocalCluster(config, broker, registry);
      log.info("Local cluster up in {} ms: Kafka at {}, schema registry at {}",
          (System.nanoTime() - started) / 1_000_000, cluster.bootstrapServers(), cluster.schemaRegistryUrl());
      return cluster;
    } catch (RuntimeException e) {
      broker.close();
      throw e;
    }
  }

  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  /** The broker's process (a child JVM of this one), for what it costs in CPU. */
  public long brokerPid() {
    return broker.pid();
  }

  public URI schemaRegistryUrl() {
    return URI.create("http://" + config.host() + ":" + registryPort);
  }

  public Path dataDir() {
    return config.dataDir();
  }

  /** Stops the registry and starts a new one on the same port, reading its schemas back from Kafka. */
  public synchronized void restartRegistry() {
    stopRegistry();
    startRegistry();
  }

  /** Stops the registry, so clients see it unreachable (connection refused), until {@link #startRegistry()}. */
  public synchronized void stopRegistry() {
    if (registry != null) {
      registry.close();
      registry = null;
    }
  }

  /** Starts the registry again on its port, reading its schemas back from Kafka. */
  public synchronized void startRegistry() {
    if (registry == null) {
      registry = startRegistry(bootstrapServers(), config.host(), registryPort);
    }
  }

  @Override
  public void close() {
    try {
      stopRegistry();
    } finally {
      broker.close();
    }
  }

  private static SchemaRegistryServer startRegistry(String bootstrapServers, String host, int port) {
    return SchemaRegistryServer.start(bootstrapServers, host, port, SchemaRegistryServer.DEFAULT_TOPIC, 1);
  }
}
