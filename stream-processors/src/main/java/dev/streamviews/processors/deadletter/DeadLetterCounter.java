package dev.streamviews.processors.deadletter;

/** Counts records sent to dead-letter topics, per source topic (exposed as a metric). */
@FunctionalInterface
public interface DeadLetterCounter {
  DeadLetterCounter NONE = sourceTopic -> {};

  void deadLettered(String sourceTopic);
}
