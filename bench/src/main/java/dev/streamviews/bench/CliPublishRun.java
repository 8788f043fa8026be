package dev.streamviews.bench;

import dev.streamviews.producers.Cli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;

/**
 * Figure A's side of ours, run in a JVM of its own as {@code scripts/produce} is: the producer
 * CLI's entry point publishes generated orders once to warm up, then once more, measured, the way
 * ProducerPerformance's {@code --warmup-records} treats the reference. The measured run is timed
 * as the CLI times it (its {@code sent N records to T in S s} line: from when it began sending
 * until the last acknowledgement), as ProducerPerformance times its steady state, without the
 * start of a producer. Prints that line, read back by {@link #recordsPerSecond}.
 *
 * <p>The warm-up's records are deleted before the measured run (Kafka's deleteRecords), so the
 * topic holds the measured run's alone, as it would after a plain {@code scripts/produce}: figure
 * B's backlog starts with them. So the topic must be empty when this starts.
 *
 * <p>Arguments: bootstrap servers, schema registry URL, topic, warm-up records, measured records.
 */
final class CliPublishRun {
  private static final Pattern RESULT = Pattern.compile("sent (\\d+) records to \\S+ in ([\\d.]+) s");

  private CliPublishRun() {}

  public static void main(String[] args) {
    String bootstrapServers = args[0];
    String registry = args[1];
    String topic = args[2];
    long warmUp = Long.parseLong(args[3]);
    long records = Long.parseLong(args[4]);
    // Another seed than the measured run's, so the warm-up's orders are orders of their own.
    publish(bootstrapServers, registry, topic, warmUp, 7);
    deleteEverythingIn(bootstrapServers, topic);
    System.out.println(publish(bootstrapServers, registry, topic, records, 1));
  }

  /** The records/s of what {@link #main} printed. */
  static double recordsPerSecond(String output, long records) {
    Matcher matcher = RESULT.matcher(output);
    if (!matcher.find() || Long.parseLong(matcher.group(1)) != records) {
      throw new IllegalStateException("the CLI's run did not report " + records + " records sent:\n" + output);
    }
    return records / Double.parseDouble(matcher.group(2));
  }

  /** Deletes every record now in {@code topic}: each partition up to its end. */
  private static void deleteEverythingIn(String bootstrapServers, String topic) {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
      admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
          .forEach(partition -> ends.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest()));
      Map<TopicPartition, RecordsToDelete> upToTheEnd = new HashMap<>();
      admin.listOffsets(ends).all().get().forEach((partition, end) -> upToTheEnd.put(partition, RecordsToDelete.beforeOffset(end.offset())));
      admin.deleteRecords(upToTheEnd).all().get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot delete the warm-up's records of " + topic + ": " + e.getCause(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while deleting the warm-up's records", e);
    }
  }

  /** @return what the CLI printed */
  private static String publish(String bootstrapServers, String registry, String topic, long records, long seed) {
    List<String> args = new ArrayList<>(List.of("produce", topic, "--generate", Long.toString(records), "--seed", Long.toString(seed),
        "--bootstrap-servers", bootstrapServers, "--schema-registry", registry));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
    if (exit != 0) {
      throw new IllegalStateException(String.join(" ", args) + " failed: " + err);
    }
    return out.toString();
  }
}
