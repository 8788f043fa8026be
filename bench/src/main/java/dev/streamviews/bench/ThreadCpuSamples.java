package dev.streamviews.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The CPU of every thread of some JVMs, and how busy the machine's cores were, second by second
 * over a span (from {@code /proc}, Linux). {@link SpanCpu} says who used the CPU over a whole span;
 * a stall of a few seconds inside it needs to be seen second by second, and thread by thread: the
 * broker's log cleaner and its request handlers are one process, the processor's stream threads,
 * its producers' I/O threads and its state updaters another.
 */
final class ThreadCpuSamples implements AutoCloseable {
  static final Duration EVERY = Duration.ofSeconds(1);

  /** One thread of one of the JVMs. */
  record ThreadKey(String jvm, long tid) {}

  /** The counters at one moment. */
  record Sample(long atNanos, Map<ThreadKey, ThreadStat> threads, Optional<MachineCpu.Sample> machine) {}

  /** What happened between two samples: cores each thread kept busy, and the share of the machine's cores that was busy. */
  record Interval(long fromNanos, long toNanos, Map<ThreadKey, Double> cores, Optional<Double> machineBusyShare) {}

  private final Map<String, ProcessHandle> jvms;
  private final List<Sample> samples = new ArrayList<>();
  private ScheduledExecutorService sampler;

  /** @param jvms by the name to print them under */
  ThreadCpuSamples(Map<String, ProcessHandle> jvms) {
    this.jvms = new LinkedHashMap<>(jvms);
  }

