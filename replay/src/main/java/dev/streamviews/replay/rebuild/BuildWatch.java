package dev.streamviews.replay.rebuild;

import dev.streamviews.replay.kafka.ClusterClient;
import dev.streamviews.replay.kafka.ConsumerGroup;
import dev.streamviews.replay.kafka.InputSlice;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Looks at a version being built from outside, the way Kafka sees it: its consumer group's
 * committed offsets against the end of every input partition and of its repartition topics.
 */
final class BuildWatch implements AutoCloseable {
  private final ClusterClient kafka;
  private final String applicationId;
  private final InputSlice slice;
  private final PendingRecords pending;

  BuildWatch(ClusterClient kafka, String applicationId, InputSlice slice) {
    this.kafka = kafka;
    this.applicationId = applicationId;
    this.slice = slice;
    this.pending = new PendingRecords(kafka.bootstrapServers(), kafka.timeout());
  }

  BuildProgress look() {
    ConsumerGroup group = kafka.group(applicationId);
    Map<TopicPartition, Long> committed = kafka.committed(applicationId);
    Map<TopicPartition, Long> inputEnd = kafka.endOffsets(slice.start().keySet());
    long processed = 0;
    long inputLag = 0;
    for (Map.Entry<TopicPartition, Long> start : slice.start().entrySet()) {
      long at = Math.max(committed.getOrDefault(start.getKey(), start.getValue()), start.getValue());
      processed += at - start.getValue();
      inputLag += Math.max(0, inputEnd.get(start.getKey()) - at);
    }
    return new BuildProgress(processed, inputLag, repartitioned(committed, inputLag == 0), group.instances().size(),
        group.stableWithMembers());
  }

  /** Records in the version's repartition topics not yet processed; counted exactly once the inputs are done. */
  private long repartitioned(Map<TopicPartition, Long> committed, boolean exactly) {
    List<String> repartitionTopics = kafka.internalTopicsOf(applicationId).stream()
        .filter(topic -> topic.endsWith("-repartition"))
        .toList();
    if (repartitionTopics.isEmpty()) {
      return 0;
    }
    List<TopicPartition> partitions = kafka.partitionsOf(repartitionTopics);
    Map<TopicPartition, Long> end = kafka.endOffsets(partitions);
    Map<TopicPartition, Long> beginning = kafka.beginningOffsets(partitions);
    Map<TopicPartition, Long> from = new HashMap<>();
    long approximate = 0;
    for (TopicPartition partition : partitions) {
      long at = Math.max(committed.getOrDefault(partition, beginning.get(partition)), beginning.get(partition));
      from.put(partition, at);
      approximate += Math.max(0, end.get(partition) - at);
    }
    return exactly && approximate > 0 ? pending.count(from, end, approximate) : approximate;
  }

  @Override
  public void close() {
    pending.close();
  }
}
