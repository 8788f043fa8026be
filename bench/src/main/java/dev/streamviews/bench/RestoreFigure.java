package dev.streamviews.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Figure D: the exactly-once instance, restarted on a wiped state directory, restoring its stores
 * from their changelogs: changelog records restored per second (its own count, from the first
 * record restored to the last moment a partition was restoring), against {@code ConsumerPerformance}
 * reading as many records of the same changelogs in a JVM of its own. The line ends with where the
 * CPU went over the restore, and its busiest threads.
 */
final class RestoreFigure {
  private static final Duration POLL = Duration.ofMillis(50);

  private RestoreFigure() {}

  /** @param processor just started on a wiped state directory; it is left running, restored */
  static Figure measure(BenchRun run, GroupProgress kafka, ProcessorProcess processor) throws InterruptedException {
    // Where the CPU went while restoring, and thread by thread: the threads restoring, RocksDB's own
    // (flushing and compacting), the JIT compilers of a JVM started seconds before, the broker serving.
    Map<String, ProcessHandle> jvms = new LinkedHashMap<>();
    jvms.put("processor", processor.handle());
    jvms.put("broker", run.broker());
    SpanCpu cpu = new SpanCpu(jvms);
    ThreadCpuSamples threads = new ThreadCpuSamples(jvms);
    long firstAt = 0;
    long firstRestored = 0;
    long restored = -1;
    long endAt = 0;
    long startedAt = System.nanoTime();
    long deadline = startedAt + Duration.ofMinutes(run.quick() ? 5 : 20).toNanos();
    while (System.nanoTime() < deadline && processor.alive()) {
      Optional<JsonNode> report = processor.readiness();
      long now = System.nanoTime();
      if (report.isPresent()) {
        long restoredNow = report.get().path("recordsRestored").asLong();
        if (firstAt == 0 && restoredNow > 0) {
          firstAt = now;
          firstRestored = restoredNow;
          cpu.start();
          threads.start();
        }
        // The group may hand out tasks in more than one rebalance, so "nothing restoring" can be
        // seen between two rounds of restoring: the restore ends at the last moment something was
        // restoring, and is known to be over once the instance is ready.
        boolean restoring = report.get().path("partitionsRestoring").asInt() > 0;
        if (restoring || (endAt == 0 && restoredNow > 0)) {
          endAt = now;
        }
        if (restoredNow > 0 && "UP".equals(report.get().path("status").asText())) {
          restored = restoredNow;
          cpu.stop();
          threads.stop();
          break;
        }
      }
      Thread.sleep(POLL.toMillis());
    }
    if (restored <= 0) {
      throw new IllegalStateException("the processor restored nothing (see processor-restore.log)");
    }
    // A small restore can end between two looks: then time it from the start of the JVM, a lower bound.
    boolean timed = restored > firstRestored;
    double ours = timed ? (restored - firstRestored) / ((endAt - firstAt) / 1e9) : restored / ((endAt - startedAt) / 1e9);
    String used = restoringCpu(run, cpu, threads, firstAt);
    List<String> changelogs = kafka.topicsMatching("bench-eos-.*-changelog");
    // The reference reads in a JVM of its own too: a restore lasts seconds, and a profile of one had
    // the restoring JVM's compiler threads using three times the CPU of the thread restoring.
    double reference = KafkaTools.consumerPerformanceInANewJvm(run.cluster().bootstrapServers(), "bench-eos-.*-changelog", restored,
        "bench-consumer-performance-changelogs");
    return new Figure("D. restore", ours, reference, "records/s", 0.5,
        String.format("%,d changelog records of %d changelog topics, after wiping the local state; the reference in a new JVM too%s;"
                + " from the first record restored until ready %s", restored, changelogs.size(),
            timed ? "" : "; restore ended between two looks, so ours is a lower bound", used));
  }

  /**
   * The machine's and the JVMs' CPU over the restore, and its busiest threads (every thread's CPU,
   * second by second, goes to {@code restore-threads.csv}). Takes the thread dumps that name them,
   * so call it once the restore is over.
   */
  private static String restoringCpu(BenchRun run, SpanCpu cpu, ThreadCpuSamples threads, long firstAt) {
    String used = cpu.used();
    List<ThreadCpuSamples.Interval> intervals = threads.intervals();
    if (!cpu.measured() || intervals.isEmpty()) {
      return used;
    }
    Map<ThreadCpuSamples.ThreadKey, String> names = threads.names();
    ThreadCpuSamples.writeSeries(run.workDir().resolve("restore-threads.csv"), intervals, names, firstAt);
    return used + "; busiest threads in cores: " + ThreadCpuSamples.busiestOverSpan(intervals, names, SlowestStretch.BUSIEST)
        + " (every second's threads in restore-threads.csv)";
  }
}
