package dev.streamviews.producers.publish;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * What a publish run did: records acknowledged, records that failed (with the first reason), the
 * last offset written to each partition, the trace id every record's traceparent carries, and how
 * long it took from when it began sending until every record was acknowledged or had failed, and
 * whether an interrupt stopped it before every event was sent ({@code interrupted}).
 */
public record PublishSummary(long sent, long failed, String firstFailure, Map<TopicPartition, Long> lastOffsets, String traceId,
    Duration took, boolean interrupted) {

  /**
   * {@code sent N records to TOPICS in S s (R records/s)}: the rate counts the records
   * acknowledged over the time the publish took, not the time the program took to start.
   */
  public String describeSent(String topics) {
    double seconds = took.toNanos() / 1e9;
    return String.format(Locale.ROOT, "sent %d records to %s in %.3f s (%,.0f records/s)", sent, topics, seconds,
        seconds > 0 ? sent / seconds : 0.0);
  }

  /** One line per partition, in topic and partition order. */
  public String describeOffsets() {
    Map<String, Long> sorted = new TreeMap<>();
    lastOffsets.forEach((partition, offset) ->
        sorted.put(String.format("%s[%02d]", partition.topic(), partition.partition()), offset));
    StringBuilder text = new StringBuilder();
    sorted.forEach((partition, offset) -> text.append("  ").append(partition).append(" last offset ").append(offset).append('\n'));
    return text.toString();
  }
}