  synchronized void start() {
    if (sampler != null) {
      return;
    }
    sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "thread-cpu-samples");
      thread.setDaemon(true);
      return thread;
    });
    sampler.scheduleAtFixedRate(this::sample, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Stops sampling after one last sample, so the span ends now. */
  void stop() {
    ScheduledExecutorService running;
    synchronized (this) {
      running = sampler;
    }
    if (running == null || running.isShutdown()) {
      return;
    }
    running.shutdown();
    try {
      running.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sample();
  }

  @Override
  public void close() {
    stop();
  }

  private void sample() {
    long at = System.nanoTime();
    Map<ThreadKey, ThreadStat> threads = new HashMap<>();
    jvms.forEach((name, jvm) -> ThreadStat.of(jvm).orElse(List.of()).forEach(thread -> threads.put(new ThreadKey(name, thread.tid()), thread)));
    Optional<MachineCpu.Sample> machine = MachineCpu.sample();
    synchronized (this) {
      samples.add(new Sample(at, threads, machine));
    }
  }

  synchronized List<Sample> samples() {
    return List.copyOf(samples);
  }

  /** The intervals between consecutive samples. */
  List<Interval> intervals() {
    return intervals(samples(), Runtime.getRuntime().availableProcessors());
  }

  static List<Interval> intervals(List<Sample> samples, int cores) {
    List<Interval> intervals = new ArrayList<>();
    for (int i = 1; i < samples.size(); i++) {
      Sample from = samples.get(i - 1);
      Sample to = samples.get(i);
      double seconds = Math.max(1e-9, (to.atNanos() - from.atNanos()) / 1e9);
      Map<ThreadKey, Double> used = new HashMap<>();
      to.threads().forEach((key, thread) -> {
        // A thread born within the interval used all its ticks in it.
        long before = from.threads().containsKey(key) ? from.threads().get(key).ticks() : 0;
        long ticks = thread.ticks() - before;
        if (ticks > 0) {
          used.put(key, ticks / (double) ThreadStat.TICKS_PER_SECOND / seconds);
        }
      });
      Optional<Double> busy = from.machine().flatMap(a -> to.machine().map(b -> MachineCpu.between(a, b, cores).busyShare()));
      intervals.add(new Interval(from.atNanos(), to.atNanos(), used, busy));
    }
    return intervals;
  }

  /** Each thread's cores over all the intervals together: the CPU time it used over the span they cover, per second. */
  static Map<ThreadKey, Double> averageCores(List<Interval> intervals) {
    Map<ThreadKey, Double> coreSeconds = new HashMap<>();
    double seconds = 0;
    for (Interval interval : intervals) {
      double length = (interval.toNanos() - interval.fromNanos()) / 1e9;
      seconds += length;
      interval.cores().forEach((key, cores) -> coreSeconds.merge(key, cores * length, Double::sum));
    }
    double total = Math.max(1e-9, seconds);
    Map<ThreadKey, Double> average = new HashMap<>();
    coreSeconds.forEach((key, used) -> average.put(key, used / total));
    return average;
  }

  /** The {@code limit} threads that kept the most cores busy, busiest first. */
  static List<Map.Entry<ThreadKey, Double>> busiest(Map<ThreadKey, Double> cores, int limit) {
    return cores.entrySet().stream().sorted(Map.Entry.<ThreadKey, Double>comparingByValue().reversed()).limit(limit).toList();
  }

  /** {@code processor StateUpdater-1 0.81, processor C2 CompilerThread0 0.35}: the busiest threads over all the intervals. */
  static String busiestOverSpan(List<Interval> intervals, Map<ThreadKey, String> names, int limit) {
    StringJoiner busiest = new StringJoiner(", ");
    busiest(averageCores(intervals), limit).forEach(used -> busiest.add(String.format(Locale.ROOT, "%s %s %.2f", used.getKey().jvm(),
        names.getOrDefault(used.getKey(), "tid " + used.getKey().tid()), used.getValue())));
    return busiest.length() == 0 ? "no thread used CPU" : busiest.toString();
  }

  /**
   * Each thread's name: the JVM's own, from a thread dump taken now, else the kernel's 15 characters
   * (a thread that ended before the dump). Takes the dumps, so call it once measuring is over.
   */
  Map<ThreadKey, String> names() {
    Map<ThreadKey, String> names = new HashMap<>();
    Map<String, Map<Long, String>> dumps = new HashMap<>();
    jvms.forEach((name, jvm) -> dumps.put(name, ThreadNames.of(jvm)));
    for (Sample sample : samples()) {
      sample.threads().forEach((key, thread) -> names.putIfAbsent(key,
          dumps.getOrDefault(key.jvm(), Map.of()).getOrDefault(key.tid(), thread.shortName())));
    }
    return names;
  }

  /**
   * One line per thread and interval it used CPU in: when (seconds since {@code originNanos}, the
   * span's start, and the wall clock), which JVM and thread, how many cores.
   */
  static void writeSeries(Path file, List<Interval> intervals, Map<ThreadKey, String> names, long originNanos) {
    List<String> lines = new ArrayList<>(List.of("seconds_into_span,wall_clock,jvm,thread,tid,cores,machine_busy_share"));
    long epochNanosAtNanoZero = System.currentTimeMillis() * 1_000_000 - System.nanoTime();
    for (Interval interval : intervals) {
      String busy = interval.machineBusyShare().map(share -> String.format(Locale.ROOT, "%.3f", share)).orElse("");
      interval.cores().entrySet().stream().sorted(Map.Entry.<ThreadKey, Double>comparingByValue().reversed()).forEach(used -> lines.add(
          String.format(Locale.ROOT, "%.3f,%s,%s,%s,%d,%.3f,%s", (interval.fromNanos() - originNanos) / 1e9,
              Instant.ofEpochSecond(0, epochNanosAtNanoZero + interval.fromNanos()), quoted(used.getKey().jvm()),
              quoted(names.getOrDefault(used.getKey(), "?")), used.getKey().tid(), used.getValue(), busy)));
    }
    try {
      Files.write(file, lines);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A CSV field: JVM and thread names hold commas ("bench (load, probes)"). */
  private static String quoted(String field) {
    return '"' + field.replace("\"", "\"\"") + '"';
  }
}
