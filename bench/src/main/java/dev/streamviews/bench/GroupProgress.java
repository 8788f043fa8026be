package dev.streamviews.bench;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads, from Kafka, how many records topics hold and how many of them a consumer group has
 * committed; and empties topics of their records.
 */
final class GroupProgress implements AutoCloseable {
  private final Admin admin;

  GroupProgress(String bootstrapServers) {
    this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
  }

  /** Records in the topics: the sum of (end − beginning) over their partitions. */
  long records(Collection<String> topics) {
    List<TopicPartition> partitions = partitions(topics);
    return sum(offsets(partitions, OffsetSpec.latest())) - sum(offsets(partitions, OffsetSpec.earliest()));
  }

  /** Records of the topics the group has committed past (from the beginning of each partition). */
  long committed(String group, Collection<String> topics) {
    try {
      Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      List<TopicPartition> partitions = partitions(topics);
      Map<TopicPartition, Long> beginning = offsets(partitions, OffsetSpec.earliest());
      long total = 0;
      for (TopicPartition partition : partitions) {
        OffsetAndMetadata offset = committed.get(partition);
        total += offset == null ? 0 : Math.max(0, offset.offset() - beginning.get(partition));
      }
      return total;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot read the offsets of " + group, e.getCause());
    }
  }

  /**
   * Whether the group has read every partition of the topics to its end. One offset short counts as
   * the end: under exactly-once the last record of a partition can be followed by its transaction's
   * marker, which a consumer reads past without a commit of its own.
   */
  boolean drained(String group, Collection<String> topics) {
    if (topics.isEmpty()) {
      return true;
    }
    try {
      Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      Map<TopicPartition, Long> ends = offsets(partitions(topics), OffsetSpec.latest());
      return ends.entrySet().stream().allMatch(end -> {
        OffsetAndMetadata offset = committed.get(end.getKey());
        return end.getValue() - (offset == null ? 0 : offset.offset()) <= 1;
      });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot read the offsets of " + group, e.getCause());
    }
  }

  /** Deletes every record the topics hold now (Kafka's deleteRecords, each partition up to its end). */
  void deleteAllRecords(Collection<String> topics) {
    Map<TopicPartition, RecordsToDelete> upToTheEnd = new HashMap<>();
    offsets(partitions(topics), OffsetSpec.latest()).forEach((partition, end) -> upToTheEnd.put(partition, RecordsToDelete.beforeOffset(end)));
    try {
      admin.deleteRecords(upToTheEnd).all().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot delete the records of " + topics, e.getCause());
    }
  }

  /** The topics whose names match. */
  List<String> topicsMatching(String regex) {
    try {
      return admin.listTopics().names().get().stream().filter(name -> name.matches(regex)).sorted().toList();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot list topics", e.getCause());
    }
  }

  private List<TopicPartition> partitions(Collection<String> topics) {
    try {
      return admin.describeTopics(topics).allTopicNames().get().values().stream()
          .flatMap(topic -> topic.partitions().stream().map(p -> new TopicPartition(topic.name(), p.partition())))
          .toList();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot describe " + topics, e.getCause());
    }
  }

  private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec) {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    partitions.forEach(partition -> request.put(partition, spec));
    try {
      Map<TopicPartition, Long> offsets = new HashMap<>();
      admin.listOffsets(request).all().get().forEach((partition, info) -> offsets.put(partition, info.offset()));
      return offsets;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot read offsets", e.getCause());
    }
  }

  private static long sum(Map<TopicPartition, Long> offsets) {
    return offsets.values().stream().mapToLong(Long::longValue).sum();
  }

  @Override
  public void close() {
    admin.close();
  }
}
