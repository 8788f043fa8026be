package dev.streamviews.bench;

import dev.streamviews.producers.publish.EventPublisher;
import dev.streamviews.schemas.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Figure A: generated Avro orders published through the producer CLI's own code path (generate,
 * serialize, send, wait for every acknowledgement), against {@code ProducerPerformance} sending
 * records of the same value size with the same acks, linger, batch size and compression; each in a
 * JVM of its own (the CLI's with the options {@code scripts/produce} gives it), after an unmeasured
 * warm-up of as many records in it.
 */
final class PublishFigure {
  static final String REFERENCE_TOPIC = "bench.producer-performance";
  /** What EventPublisher sets when it publishes as fast as it can, said again to ProducerPerformance. */
  /** JVM options for both sides' JVMs, {@code {log}} standing for publish-ours or publish-reference (for profiling). */
  static final String OPTIONS = "STREAMVIEWS_BENCH_PUBLISH_OPTS";
  /**
   * What {@code scripts/produce} gives the CLI's JVM, so the CLI is measured as it runs (a test
   * checks the script): the throughput collector (docs/BENCHMARKS.md, A, for what it was measured to save).
   */
  static final List<String> CLI_JVM_OPTIONS = List.of("-XX:+UseParallelGC");
  private static final Pattern COLLECTOR = Pattern.compile("-XX:\\+Use\\w*GC");
  private static final List<String> SAME_SETTINGS = List.of("acks=all", "enable.idempotence=true",
      "linger.ms=" + EventPublisher.BULK_LINGER_MS, "batch.size=131072", "compression.type=none");

  private PublishFigure() {}

  static Figure measure(BenchRun run) throws Exception {
    // A quick run keeps B's backlog, which starts with these orders, small: the whole run in two to three minutes.
    long records = run.quick() ? 30_000 : 1_000_000;
    // As many records again to warm up: with a quarter as many, the CLI was still being compiled
    // while it was measured (docs/BENCHMARKS.md, A); with twice as many it was no faster.
    long warmUp = records;
    String orders = Topics.ORDERS.name();
    String bootstrapServers = run.cluster().bootstrapServers();
    try (GroupProgress kafka = new GroupProgress(bootstrapServers)) {
      try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
        admin.createTopics(List.of(new NewTopic(REFERENCE_TOPIC, Topics.PARTITIONS, (short) 1))).all().get();
      }
      // Each side runs in a JVM of its own, as scripts/produce and kafka-producer-perf-test do, and
      // warms up in it before it is measured. In one JVM they shared the Kafka producer's code: the
      // reference's records (no key, no header, another serializer) made the code compiled for ours
      // be thrown away and compiled again while ours was measured, and whichever went second found it
      // compiled for both (docs/BENCHMARKS.md, A). The CLI's run deletes its warm-up's orders before
      // it is measured: B's backlog starts with the measured million.
      if (kafka.records(List.of(orders)) != 0) {
        throw new IllegalStateException("figure A runs first, on an empty " + orders);
      }
      // Each JVM's whole life, warm-up included, read as the kernel counts a child once it is reaped:
      // the same measure for both sides, with nothing of ours inside ProducerPerformance's JVM.
      ReapedChildrenCpu.Measured<String> oursRun = ReapedChildrenCpu.of(() -> NewJvm.run("the producer CLI",
          cliJvmOptions(Processes.extraJvmOptions(OPTIONS, Path.of("publish-ours.log"))), CliPublishRun.class.getName(),
          List.of(bootstrapServers, run.cluster().schemaRegistryUrl().toString(), orders, Long.toString(warmUp), Long.toString(records))));
      String ours = oursRun.result();
      long sent = kafka.records(List.of(orders));
      if (sent != records) {
        throw new IllegalStateException(orders + " holds " + sent + " orders after the CLI's run, not the " + records + " measured");
      }
      double rate = CliPublishRun.recordsPerSecond(ours, records);
      CliPublishRun.Cpu cpu = CliPublishRun.cpu(ours);
      int recordSize = averageRecordSize(run, orders);
      ReapedChildrenCpu.Measured<Double> reference = ReapedChildrenCpu.of(() -> KafkaTools.producerPerformanceInANewJvm(
          bootstrapServers, REFERENCE_TOPIC, warmUp, records, recordSize, SAME_SETTINGS,
          Processes.extraJvmOptions(OPTIONS, Path.of("publish-reference.log"))));
      return new Figure("A. publish", rate, reference.result(), "records/s", 0.85,
          String.format("%,d orders of %d bytes on average (key, value, traceparent header), each side in a JVM of its own after"
              + " %,d unmeasured; acks=all, linger %d ms, 128 KiB batches, no compression; CPU per measured record: the CLI's"
              + " JVM %.2f, its sending thread %.2f microseconds; %s", records, recordSize, warmUp, EventPublisher.BULK_LINGER_MS,
              microsPerRecord(cpu.jvm(), records), microsPerRecord(cpu.sendingThread(), records),
              wholeJvms(oursRun.cpu(), reference.cpu(), warmUp + records)));
    }
  }

  /** Each side's JVM from start to exit over every record it sent, warm-up included; the same for both. */
  static String wholeJvms(Optional<Duration> ours, Optional<Duration> reference, long recordsEach) {
    if (ours.isEmpty() || reference.isEmpty()) {
      return "whole JVMs' CPU not readable here";
    }
    return String.format(Locale.ROOT, "CPU per record of each whole JVM, start to exit, warm-up included: ours %.2f, the reference %.2f"
        + " microseconds", microsPerRecord(ours.get(), recordsEach), microsPerRecord(reference.get(), recordsEach));
  }

  private static double microsPerRecord(Duration cpu, long records) {
    return cpu.toNanos() / 1_000.0 / records;
  }

  /**
   * The CLI's JVM options, as {@code scripts/produce} sets them, then the extra ones; a collector
   * named among the extra ones replaces the CLI's (the JVM refuses two), as in the script.
   */
  static List<String> cliJvmOptions(List<String> extra) {
    if (extra.stream().anyMatch(option -> COLLECTOR.matcher(option).matches())) {
      return extra;
    }
    List<String> options = new ArrayList<>(CLI_JVM_OPTIONS);
    options.addAll(extra);
    return options;
  }

  /**
   * The mean serialized size of the first records of the topic (key, value and headers): what
   * ProducerPerformance, which sends values only, is told to send, so both move as many bytes.
   */
  private static int averageRecordSize(BenchRun run, String topic) {
    long[] bytesAndCount = new long[2];
    TopicReading.fromBeginning(run.cluster().bootstrapServers(), topic, Duration.ofSeconds(30), record -> {
      long bytes = record.value().length + (record.key() == null ? 0 : record.key().length);
      for (var header : record.headers()) {
        bytes += header.key().length() + (header.value() == null ? 0 : header.value().length);
      }
      bytesAndCount[0] += bytes;
      return ++bytesAndCount[1] < 10_000;
    });
    long bytes = bytesAndCount[0];
    long count = bytesAndCount[1];
    if (count == 0) {
      throw new IllegalStateException("no record of " + topic + " to measure");
    }
    return (int) Math.round((double) bytes / count);
  }
}
