package dev.streamviews.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.tools.ConsumerPerformance;
import org.apache.kafka.tools.ProducerPerformance;

/**
 * Kafka's own load tools, run in this JVM as their command lines would run them, their printed
 * results read back. They are the references: nothing of ours runs inside them.
 */
final class KafkaTools {
  private static final Pattern PRODUCER_RESULT = Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec");

  private KafkaTools() {}

  /** {@code ProducerPerformance}: records/s for the whole run (its final line). */
  static double producerPerformance(String bootstrapServers, String topic, long records, int recordSize, List<String> producerProps) {
    List<String> args = new ArrayList<>(List.of("--topic", topic, "--num-records", Long.toString(records),
        "--record-size", Integer.toString(recordSize), "--throughput", "-1", "--producer-props", "bootstrap.servers=" + bootstrapServers));
    args.addAll(producerProps);
    String output = captured(() -> {
      try {
        ProducerPerformance.main(args.toArray(String[]::new));
      } catch (Exception e) {
        throw new IllegalStateException("ProducerPerformance failed: " + e, e);
      }
    });
    return producerRecordsPerSecond(output, records);
  }

  /** The records/s of ProducerPerformance's final line ({@code N records sent, X records/sec ...}). */
  static double producerRecordsPerSecond(String output, long records) {
    Matcher matcher = PRODUCER_RESULT.matcher(output);
    String sent = null;
    String rate = null;
    while (matcher.find()) {
      sent = matcher.group(1);
      rate = matcher.group(2);
    }
    if (sent == null || Long.parseLong(sent) != records) {
      throw new IllegalStateException("ProducerPerformance did not report " + records + " records sent:\n" + output);
    }
    return Double.parseDouble(rate);
  }

  /**
   * {@code ConsumerPerformance} over the topics matching {@code include}, from the earliest record,
   * in a new group: records/s while fetching (its {@code fetch.nMsg.sec}, which leaves out joining
   * the group, as our figures leave out start-up).
   */
  static double consumerPerformance(String bootstrapServers, String include, long records, String group) {
    String output = captured(() -> ConsumerPerformance.main(new String[] {"--bootstrap-server", bootstrapServers, "--include", include,
        "--messages", Long.toString(records), "--group", group, "--timeout", "60000"}));
    return consumerFetchRecordsPerSecond(output, records);
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

  /** Runs the tool with {@code System.out} captured: the tools print their results there. */
  private static synchronized String captured(Runnable tool) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = System.out;
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      tool.run();
    } finally {
      System.setOut(out);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
