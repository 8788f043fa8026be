package dev.streamviews.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Reading the references' results back from what Kafka's tools print. */
class KafkaToolsTest {
  @Test
  void takesTheRateOfProducerPerformancesSteadyStateLineNotOfTheWholeRunOrAProgressLine() {
    String output = String.join("\n",
        "Warmup first 250000 records. Steady state results will print after the complete test summary.",
        "500000 records sent, 99000.0 records/sec (9.44 MB/sec), 30.0 ms avg latency, 200.0 ms max latency.",
        "1250000 records sent, 110000.5 records/sec (11.77 MB/sec), 25.1 ms avg latency, 310.0 ms max latency, 20 ms 50th, 90 ms 99th.",
        "1000000 steady state records sent, 123456.7 records/sec (11.77 MB/sec), 24.0 ms avg latency, 300.0 ms max latency.");

    assertThat(KafkaTools.producerSteadyStateRecordsPerSecond(output, 1_000_000)).isEqualTo(123456.7);
  }

  @Test
  void refusesAProducerRunWithoutASteadyStateLineOrWithFewerRecords() {
    assertThatThrownBy(() -> KafkaTools.producerSteadyStateRecordsPerSecond("20 records sent, 5.0 records/sec (0.0 MB/sec)", 20))
        .hasMessageContaining("did not report 20 steady state records sent");
    assertThatThrownBy(() -> KafkaTools.producerSteadyStateRecordsPerSecond("10 steady state records sent, 5.0 records/sec", 20))
        .hasMessageContaining("did not report 20 steady state records sent");
  }

  @Test
  void readsTheCliRunsRecordsPerSecondFromTheTimeTheCliReports() {
    String output = "12:00:00.000 INFO  some log line\nsent 1000000 records to shop.orders in 2.500 s (400,000 records/s)\n  trace 4bf9\n";

    assertThat(CliPublishRun.recordsPerSecond(output, 1_000_000)).isEqualTo(400_000.0);
    assertThatThrownBy(() -> CliPublishRun.recordsPerSecond(output, 2_000_000)).hasMessageContaining("did not report 2000000 records");
  }

  @Test
  void readsTheCpuTimeOfTheCliRunsMeasuredRun() {
    String output = "sent 1000000 records to shop.orders in 2.500 s (400,000 records/s)\n  trace 4bf9\n"
        + "cpu of the measured run: sending thread 3120 ms, JVM 5480 ms\n";

    assertThat(CliPublishRun.cpu(output)).isEqualTo(new CliPublishRun.Cpu(Duration.ofMillis(3120), Duration.ofMillis(5480)));
    assertThatThrownBy(() -> CliPublishRun.cpu("sent 1000000 records to shop.orders in 2.500 s")).hasMessageContaining("did not report its CPU");
  }

  @Test
  void takesTheFetchRateOfConsumerPerformance() {
    String output = String.join("\n",
        "start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec",
        "2026-11-24 02:40:00:000, 2026-11-24 02:40:05:000, 100.0, 20.0, 1000000, 200000.0, 3000, 2000, 50.0, 500000.0");

    assertThat(KafkaTools.consumerFetchRecordsPerSecond(output, 1_000_000)).isEqualTo(500000.0);
  }

  @Test
  void refusesAConsumerRunThatReadLessThanTheBacklog() {
    String output = "2026-11-24 02:40:00:000, 2026-11-24 02:40:05:000, 1.0, 0.2, 10, 2.0, 3000, 2000, 0.5, 5.0";

    assertThatThrownBy(() -> KafkaTools.consumerFetchRecordsPerSecond(output, 11)).hasMessageContaining("read 10 of 11 records");
  }

  @Test
  void takesThePercentilesOfEndToEndLatency() {
    String output = String.join("\n", "0\t12.5", "1000\t1.2", "Avg latency: 1.8000 ms", "Percentiles: 50th = 1, 99th = 4, 99.9th = 9");

    assertThat(KafkaTools.endToEndPercentiles(output)).isEqualTo(new KafkaTools.Latencies(1, 4, 9));
  }

  @Test
  void refusesAnEndToEndLatencyRunWithoutPercentiles() {
    assertThatThrownBy(() -> KafkaTools.endToEndPercentiles("poll() timed out before finding a result"))
        .hasMessageContaining("no percentiles");
  }
}
