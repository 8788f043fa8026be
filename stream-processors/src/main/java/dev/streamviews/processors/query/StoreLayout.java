package dev.streamviews.processors.query;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.TopologyDescription;

/**
 * Which topics feed each state store, read from the topology's own description, so that the
 * partitions Kafka Streams reports per instance can be told per store. A store's partition
 * number is the partition number of the topics that feed it.
 */
final class StoreLayout {
  private final String applicationId;
  private final Map<String, Set<String>> sourceTopicsByStore;

  private StoreLayout(String applicationId, Map<String, Set<String>> sourceTopicsByStore) {
    this.applicationId = applicationId;
    this.sourceTopicsByStore = sourceTopicsByStore;
  }

  static StoreLayout of(TopologyDescription description, String applicationId) {
    Map<String, Set<String>> byStore = new HashMap<>();
    for (TopologyDescription.Subtopology subtopology : description.subtopologies()) {
      Set<String> topics = new HashSet<>();
      Set<String> stores = new HashSet<>();
      for (TopologyDescription.Node node : subtopology.nodes()) {
        if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
          topics.addAll(source.topicSet());
        } else if (node instanceof TopologyDescription.Processor processor) {
          stores.addAll(processor.stores());
        }
      }
      stores.forEach(store -> byStore.computeIfAbsent(store, s -> new HashSet<>()).addAll(topics));
    }
    return new StoreLayout(applicationId, byStore);
  }

  Set<String> stores() {
    return sourceTopicsByStore.keySet();
  }

  /** The partitions of the store among the given topic partitions. */
  Set<Integer> partitionsOf(String store, Set<TopicPartition> topicPartitions) {
    Set<String> topics = sourceTopicsByStore.getOrDefault(store, Set.of());
    Set<Integer> partitions = new TreeSet<>();
    for (TopicPartition partition : topicPartitions) {
      // Internal (repartition) topics are described without the application id prefix.
      String topic = partition.topic();
      if (topics.contains(topic) || topics.contains(topic.replaceFirst("^" + java.util.regex.Pattern.quote(applicationId + "-"), ""))) {
        partitions.add(partition.partition());
      }
    }
    return partitions;
  }
}
