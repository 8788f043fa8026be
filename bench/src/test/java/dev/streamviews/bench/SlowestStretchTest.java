package dev.streamviews.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamviews.bench.FreshnessProbes.Probe;
import dev.streamviews.bench.ThreadCpuSamples.Interval;
import dev.streamviews.bench.ThreadCpuSamples.ThreadKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SlowestStretchTest {
  private static final long SECOND = 1_000_000_000L;
  private static final long MS = 1_000_000L;
  private static final ThreadKey STREAM_THREAD = new ThreadKey("processor", 11);
  private static final ThreadKey CLEANER = new ThreadKey("broker", 22);
  private static final ThreadKey HANDLER = new ThreadKey("broker", 33);
  private static final ThreadKey COMPILER = new ThreadKey("processor", 44);
  private static final Map<ThreadKey, String> NAMES = Map.of(STREAM_THREAD, "StreamThread-1", CLEANER, "kafka-log-cleaner-thread-0",
      HANDLER, "data-plane-kafka-request-handler-0", COMPILER, "C2 CompilerThread0");

  private static Probe probe(long ackedAt, long tookNanos) {
    Probe probe = new Probe("p" + ackedAt, true);
    probe.ackedAt = ackedAt;
    probe.visibleAt = ackedAt + tookNanos;
    return probe;
  }

  /** Four seconds: the cleaner and a compiler busy in the third, the stream thread steady. */
  private static List<Interval> fourSeconds() {
    return List.of(
        new Interval(0, SECOND, Map.of(STREAM_THREAD, 0.40, HANDLER, 0.10), Optional.of(0.30)),
        new Interval(SECOND, 2 * SECOND, Map.of(STREAM_THREAD, 0.40, HANDLER, 0.10, COMPILER, 0.02), Optional.of(0.30)),
        new Interval(2 * SECOND, 3 * SECOND, Map.of(STREAM_THREAD, 0.20, CLEANER, 0.90, HANDLER, 0.10, COMPILER, 0.30), Optional.of(0.95)),
        new Interval(3 * SECOND, 4 * SECOND, Map.of(STREAM_THREAD, 0.40, HANDLER, 0.10), Optional.of(0.30)));
  }

  @Test
  void namesTheSecondInWhichTheMostSlowProbesWaitedAndWhoHadTheCpuThen() {
    List<Probe> probes = new ArrayList<>();
    for (long at = 0; at < 4 * SECOND; at += 50 * MS) {
      probes.add(probe(at, 2 * MS));
    }
    probes.add(probe(500 * MS, 30 * MS)); // one slow probe in the first second
    probes.add(probe(2_100 * MS, 60 * MS)); // three in the third
    probes.add(probe(2_500 * MS, 40 * MS));
    probes.add(probe(2_980 * MS, 40 * MS)); // waits into the fourth second

    String text = SlowestStretch.describe(fourSeconds(), probes, 20 * MS, NAMES, 0);

    // Slow probes wait in seconds 0, 2 and 3: cores (30 + 95 + 30) / 3 % busy, compilers (0 + 0.30 + 0) / 3 cores.
    assertThat(text).isEqualTo("4 probes over 20 ms, waiting in 3 of the 4 seconds: in those cores 52 % busy and the compilers 0.10,"
        + " in the others cores 30 % busy and the compilers 0.02; most of them waiting 2-3 s into the span (3): cores 95 % busy;"
        + " busiest threads in cores (over the whole span): broker kafka-log-cleaner-thread-0 0.90 (0.23),"
        + " processor C2 CompilerThread0 0.30 (0.08), processor StreamThread-1 0.20 (0.35), broker data-plane-kafka-request-handler-0 0.10 (0.10)");
  }

  @Test
  void aProbeWaitingAcrossSecondsCountsInEachOfThem() {
    // Acknowledged in seconds 0, 1 and 2, one each; the one of second 1 is still waiting in second 2.
    List<Probe> probes = List.of(probe(200 * MS, 50 * MS), probe(1_500 * MS, 1_600 * MS), probe(2_200 * MS, 50 * MS));

    String text = SlowestStretch.describe(fourSeconds(), probes, 20 * MS, NAMES, 0);

    assertThat(text).startsWith("3 probes over 20 ms, waiting in 4 of the 4 seconds: ").contains("in the others none;")
        .contains("most of them waiting 2-3 s into the span (2)");
  }

  @Test
  void namesOnlyTheBusiestThreads() {
    java.util.Map<ThreadKey, Double> many = new java.util.HashMap<>();
    for (int tid = 1; tid <= 8; tid++) {
      many.put(new ThreadKey("broker", tid), tid / 10.0);
    }
    List<Interval> one = List.of(new Interval(0, SECOND, many, Optional.empty()));

    String text = SlowestStretch.describe(one, List.of(probe(0, 100 * MS)), 20 * MS, Map.of(), 0);

    assertThat(text).endsWith("cores' busy share not readable; busiest threads in cores (over the whole span): broker tid 8 0.80 (0.80),"
        + " broker tid 7 0.70 (0.70), broker tid 6 0.60 (0.60), broker tid 5 0.50 (0.50), broker tid 4 0.40 (0.40)");
  }

  @Test
  void saysSoWhenNoProbeWasSlow() {
    assertThat(SlowestStretch.describe(fourSeconds(), List.of(probe(0, 3 * MS)), 20 * MS, NAMES, 0)).isEqualTo("0 probes over 20 ms");
  }

  @Test
  void saysSoWhenThreadsWereNotSampled() {
    assertThat(SlowestStretch.describe(List.of(), List.of(probe(0, 30 * MS)), 20 * MS, NAMES, 0))
        .isEqualTo("1 probes over 20 ms; threads not sampled here");
  }
}
