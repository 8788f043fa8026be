package dev.streamviews.it;

import dev.streamviews.checker.CheckedVersion;
import dev.streamviews.schemas.control.Versions;
import dev.streamviews.schemas.topics.LateEventHeaders;
import dev.streamviews.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What Kafka holds about the skus a check found wrong in the windowed view, for the failure message:
 * every line of shop.late-events for them (committed or not, with the generation that judged it),
 * every record of the serving version's view topic for them, and where each late-events partition's
 * committed records end against its high watermark. A wrong window is then told apart: judged late
 * under another generation, emitted but not kept in the store, or written in a transaction still open.
 */
final class SkuSalesDiagnosis {
  private static final Pattern SKU_MISMATCH = Pattern.compile("^sku-sales-per-minute/([^:]+):");

  private SkuSalesDiagnosis() {}

  static String of(String bootstrapServers, CheckedVersion checked, List<String> mismatches) {
    Set<String> skus = new LinkedHashSet<>();
    for (String mismatch : mismatches) {
      Matcher matcher = SKU_MISMATCH.matcher(mismatch);
      if (matcher.find()) {
        skus.add(matcher.group(1));
      }
    }
    if (skus.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder("\nchecked ").append(checked.describe()).append(", late lines labelled ")
        .append(checked.generationLabel());
    try {
      String viewTopic = Versions.viewTopic(Topics.SKU_SALES_VIEW.name(), checked.version());
      List<ConsumerRecord<byte[], byte[]>> lateLines = read(bootstrapServers, Topics.LATE_EVENTS.name(), "read_uncommitted");
      List<ConsumerRecord<byte[], byte[]>> windows = read(bootstrapServers, viewTopic, "read_uncommitted");
      for (String sku : skus) {
        out.append("\n").append(sku).append(" in ").append(Topics.LATE_EVENTS.name()).append(':');
        lines(lateLines, record -> sku.equals(key(record)), out);
        out.append("\n").append(sku).append(" in ").append(viewTopic).append(':');
        lines(windows, record -> key(record).startsWith(sku + "@"), out);
      }
      out.append("\n").append(Topics.LATE_EVENTS.name()).append(" committed end / high watermark: ").append(ends(bootstrapServers));
    } catch (RuntimeException e) {
      out.append("\n(diagnosis failed: ").append(e).append(')');
    }
    return out.toString();
  }

  private static void lines(List<ConsumerRecord<byte[], byte[]>> records, java.util.function.Predicate<ConsumerRecord<byte[], byte[]>> wanted,
      StringBuilder out) {
    for (ConsumerRecord<byte[], byte[]> record : records) {
      if (wanted.test(record)) {
        Header generation = record.headers().lastHeader(LateEventHeaders.GENERATION);
        out.append("\n  ").append(record.partition()).append('@').append(record.offset()).append(" key ").append(key(record))
            .append(" stamped ").append(Instant.ofEpochMilli(record.timestamp()))
            .append(generation == null ? "" : " generation " + new String(generation.value(), StandardCharsets.UTF_8));
      }
    }
  }

  private static String key(ConsumerRecord<byte[], byte[]> record) {
    return record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
  }

  private static List<ConsumerRecord<byte[], byte[]>> read(String bootstrapServers, String topic, String isolation) {
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers, isolation)) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(300)).forEach(records::add);
      }
    }
    return records;
  }

  private static String ends(String bootstrapServers) {
    List<String> ends = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> committed = consumer(bootstrapServers, "read_committed");
        KafkaConsumer<byte[], byte[]> all = consumer(bootstrapServers, "read_uncommitted")) {
      List<TopicPartition> partitions = committed.partitionsFor(Topics.LATE_EVENTS.name()).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      Map<TopicPartition, Long> stable = committed.endOffsets(partitions);
      Map<TopicPartition, Long> high = all.endOffsets(partitions);
      partitions.forEach(p -> ends.add(p.partition() + ": " + stable.get(p) + "/" + high.get(p)));
    }
    return String.join(", ", ends);
  }

  private static KafkaConsumer<byte[], byte[]> consumer(String bootstrapServers, String isolation) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
    return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }
}
