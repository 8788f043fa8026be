package dev.streamviews.replay.kafka;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * The records of some topics from a start to the current end: what a reset or a rebuild will
 * process. Counted from offsets, as Kafka's reset tool places them, without reading the records:
 * a transaction's commit or abort marker takes an offset too, so where a topic was written in
 * transactions ({@code replay dlq} writes so) the count is a few more than the records it holds.
 *
 * @param start per partition, the first offset to process
 * @param end per partition, the end offset when the slice was taken
 */
public record InputSlice(Map<TopicPartition, Long> start, Map<TopicPartition, Long> end) {

  public static InputSlice of(ClusterClient kafka, Collection<String> topics, ReplayStart from) {
    List<TopicPartition> partitions = kafka.partitionsOf(topics);
    Map<TopicPartition, Long> start = from.from().isPresent()
        ? kafka.offsetsAt(partitions, from.from().get())
        : kafka.beginningOffsets(partitions);
    return new InputSlice(start, kafka.endOffsets(partitions));
  }

  public long records() {
    return start.keySet().stream().mapToLong(this::records).sum();
  }

  public long records(TopicPartition partition) {
    return Math.max(0, end.getOrDefault(partition, 0L) - start.get(partition));
  }

  /** Records per topic, in topic order. */
  public Map<String, Long> recordsByTopic() {
    Map<String, Long> byTopic = new TreeMap<>();
    start.keySet().forEach(partition -> byTopic.merge(partition.topic(), records(partition), Long::sum));
    return byTopic;
  }
}
