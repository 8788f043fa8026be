package dev.streamviews.processors.streams;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StandbyUpdateListener;
import org.apache.kafka.streams.processor.TaskId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says in the log when a standby copy starts following its changelog, from which offset, and when
 * it stops (moved away or promoted to active) with how many records it had loaded. Kafka Streams
 * reports standbys to this listener, not to the restore listener ({@link RestoreProgress}): without
 * it, a standby rebuilt from offset 0 (exactly-once wipes a copy without a checkpoint after a crash)
 * answers queries, marked stale, while nothing in the log says it is being rebuilt.
 */
public final class StandbyUpdates implements StandbyUpdateListener {
  private static final Logger log = LoggerFactory.getLogger(StandbyUpdates.class);

  private final Map<TopicPartition, AtomicLong> loadedByPartition = new ConcurrentHashMap<>();

  @Override
  public void onUpdateStart(TopicPartition partition, String storeName, long startingOffset) {
    loadedByPartition.put(partition, new AtomicLong());
    log.info("Standby copy of {} follows {} from offset {}{}", storeName, partition, startingOffset,
        startingOffset <= 0 ? " (the whole changelog: a new copy, or one wiped)" : "");
  }

  @Override
  public void onBatchLoaded(TopicPartition partition, String storeName, TaskId task, long batchEndOffset, long batchSize,
      long currentEndOffset) {
    loadedByPartition.computeIfAbsent(partition, ignored -> new AtomicLong()).addAndGet(batchSize);
  }

  @Override
  public void onUpdateSuspended(TopicPartition partition, String storeName, long storeOffset, long currentEndOffset,
      SuspendReason reason) {
    AtomicLong loaded = loadedByPartition.remove(partition);
    log.info("Standby copy of {} stopped following {} ({}) at offset {} of {}, {} records loaded", storeName, partition,
        reason == SuspendReason.PROMOTED ? "promoted to active" : "moved to another instance", storeOffset, currentEndOffset,
        loaded == null ? 0 : loaded.get());
  }
}
