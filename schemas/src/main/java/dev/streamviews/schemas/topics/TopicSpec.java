package dev.streamviews.schemas.topics;

import java.util.Objects;

/** What it takes to create a topic: its name, partition count and cleanup policy. */
public record TopicSpec(String name, int partitions, CleanupPolicy cleanupPolicy) {
  public TopicSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(cleanupPolicy, "cleanupPolicy");
    if (partitions < 1) {
      throw new IllegalArgumentException("a topic needs at least one partition: " + name);
    }
  }
}
