package dev.streamviews.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.tools.ConsumerPerformance;
import org.apache.kafka.tools.EndToEndLatency;
import org.apache.kafka.tools.ProducerPerformance;

/**
 * Kafka's own load tools, run as their command lines would run them, their printed results read
 * back: in a JVM of their own where a figure's side of ours has one too (ProducerPerformance for A,
 * ConsumerPerformance for D), in this JVM otherwise. They are the references: nothing of ours runs
 * inside them.
 *
 * <p>A tool that does not complete (a run of ProducerPerformance once saw one batch go unanswered
 * for two minutes on a CI machine while every other batch was acknowledged) is run once more, and
 * the failed attempt is told on standard error: a reference that cannot finish says nothing about
 * our code, and a second failure still fails the run.
 */
final class KafkaTools {
  private static final Pattern PRODUCER_STEADY_STATE = Pattern.compile("(\\d+) steady state records sent, ([\\d.]+) records/sec");
  private static final Pattern LATENCY_PERCENTILES = Pattern.compile("Percentiles: 50th = (\\d+), 99th = (\\d+), 99\\.9th = (\\d+)");

  /** EndToEndLatency's result, in the whole milliseconds it prints. */
  record Latencies(long p50Millis, long p99Millis, long p999Millis) {}

  private KafkaTools() {}

  /**
   * {@code ProducerPerformance} in a JVM started for it, as {@code kafka-producer-perf-test} runs:
   * {@code warmUp} records first, then {@code records} more, and the records/s of those alone (its
   * steady-state line, timed from the first of them to the last acknowledgement).
   */
  static double producerPerformanceInANewJvm(String bootstrapServers, String topic, long warmUp, long records, int recordSize,
      List<String> producerProps, List<String> jvmOptions) {
    List<String> args = new ArrayList<>(List.of("--topic", topic, "--num-records", Long.toString(warmUp + records),
        "--warmup-records", Long.toString(warmUp), "--record-size", Integer.toString(recordSize), "--throughput", "-1",
        "--producer-props", "bootstrap.servers=" + bootstrapServers));
    args.addAll(producerProps);
    return withOneRetry("ProducerPerformance", () -> producerSteadyStateRecordsPerSecond(
        NewJvm.run("ProducerPerformance", jvmOptions, ProducerPerformance.class.getName(), args), records));
  }

  /**
   * The records/s of ProducerPerformance's steady-state line ({@code N steady state records sent,
   * X records/sec ...}), printed after the line for the whole run when it was given warm-up records.
   */
  static double producerSteadyStateRecordsPerSecond(String output, long records) {
    Matcher matcher = PRODUCER_STEADY_STATE.matcher(output);
    String sent = null;
    String rate = null;
    while (matcher.find()) {
      sent = matcher.group(1);
      rate = matcher.group(2);
    }
    if (sent == null || Long.parseLong(sent) != records) {
      throw new IllegalStateException("ProducerPerformance did not report " + records + " steady state records sent:\n" + output);
    }
    return Double.parseDouble(rate);
  }

  /**
   * {@code ConsumerPerformance} over the topics matching {@code include}, from the earliest record,
   * in a new group: records/s while fetching (its {@code fetch.nMsg.sec}, which leaves out joining
   * the group, as our figures leave out start-up).
   */
  static double consumerPerformance(String bootstrapServers, String include, long records, String group) {
    AtomicInteger attempt = new AtomicInteger();
    return withOneRetry("ConsumerPerformance", () -> consumerFetchRecordsPerSecond(captured(() -> ConsumerPerformance.main(new String[] {
        "--bootstrap-server", bootstrapServers, "--include", include, "--messages", Long.toString(records),
        // A second attempt reads from the start in a group of its own.
        "--group", group + (attempt.getAndIncrement() == 0 ? "" : "-again"), "--timeout", "60000"})), records));
  }

  /**
   * {@link #consumerPerformance} in a JVM started for it, as a process restoring its stores is: for
   * a read of a few seconds, how much of a JVM's code is compiled yet matters as much as the reading.
   */
  static double consumerPerformanceInANewJvm(String bootstrapServers, String include, long records, String group) {
    AtomicInteger attempt = new AtomicInteger();
    return withOneRetry("ConsumerPerformance", () -> consumerFetchRecordsPerSecond(NewJvm.run("ConsumerPerformance", List.of(),
        ConsumerPerformance.class.getName(), List.of("--bootstrap-server", bootstrapServers, "--include", include,
            "--messages", Long.toString(records), "--group", group + (attempt.getAndIncrement() == 0 ? "" : "-again"),
            "--timeout", "60000")), records));
  }

  /**
   * {@code EndToEndLatency}: {@code records} records of {@code recordSize} bytes, each sent with
   * {@code acks=all} and awaited, then polled for by a consumer; the latencies from send to receipt.
   */
  static Latencies endToEndLatency(String bootstrapServers, String topic, int records, int recordSize) {
    return withOneRetry("EndToEndLatency", () -> {
      AtomicInteger exitCode = new AtomicInteger();
      // Its main ends in Exit.exit, which must not end this JVM.
      Exit.setExitProcedure((code, message) -> exitCode.set(code));
      try {
        String output = captured(() -> EndToEndLatency.main("--bootstrap-server", bootstrapServers, "--topic", topic,
            "--num-records", Integer.toString(records), "--producer-acks", "all", "--record-size", Integer.toString(recordSize)));
        if (exitCode.get() != 0) {
          throw new IllegalStateException("EndToEndLatency exited with " + exitCode.get() + ":\n" + output);
        }
        return endToEndPercentiles(output);
      } finally {
        Exit.resetExitProcedure();
      }
    });
  }

  /** The percentiles of EndToEndLatency's last line ({@code Percentiles: 50th = 1, 99th = 3, 99.9th = 7}). */
  static Latencies endToEndPercentiles(String output) {
    Matcher matcher = LATENCY_PERCENTILES.matcher(output);
    if (!matcher.find()) {
      throw new IllegalStateException("no percentiles from EndToEndLatency:\n" + output);
    }
    return new Latencies(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)), Long.parseLong(matcher.group(3)));
  }

  private static <T> T withOneRetry(String tool, Supplier<T> run) {
    try {
      return run.get();
    } catch (IllegalStateException first) {
      System.err.println(tool + " did not complete; running it once more. What it printed:");
      System.err.println(first.getMessage());
      return run.get();
    }
  }

  /**
   * The {@code fetch.nMsg.sec} of ConsumerPerformance's result line, whose columns are start.time,
   * end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms,
   * fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec.
   */
  static double consumerFetchRecordsPerSecond(String output, long records) {
    List<String> lines = output.lines().filter(line -> !line.isBlank()).toList();
    for (int i = lines.size() - 1; i >= 0; i--) {
      String[] fields = lines.get(i).split(",\\s*");
      if (fields.length >= 10 && fields[4].trim().matches("\\d+")) {
        long consumed = Long.parseLong(fields[4].trim());
        if (consumed < records) {
          throw new IllegalStateException("ConsumerPerformance read " + consumed + " of " + records + " records:\n" + output);
        }
        return Double.parseDouble(fields[9].trim());
      }
    }
    throw new IllegalStateException("no result from ConsumerPerformance:\n" + output);
  }

  /**
   * Runs the tool with {@code System.out} and {@code System.err} captured together: the tools print
   * their results on one and their complaints on the other.
   */
  private static synchronized String captured(Runnable tool) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = System.out;
    PrintStream err = System.err;
    PrintStream both = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    System.setOut(both);
    System.setErr(both);
    try {
      tool.run();
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
