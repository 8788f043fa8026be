package dev.streamviews.processors.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamviews.processors.config.ProcessorSettings;
import dev.streamviews.processors.config.StreamsProperties;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.metrics.JmxReporter;
import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Max;
import org.apache.kafka.common.metrics.stats.Value;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The input lag health reports: from the lag metrics the main consumers report as they add and
 * remove them, on a real Kafka metrics registry and through a real Kafka Streams client's consumers
 * (its main consumers, not its restore consumers, whose lag is a restore's progress).
 */
class InputLagTest {
  private static final String FETCH_GROUP = "consumer-fetch-manager-metrics";
  private static final String MAIN_CONSUMER = "app-1-StreamThread-1-consumer";

  @Test
  void theLargestLagOfThePartitionsAConsumerReportsAndNoneOfAPartitionItNoLongerHas() {
    InputLag inputLag = new InputLag();
    MainConsumerLagReporter reporter = new MainConsumerLagReporter();
    reporter.configure(Map.of(InputLag.CONFIG, inputLag));
    try (Metrics consumerMetrics = new Metrics(new MetricConfig(), List.of(reporter), Time.SYSTEM)) {
      partitionLag(consumerMetrics, MAIN_CONSUMER, "shop.orders", 0).record(1_200);
      partitionLag(consumerMetrics, MAIN_CONSUMER, "shop.orders", 1).record(300);
      // What is not one partition's current lag: its lag over a window, a topic's bytes.
      Sensor window = consumerMetrics.sensor("shop.orders-2.records-lag-window");
      window.add(consumerMetrics.metricName("records-lag-max", FETCH_GROUP, tags(MAIN_CONSUMER, "shop.orders", 2)), new Max());
      window.record(90_000);
      Sensor bytes = consumerMetrics.sensor("shop.orders.bytes");
      bytes.add(consumerMetrics.metricName("records-lag", FETCH_GROUP, Map.of("client-id", MAIN_CONSUMER, "topic", "shop.orders")), new Value());
      bytes.record(50_000);

      assertThat(inputLag.consumersReporting()).isEqualTo(1);
      assertThat(inputLag.max()).isEqualTo(1_200);

      consumerMetrics.removeSensor("shop.orders-0.records-lag"); // the partition went to another instance
      assertThat(inputLag.max()).isEqualTo(300);
    }
    // The consumer closed its metrics, as it does when its thread stops: its partitions count no more.
    assertThat(inputLag.consumersReporting()).isZero();
    assertThat(inputLag.max()).isZero();
  }

  @Test
  void everyStreamThreadsMainConsumerReportsToItsClientsInputLag(@TempDir Path stateDir) {
    ProcessorSettings settings = new ProcessorSettings("input-lag-test", "127.0.0.1:1", "mock://registry", stateDir.toString(),
        "127.0.0.1", 7070, null, 0, 2, 1, 100, 60_000, 10_000, 60_000, 10_000, 10_000, 30_000, Map.of());
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("shop.orders").to("shop.copy");
    // Kafka Streams makes its threads' consumers when the client is made, before it connects anywhere.
    ProcessorStreams streams = new ProcessorStreams(1, builder.build(), StreamsProperties.of(settings, topic -> { }));
    try {
      // Two threads have two main consumers and two restore consumers: only the main ones report.
      assertThat(streams.inputLag().consumersReporting()).isEqualTo(2);
    } finally {
      streams.close();
    }
    assertThat(streams.inputLag().consumersReporting()).isZero();
  }

  @Test
  void mainConsumersKeepTheReportersTheyWouldHaveHad() {
    String mainConsumerReporters = StreamsConfig.mainConsumerPrefix(CommonClientConfigs.METRIC_REPORTER_CLASSES_CONFIG);
    InputLag inputLag = new InputLag();

    Properties byDefault = inputLag.watchMainConsumers(new Properties());
    Properties operatorsOwn = new Properties();
    operatorsOwn.put(StreamsConfig.consumerPrefix(CommonClientConfigs.METRIC_REPORTER_CLASSES_CONFIG), List.of(JmxReporter.class, "com.example.Reporter"));
    Properties none = new Properties();
    none.put(CommonClientConfigs.METRIC_REPORTER_CLASSES_CONFIG, "");

    assertThat(byDefault.get(mainConsumerReporters)).isEqualTo(JmxReporter.class.getName() + "," + MainConsumerLagReporter.class.getName());
    assertThat(byDefault.get(StreamsConfig.mainConsumerPrefix(InputLag.CONFIG))).isSameAs(inputLag);
    assertThat(inputLag.watchMainConsumers(operatorsOwn).get(mainConsumerReporters))
        .isEqualTo(JmxReporter.class.getName() + ",com.example.Reporter," + MainConsumerLagReporter.class.getName());
    assertThat(inputLag.watchMainConsumers(none).get(mainConsumerReporters)).isEqualTo(MainConsumerLagReporter.class.getName());
  }

  /** A partition's lag sensor, as a consumer's fetcher registers it. */
  private static Sensor partitionLag(Metrics metrics, String clientId, String topic, int partition) {
    Sensor sensor = metrics.sensor(topic + "-" + partition + ".records-lag");
    sensor.add(metrics.metricName("records-lag", FETCH_GROUP, tags(clientId, topic, partition)), new Value());
    return sensor;
  }

  private static Map<String, String> tags(String clientId, String topic, int partition) {
    return Map.of("client-id", clientId, "topic", topic, "partition", Integer.toString(partition));
  }
}
