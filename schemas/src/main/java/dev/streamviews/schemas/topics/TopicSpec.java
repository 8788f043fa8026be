package dev.streamviews.schemas.topics;

import java.util.Map;
import java.util.Objects;

/**
 * What it takes to create a topic: its name, partition count, cleanup policy and any other
 * topic configs (such as {@code retention.ms}).
 */
public record TopicSpec(String name, int partitions, CleanupPolicy cleanupPolicy, Map<String, String> configs) {
  public TopicSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(cleanupPolicy, "cleanupPolicy");
    configs = Map.copyOf(configs);
    if (partitions < 1) {
      throw new IllegalArgumentException("a topic needs at least one partition: " + name);
    }
  }

  public TopicSpec(String name, int partitions, CleanupPolicy cleanupPolicy) {
    this(name, partitions, cleanupPolicy, Map.of());
  }

  /** Every topic config to create the topic with, cleanup policy included. */
  public Map<String, String> allConfigs() {
    Map<String, String> all = new java.util.HashMap<>(configs);
    all.put("cleanup.policy", cleanupPolicy.configValue());
    return all;
  }
}
