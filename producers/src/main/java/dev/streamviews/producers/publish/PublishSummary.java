package dev.streamviews.producers.publish;

import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * What a publish run did: records acknowledged, records that failed (with the first reason), the
 * last offset written to each partition, and the trace id every record's traceparent carries.
 */
public record PublishSummary(long sent, long failed, String firstFailure, Map<TopicPartition, Long> lastOffsets, String traceId) {

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
