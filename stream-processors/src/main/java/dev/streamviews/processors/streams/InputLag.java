package dev.streamviews.processors.streams;

import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * How many input records wait to be processed, at most, on any partition this instance consumes:
 * the largest of the main consumers' per-partition {@code records-lag}, the lag Kafka's consumer
 * saw when it last handed records of that partition over.
 *
 * <p>Not {@code records-lag-max}: that is the largest lag seen in the last two 30-second metric
 * windows, so after working through a backlog an instance would still report the backlog's lag for up
 * to a minute, and stay out of its load balancer that long for no reason.
 */
public final class InputLag {
  private final KafkaStreams streams;

  public InputLag(KafkaStreams streams) {
    this.streams = streams;
  }

  public long max() {
    long max = 0;
    for (Map.Entry<MetricName, ? extends Metric> metric : streams.metrics().entrySet()) {
      MetricName name = metric.getKey();
      if (isMainConsumerPartitionLag(name)) {
        Object value = metric.getValue().metricValue();
        if (value instanceof Number lag && !Double.isNaN(lag.doubleValue())) {
          max = Math.max(max, lag.longValue());
        }
      }
    }
    return max;
  }

  private static boolean isMainConsumerPartitionLag(MetricName name) {
    String client = name.tags().getOrDefault("client-id", "");
    return name.name().equals("records-lag") && name.group().equals("consumer-fetch-manager-metrics")
        && name.tags().containsKey("partition")
        && client.endsWith("-consumer") && !client.endsWith("-restore-consumer");
  }
}
