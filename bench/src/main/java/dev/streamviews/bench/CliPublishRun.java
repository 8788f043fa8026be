package dev.streamviews.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Figure A's side of ours, run in a JVM of its own as {@code scripts/produce} is: the producer
 * CLI's entry point publishes generated orders once to warm up, then once more, measured, the way
 * ProducerPerformance's {@code --warmup-records} treats the reference. The measured run is timed
 * as the CLI times it (its {@code sent N records to T in S s} line: from when it began sending
 * until the last acknowledgement), as ProducerPerformance times its steady state, without the
 * start of a producer. Prints that line, read back by {@link #recordsPerSecond}, and the CPU time
 * the measured run took, its sending thread's and the whole JVM's, read back by {@link #cpu}.
 *
 * <p>The warm-up's records are deleted before the measured run (Kafka's deleteRecords), so the
 * topic holds the measured run's alone, as it would after a plain {@code scripts/produce}: figure
 * B's backlog starts with them. So the topic must be empty when this starts.
 *
 * <p>Arguments: bootstrap servers, schema registry URL, topic, warm-up records, measured records.
 */
final class CliPublishRun {
  private static final Pattern RESULT = Pattern.compile("sent (\\d+) records to \\S+ in ([\\d.]+) s");
  private static final Pattern CPU = Pattern.compile("cpu of the measured run: sending thread (\\d+) ms, JVM (\\d+) ms");

  private CliPublishRun() {}

  public static void main(String[] args) {
    String bootstrapServers = args[0];
    String registry = args[1];
    String topic = args[2];
    long warmUp = Long.parseLong(args[3]);
    long records = Long.parseLong(args[4]);
    // Another seed than the measured run's, so the warm-up's orders are orders of their own.
    publish(bootstrapServers, registry, topic, warmUp, 7);
    try (GroupProgress kafka = new GroupProgress(bootstrapServers)) {
      kafka.deleteAllRecords(List.of(topic));
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    CpuMeter jvm = new CpuMeter(Map.of("jvm", ProcessHandle.current()));
    long threadBefore = threads.getCurrentThreadCpuTime();
    jvm.start();
    String measured = publish(bootstrapServers, registry, topic, records, 1);
    long threadCpu = threads.getCurrentThreadCpuTime() - threadBefore;
    long jvmCpuMillis = jvm.stop().get("jvm").toMillis();
    System.out.println(measured);
    // The CLI sends from the thread that calls it: this one. On two cores shared with the broker, a
    // rate is mostly a matter of CPU per record; this says what the CLI spent on one.
    System.out.printf("cpu of the measured run: sending thread %d ms, JVM %d ms%n", threadCpu / 1_000_000, jvmCpuMillis);
  }

  /** CPU time of the measured run, as {@link #main} printed it. */
  record Cpu(Duration sendingThread, Duration jvm) {}

  /** The CPU time of the measured run that {@link #main} printed. */
  static Cpu cpu(String output) {
    Matcher matcher = CPU.matcher(output);
    if (!matcher.find()) {
      throw new IllegalStateException("the CLI's run did not report its CPU time:\n" + output);
    }
    return new Cpu(Duration.ofMillis(Long.parseLong(matcher.group(1))), Duration.ofMillis(Long.parseLong(matcher.group(2))));
  }

  /** The records/s of what {@link #main} printed. */
  static double recordsPerSecond(String output, long records) {
    Matcher matcher = RESULT.matcher(output);
    if (!matcher.find() || Long.parseLong(matcher.group(1)) != records) {
      throw new IllegalStateException("the CLI's run did not report " + records + " records sent:\n" + output);
    }
    return records / Double.parseDouble(matcher.group(2));
  }

  /** @return what the CLI printed */
  private static String publish(String bootstrapServers, String registry, String topic, long records, long seed) {
    return BenchRun.cli(List.of("produce", topic, "--generate", Long.toString(records), "--seed", Long.toString(seed),
        "--bootstrap-servers", bootstrapServers, "--schema-registry", registry));
  }
}
