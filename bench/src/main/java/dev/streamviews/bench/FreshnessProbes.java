package dev.streamviews.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/** Figure E's probe orders: each one's times, the series of them written out, and their latencies' percentiles. */
final class FreshnessProbes {
  private FreshnessProbes() {}

  /** One probe order: when Kafka acknowledged it, when it was first in the view topic, when the view service first had it. */
  static final class Probe {
    final String orderId;
    /** Sent within the measured span: counted. */
    final boolean measured;
    final Map<Integer, Integer> otherAnswers = new TreeMap<>();
    volatile long ackedAt;
    volatile int recordSize;
    long inViewTopicAt = -1;
    long visibleAt;

    Probe(String orderId, boolean measured) {
      this.orderId = orderId;
      this.measured = measured;
    }
  }

  /** Each probe's moment and latencies, in the order they went out: where the slow ones fall tells what they wait for. */
  static void writeSeries(Path file, List<Probe> probes) {
    List<String> lines = new ArrayList<>(List.of("seconds_since_first_probe,visible_ms,in_view_topic_ms,answers_before_200,acknowledged_at"));
    long first = probes.get(0).ackedAt;
    // The wall clock of each acknowledgement too, to line slow probes up with the services' logs (GC, request logs).
    long epochNanosAtNanoZero = System.currentTimeMillis() * 1_000_000 - System.nanoTime();
    for (Probe probe : probes) {
      StringJoiner others = new StringJoiner(" ");
      probe.otherAnswers.forEach((status, times) -> others.add(status + "x" + times));
      lines.add(String.format(Locale.ROOT, "%.3f,%.3f,%.3f,%s,%s", (probe.ackedAt - first) / 1e9, (probe.visibleAt - probe.ackedAt) / 1e6,
          probe.inViewTopicAt < 0 ? -1 : (probe.inViewTopicAt - probe.ackedAt) / 1e6, others,
          Instant.ofEpochSecond(0, epochNanosAtNanoZero + probe.ackedAt)));
    }
    try {
      Files.write(file, lines);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The probes' latencies, acknowledged to visible, in nanoseconds. */
  record Probes(long[] latencies, int recordSize) {
    Probes {
      if (latencies.length == 0) {
        throw new IllegalStateException("no probe was measured");
      }
      Arrays.sort(latencies);
    }

    int count() {
      return latencies.length;
    }

    double p50Millis() {
      return percentile(0.50);
    }

    double p99Millis() {
      return percentile(0.99);
    }

    private double percentile(double share) {
      return latencies[Math.min(latencies.length - 1, (int) (latencies.length * share))] / 1e6;
    }
  }
}
