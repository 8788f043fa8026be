package dev.streamviews.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamviews.checker.CheckReport;
import dev.streamviews.checker.InputReader;
import dev.streamviews.checker.ViewChecker;
import dev.streamviews.checker.ViewServiceClient;
import dev.streamviews.fixtures.LocalClusterExtension;
import dev.streamviews.it.Pipeline.CliRun;
import dev.streamviews.schemas.topics.Topic;
import dev.streamviews.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code replay reset} on the running pipeline: it refuses while processors run, its dry run
 * changes nothing, a reset to a datetime reprocesses exactly the records from then on (counted here
 * by reading every input record), and a reset to the earliest record rebuilds every view; after
 * each restart the checker finds every view right.
 */
@ExtendWith({LocalClusterExtension.class, PipelineExtension.class})
class ResetIT {
  private static final Pattern REPROCESSED = Pattern.compile("([\\d,]+) records will be reprocessed");
  private final Pipeline pipeline;

  ResetIT(Pipeline pipeline) {
    this.pipeline = pipeline;
  }

  @Test
  void resetsToADatetimeThenToTheEarliestRecordAndTheViewsAreRebuiltRight() throws Exception {
    CliRun produce = pipeline.produce("all", "--generate", "6000", "--seed", "5150");
    assertThat(produce.exitCode()).as(produce.err()).isZero();
    pipeline.awaitInputsProcessed(Duration.ofSeconds(120));
    // The serving version's application: version 1's, unless a rebuild ran before this test.
    String app = pipeline.inputs().version().applicationId();

    CliRun whileRunning = pipeline.replay("reset", "--app", app, "--to-earliest");
    assertThat(whileRunning.exitCode()).isEqualTo(1);
    assertThat(whileRunning.err()).contains("refusing to reset " + app, "3 instance(s)",
        pipeline.processors.get(0).queryEndpoint().replace(':', '-'));
    CliRun forcedWhileRunning = pipeline.replay("reset", "--app", app, "--to-earliest", "--force");
    assertThat(forcedWhileRunning.exitCode()).isEqualTo(1);
    assertThat(forcedWhileRunning.err()).contains("refusing to remove instance", "so it still runs");

    List<ConsumerRecord<byte[], byte[]>> records = allInputRecords();
    Instant cut = cutLeavingAnOrderBehind(records);
    pipeline.stopProcessors();
    try {
      // Stopped, the processors' static members stay in the group until their sessions time out.
      CliRun forcedDryRun = pipeline.replay("reset", "--app", app, "--to-earliest", "--force", "--dry-run");
      assertThat(forcedDryRun.exitCode()).as(forcedDryRun.err()).isZero();
      assertThat(forcedDryRun.out()).containsPattern("would remove \\d+ member\\(s\\) of 3 stopped instance\\(s\\)")
          .contains("Dry run: nothing changed");
      assertThat(pipeline.groupMembers(app)).as("members after a dry run with --force").isPositive();
      pipeline.awaitGroupEmpty(app, Duration.ofSeconds(60));
      Map<TopicPartition, OffsetAndMetadata> committedBefore = committed(app);
      Set<String> topicsBefore = internalTopics(app);

      CliRun dryRun = pipeline.replay("reset", "--app", app, "--to-datetime", cut.toString(), "--dry-run");
      assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
      assertThat(dryRun.out()).contains("Plan (dry run) to reset", "StreamsResetter (dry run) says", "Dry run: nothing changed.");
      assertThat(committed(app)).as("offsets after a dry run").isEqualTo(committedBefore);
      assertThat(internalTopics(app)).as("internal topics after a dry run").isEqualTo(topicsBefore).isNotEmpty();

      Map<TopicPartition, Long> ends = inputEndOffsets();
      CliRun toDatetime = pipeline.replay("reset", "--app", app, "--to-datetime", cut.toString());
      assertThat(toDatetime.exitCode()).as(toDatetime.err()).isZero();
      FromCut expected = fromCut(records, cut);
      assertThat(reprocessedCount(toDatetime.out())).as("records said to be reprocessed, counted by offset")
          .isEqualTo(expected.offsetsTo(ends));
      assertThat(expected.records()).isBetween(1L, records.size() - 1L).isLessThanOrEqualTo(expected.offsetsTo(ends));
      assertThat(internalTopics(app)).as("internal topics after the reset").isEmpty();
    } finally {
      pipeline.startProcessors(Duration.ofSeconds(240));
    }
    pipeline.awaitInputsProcessed(Duration.ofSeconds(240));
    FromCut fromCut = fromCut(allInputRecords(), cut);
    InputReader reader = pipeline.inputs();
    assertThat(reader.version().processedFrom()).contains(cut);
    CheckReport afterDatetime = new ViewChecker(new ViewServiceClient(pipeline.viewService))
        .check(reader.readAll(), reader::readLateLines, Duration.ofSeconds(120));
    assertThat(afterDatetime.mismatches())
        .as(() -> "views built from " + cut + SkuSalesDiagnosis.of(pipeline.cluster.bootstrapServers(), reader.version(), afterDatetime.mismatches()))
        .isEmpty();
    String forgotten = fromCut.orderOnlyBeforeCut().orElseThrow();
    assertThat(ViewServiceCalls.answer(pipeline.viewService, "/views/order-status/" + forgotten).status())
        .as("an order whose events all came before the cut is not in the rebuilt view").isEqualTo(404);

    pipeline.stopProcessors();
    try {
      // Input topics keep every record, so from the earliest record means from offset 0.
      long offsets = inputEndOffsets().values().stream().mapToLong(Long::longValue).sum();
      // Without waiting for the stopped processors' sessions to time out: --force removes their members.
      CliRun toEarliest = pipeline.replay("reset", "--app", app, "--to-earliest", "--force");
      assertThat(toEarliest.exitCode()).as(toEarliest.err()).isZero();
      assertThat(toEarliest.out()).containsPattern("removing \\d+ member\\(s\\) of 3 stopped instance\\(s\\)");
      assertThat(pipeline.groupMembers(app)).as("members after a reset with --force").isZero();
      assertThat(reprocessedCount(toEarliest.out())).as("records said to be reprocessed, counted by offset").isEqualTo(offsets)
          .isGreaterThanOrEqualTo(allInputRecords().size());
    } finally {
      pipeline.startProcessors(Duration.ofSeconds(240));
    }
    pipeline.awaitInputsProcessed(Duration.ofSeconds(240));
    InputReader all = pipeline.inputs();
    assertThat(all.version().processedFrom()).isEmpty();
    CheckReport afterEarliest = new ViewChecker(new ViewServiceClient(pipeline.viewService))
        .check(all.readAll(), all::readLateLines, Duration.ofSeconds(120));
    assertThat(afterEarliest.mismatches())
        .as(() -> "views rebuilt from the earliest record" + SkuSalesDiagnosis.of(pipeline.cluster.bootstrapServers(), all.version(), afterEarliest.mismatches()))
        .isEmpty();
    assertThat(ViewServiceCalls.answer(pipeline.viewService, "/views/order-status/" + forgotten).status()).isEqualTo(200);
  }

