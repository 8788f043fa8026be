package dev.streamviews.processors.streams;

import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * How many input records wait to be processed, at most, on any partition this instance consumes:
 * the main consumers' {@code records-lag-max}, which Kafka's consumer measures on every fetch.
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
      String client = name.tags().getOrDefault("client-id", "");
      if (name.name().equals("records-lag-max") && name.group().equals("consumer-fetch-manager-metrics")
          && client.endsWith("-consumer") && !client.endsWith("-restore-consumer")) {
        Object value = metric.getValue().metricValue();
        if (value instanceof Number lag && !Double.isNaN(lag.doubleValue())) {
          max = Math.max(max, lag.longValue());
        }
      }
    }
    return max;
  }
}
