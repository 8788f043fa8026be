package dev.streamviews.processors.streams;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.MetricsReporter;

/**
 * Tells an {@link InputLag} which per-partition lag metrics one main consumer has, as the consumer
 * adds them (on the first fetch of a partition) and removes them (when the partition goes). Kafka
 * creates one per consumer, from {@link InputLag#watchMainConsumers}.
 */
public final class MainConsumerLagReporter implements MetricsReporter {
  private final Set<MetricName> watched = ConcurrentHashMap.newKeySet();
  private InputLag inputLag;

  @Override
  public void configure(Map<String, ?> configs) {
    if (!(configs.get(InputLag.CONFIG) instanceof InputLag lag)) {
      throw new ConfigException(InputLag.CONFIG, configs.get(InputLag.CONFIG), "the InputLag this consumer reports to");
    }
    inputLag = lag;
    inputLag.consumerAttached();
  }

  @Override
  public void init(List<KafkaMetric> metrics) {
    metrics.forEach(this::metricChange);
  }

  @Override
  public void metricChange(KafkaMetric metric) {
    MetricName name = metric.metricName();
    if (InputLag.isPartitionLag(name)) {
      watched.add(name);
      inputLag.watch(name, metric);
    }
  }

  @Override
  public void metricRemoval(KafkaMetric metric) {
    MetricName name = metric.metricName();
    if (watched.remove(name)) {
      inputLag.forget(name);
    }
  }

  /** The consumer closed (its thread stopped or was replaced): its partitions wait on nobody here now. */
  @Override
  public void close() {
    if (inputLag == null) {
      return;
    }
    watched.forEach(inputLag::forget);
    watched.clear();
    inputLag.consumerDetached();
  }
}
