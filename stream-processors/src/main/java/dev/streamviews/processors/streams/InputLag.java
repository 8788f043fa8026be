package dev.streamviews.processors.streams;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.JmxReporter;
import org.apache.kafka.streams.StreamsConfig;

/**
 * How many input records wait to be processed, at most, on any partition this instance consumes:
 * the largest of the main consumers' per-partition {@code records-lag}, the lag Kafka's consumer
 * saw when it last handed records of that partition over.
 *
 * <p>Not {@code records-lag-max}: that is the largest lag seen in the last two 30-second metric
 * windows, so after working through a backlog an instance would still report the backlog's lag for up
 * to a minute, and stay out of its load balancer that long for no reason.
 *
 * <p>The main consumers tell this which lag metrics they have, through a {@link MainConsumerLagReporter}
 * that {@link #watchMainConsumers} adds to their configuration: the health endpoints ask for the lag on
 * every call, and reading it off {@link org.apache.kafka.streams.KafkaStreams#metrics()} copied every
 * metric of the client (tasks, stores, RocksDB, every client's partitions) into a new map each time,
 * most of a readiness answer's CPU (docs/BENCHMARKS.md, D). Reporters an operator configures are kept
 * beside it. Without a main consumer (no stream thread running) nothing waits here, and the lag is 0.
 */
public final class InputLag {
  /** Where, in a main consumer's configuration, its reporter finds this (Kafka passes objects through). */
  static final String CONFIG = "streamviews.input.lag";

  private final Map<MetricName, Metric> partitionLags = new ConcurrentHashMap<>();
  private final AtomicInteger consumersReporting = new AtomicInteger();

  /**
   * A copy of a Kafka Streams configuration whose main consumers (not the restore consumers, whose
   * lag is a restore's progress) report their metrics to this, besides the reporters they would have
   * had (JMX unless configured otherwise).
   */
  public Properties watchMainConsumers(Properties config) {
    Properties watched = new Properties();
    watched.putAll(config);
    String reporters = StreamsConfig.mainConsumerPrefix(CommonClientConfigs.METRIC_REPORTER_CLASSES_CONFIG);
    List<String> classes = reporterClasses(config);
    classes.add(MainConsumerLagReporter.class.getName());
    watched.put(reporters, String.join(",", classes));
    watched.put(StreamsConfig.mainConsumerPrefix(CONFIG), this);
    return watched;
  }

  public long max() {
    long max = 0;
    for (Metric lag : partitionLags.values()) {
      max = Math.max(max, lagOf(lag));
    }
    return max;
  }

  /** How many main consumers report their lag (one per stream thread, while it runs). */
  int consumersReporting() {
    return consumersReporting.get();
  }

  void consumerAttached() {
    consumersReporting.incrementAndGet();
  }

  void consumerDetached() {
    consumersReporting.decrementAndGet();
  }

  void watch(MetricName name, Metric metric) {
    partitionLags.put(name, metric);
  }

  void forget(MetricName name) {
    partitionLags.remove(name);
  }

  /** One partition's lag, as the fetcher of a consumer records it (a consumer's own metrics carry no other). */
  static boolean isPartitionLag(MetricName name) {
    return name.name().equals("records-lag") && name.group().equals("consumer-fetch-manager-metrics")
        && name.tags().containsKey("partition");
  }

  private static long lagOf(Metric metric) {
    Object value = metric.metricValue();
    return value instanceof Number lag && !Double.isNaN(lag.doubleValue()) ? lag.longValue() : 0;
  }

  /** The reporters a main consumer would have: its own setting, else the consumers', else the client's, else Kafka's default. */
  private static List<String> reporterClasses(Properties config) {
    String name = CommonClientConfigs.METRIC_REPORTER_CLASSES_CONFIG;
    for (String key : List.of(StreamsConfig.mainConsumerPrefix(name), StreamsConfig.consumerPrefix(name), name)) {
      Object value = config.get(key);
      if (value != null) {
        return classNames(value);
      }
    }
    return new ArrayList<>(List.of(JmxReporter.class.getName()));
  }

  private static List<String> classNames(Object value) {
    List<String> names = new ArrayList<>();
    Collection<?> items = value instanceof Collection<?> list ? list : List.of(value.toString().split(","));
    for (Object item : items) {
      String className = item instanceof Class<?> type ? type.getName() : item.toString().trim();
      if (!className.isEmpty()) {
        names.add(className);
      }
    }
    return names;
  }
}