  @Test
  void anUnknownApplicationIsOneLineAndChangesNothing() {
    CliRun run = pipeline.replay("reset", "--app", "no-such-app", "--to-earliest");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().strip()).isEqualTo("replay reset: unknown application 'no-such-app': Kafka at "
        + pipeline.cluster.bootstrapServers() + " has no consumer group and no internal topics of that name");
  }

  /**
   * What a reset to the cut must reprocess: per partition, the first offset to reprocess, where
   * Kafka's offsetsForTimes puts it (the tool's {@code --to-datetime} and the checker go by it); how
   * many records that is, read one by one; and an order whose every event comes before those offsets.
   * Asked of the broker rather than found by reading the records, because the broker counts what
   * a read_committed consumer never sees: a transaction's commit marker has an offset and a timestamp
   * of its own (when it was written), and so does an aborted record; where {@code replay dlq} left
   * one stamped after the cut, the reset starts there (1,575 offsets against 651 found by reading).
   */
  private record FromCut(Map<TopicPartition, Long> firstOffsets, long records, java.util.Optional<String> orderOnlyBeforeCut) {
    /**
     * The offsets from the cut to the ends: what the reset tool counts, without reading records. A
     * topic written in transactions ({@code replay dlq} writes so) holds a commit marker at an offset
     * of its own after each transaction, so this may exceed the records.
     */
    long offsetsTo(Map<TopicPartition, Long> ends) {
      return firstOffsets.entrySet().stream().mapToLong(first -> ends.get(first.getKey()) - first.getValue()).sum();
    }
  }

  private FromCut fromCut(List<ConsumerRecord<byte[], byte[]>> records, Instant cut) throws ExecutionException, InterruptedException {
    // A partition with nothing stamped at or after the cut is reset to its end: nothing of it is reprocessed.
    Map<TopicPartition, Long> firstAtOrAfter = offsetsAt(cut);
    long count = 0;
    Set<String> keysFromCut = new HashSet<>();
    List<String> ordersBefore = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      Long first = firstAtOrAfter.get(new TopicPartition(record.topic(), record.partition()));
      String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
      if (first != null && record.offset() >= first) {
        count++;
        keysFromCut.add(key);
      } else if (record.topic().equals(Topics.ORDERS.name()) && key != null) {
        ordersBefore.add(key);
      }
    }
    return new FromCut(firstAtOrAfter, count, ordersBefore.stream().filter(key -> !keysFromCut.contains(key)).findFirst());
  }

  /**
   * A time to reset to that leaves an order behind, to show the reset forgets it: the median of the
   * records' timestamps, or a later one. A reset moves each partition to its first offset stamped at
   * or after the cut, and tests that ran before this one may have put records stamped later than the
   * median (with the wall clock, say) near the start of every orders partition: from the median,
   * every order after them would be reprocessed and none left behind. A later cut passes them.
   */
  private Instant cutLeavingAnOrderBehind(List<ConsumerRecord<byte[], byte[]>> records) throws ExecutionException, InterruptedException {
    long[] timestamps = records.stream().mapToLong(ConsumerRecord::timestamp).sorted().toArray();
    Instant cut = null;
    for (double quantile : new double[] {0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 1.0}) {
      cut = Instant.ofEpochMilli(timestamps[Math.min(timestamps.length - 1, (int) (timestamps.length * quantile))]);
      if (fromCut(records, cut).orderOnlyBeforeCut().isPresent()) {
        return cut;
      }
    }
    return cut;
  }

  private static long reprocessedCount(String out) {
    Matcher matcher = REPROCESSED.matcher(out);
    assertThat(matcher.find()).as(out).isTrue();
    return Long.parseLong(matcher.group(1).replace(",", ""));
  }

  private Map<TopicPartition, OffsetAndMetadata> committed(String app) throws ExecutionException, InterruptedException {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.cluster.bootstrapServers()))) {
      return admin.listConsumerGroupOffsets(app).partitionsToOffsetAndMetadata().get();
    }
  }

  private Map<TopicPartition, Long> inputEndOffsets() throws ExecutionException, InterruptedException {
    return inputOffsets(OffsetSpec.latest());
  }

  /** Per input partition, the first offset stamped at or after the time (offsetsForTimes), where there is one. */
  private Map<TopicPartition, Long> offsetsAt(Instant time) throws ExecutionException, InterruptedException {
    return inputOffsets(OffsetSpec.forTimestamp(time.toEpochMilli()));
  }

  /** The broker's answer for every input partition; a partition it has no offset for is left out. */
  private Map<TopicPartition, Long> inputOffsets(OffsetSpec spec) throws ExecutionException, InterruptedException {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.cluster.bootstrapServers()))) {
      Map<TopicPartition, OffsetSpec> request = new HashMap<>();
      for (Topic<?> topic : Topics.inputs()) {
        for (int partition = 0; partition < topic.partitions(); partition++) {
          request.put(new TopicPartition(topic.name(), partition), spec);
        }
      }
      Map<TopicPartition, Long> offsets = new HashMap<>();
      admin.listOffsets(request).all().get().forEach((partition, info) -> {
        if (info.offset() >= 0) {
          offsets.put(partition, info.offset());
        }
      });
      return offsets;
    }
  }

  private Set<String> internalTopics(String app) throws ExecutionException, InterruptedException {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.cluster.bootstrapServers()))) {
      Set<String> internal = new HashSet<>();
      for (String topic : admin.listTopics().names().get()) {
        if (topic.startsWith(app + "-")) {
          internal.add(topic);
        }
      }
      return internal;
    }
  }

  private List<ConsumerRecord<byte[], byte[]>> allInputRecords() {
    return TopicContents.readAll(pipeline.cluster.bootstrapServers(), Topics.inputs().stream().map(Topic::name).toList());
  }
}
