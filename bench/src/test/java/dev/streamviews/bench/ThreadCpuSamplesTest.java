package dev.streamviews.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.streamviews.bench.ThreadCpuSamples.Interval;
import dev.streamviews.bench.ThreadCpuSamples.Sample;
import dev.streamviews.bench.ThreadCpuSamples.ThreadKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThreadCpuSamplesTest {
  private static final long SECOND = 1_000_000_000L;
  private static final ThreadKey OLD = new ThreadKey("broker", 1);
  private static final ThreadKey NEW = new ThreadKey("broker", 2);

  @Test
  void turnsTicksBetweenSamplesIntoCoresPerThread() {
    Sample first = new Sample(0, Map.of(OLD, new ThreadStat(1, "kafka-log-clean", 1_000)), Optional.of(new MachineCpu.Sample(0, 0, 0)));
    Sample second = new Sample(2 * SECOND, Map.of(OLD, new ThreadStat(1, "kafka-log-clean", 1_150), NEW, new ThreadStat(2, "data-plane-kafk", 40)),
        Optional.of(new MachineCpu.Sample(300, 100, 0)));

    List<Interval> intervals = ThreadCpuSamples.intervals(List.of(first, second), 2);

    assertThat(intervals).hasSize(1);
    Interval interval = intervals.get(0);
    // 150 ticks of 10 ms over 2 s; a thread born in the interval used all of its 40 ticks in it.
    assertThat(interval.cores().get(OLD)).isCloseTo(0.75, within(1e-9));
    assertThat(interval.cores().get(NEW)).isCloseTo(0.20, within(1e-9));
    assertThat(interval.machineBusyShare()).hasValueSatisfying(share -> assertThat(share).isCloseTo(0.75, within(1e-9)));
  }

  @Test
  void leavesOutThreadsThatUsedNothing() {
    Sample first = new Sample(0, Map.of(OLD, new ThreadStat(1, "idle", 500)), Optional.empty());
    Sample second = new Sample(SECOND, Map.of(OLD, new ThreadStat(1, "idle", 500)), Optional.empty());

    Interval interval = ThreadCpuSamples.intervals(List.of(first, second), 2).get(0);

    assertThat(interval.cores()).isEmpty();
    assertThat(interval.machineBusyShare()).isEmpty();
  }

  @Test
  void averagesEachThreadOverTheWholeSpanWeighingIntervalsByLength() {
    // One second with OLD at a full core, then two with it idle and NEW at half a core.
    List<Interval> intervals = List.of(new Interval(0, SECOND, Map.of(OLD, 1.0), Optional.empty()),
        new Interval(SECOND, 3 * SECOND, Map.of(NEW, 0.5), Optional.empty()));

    Map<ThreadKey, Double> average = ThreadCpuSamples.averageCores(intervals);

    assertThat(average.get(OLD)).isCloseTo(1.0 / 3, within(1e-9));
    assertThat(average.get(NEW)).isCloseTo(1.0 / 3, within(1e-9));
  }

  @Test
  void namesTheBusiestThreadsOverASpanBusiestFirst() {
    ThreadKey restoring = new ThreadKey("processor", 3);
    ThreadKey compiler = new ThreadKey("processor", 4);
    List<Interval> intervals = List.of(new Interval(0, SECOND, Map.of(OLD, 0.1, restoring, 0.9, compiler, 0.5), Optional.empty()),
        new Interval(SECOND, 2 * SECOND, Map.of(OLD, 0.1, restoring, 0.7, compiler, 0.1), Optional.empty()));

    String text = ThreadCpuSamples.busiestOverSpan(intervals, Map.of(restoring, "StateUpdater-1", compiler, "C2 CompilerThread0"), 2);

    assertThat(text).isEqualTo("processor StateUpdater-1 0.80, processor C2 CompilerThread0 0.30");
    assertThat(ThreadCpuSamples.busiestOverSpan(intervals, Map.of(), 3)).endsWith(", broker tid 1 0.10");
    assertThat(ThreadCpuSamples.busiestOverSpan(List.of(), Map.of(), 3)).isEqualTo("no thread used CPU");
  }

  @Test
  void seesABusyThreadOfThisJvmByItsFullName(@TempDir Path dir) throws Exception {
    if (!Files.isDirectory(Path.of("/proc/self/task"))) {
      return; // not Linux: nothing to sample, which the figure's line then says
    }
    AtomicBoolean spinning = new AtomicBoolean(true);
    Thread spinner = new Thread(() -> {
      long x = 0;
      while (spinning.get()) {
        x += System.nanoTime() % 7;
      }
      if (x == 42) {
        System.out.print("");
      }
    }, "thread-cpu-samples-test-spinner");
    spinner.setDaemon(true);
    ThreadCpuSamples samples = new ThreadCpuSamples(Map.of("bench", ProcessHandle.current()));
    spinner.start();
    samples.start();
    // Three samples make two whole intervals in which the spinner ran.
    Awaitility.await("three samples").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
        .until(() -> samples.samples().size() >= 3);
    samples.stop();
    Map<ThreadKey, String> names = samples.names();
    spinning.set(false);
    List<Interval> intervals = samples.intervals();

    assertThat(intervals).hasSizeGreaterThanOrEqualTo(2);
    ThreadKey spinnerKey = names.entrySet().stream().filter(name -> name.getValue().equals("thread-cpu-samples-test-spinner"))
        .map(Map.Entry::getKey).findFirst().orElseThrow();
    double most = intervals.stream().mapToDouble(interval -> interval.cores().getOrDefault(spinnerKey, 0.0)).max().orElse(0);
    assertThat(most).as("cores the spinning thread kept busy in its best second").isGreaterThan(0.3);

    Path csv = dir.resolve("threads.csv");
    ThreadCpuSamples.writeSeries(csv, intervals, names, intervals.get(0).fromNanos());
    assertThat(Files.readAllLines(csv)).anyMatch(line -> line.contains(",\"bench\",\"thread-cpu-samples-test-spinner\","));
  }
}
