package dev.streamviews.processors.streams;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which store partitions are being restored from their changelogs right now, and how far along:
 * a processor is not ready while any is.
 */
public final class RestoreProgress implements StateRestoreListener {
  private static final Logger log = LoggerFactory.getLogger(RestoreProgress.class);

  private final Map<TopicPartition, AtomicLong> remainingByPartition = new ConcurrentHashMap<>();
  private final AtomicLong restored = new AtomicLong();

  @Override
  public void onRestoreStart(TopicPartition partition, String storeName, long startingOffset, long endingOffset) {
    remainingByPartition.put(partition, new AtomicLong(Math.max(0, endingOffset - startingOffset)));
    log.info("Restoring {} from {} ({} records)", storeName, partition, endingOffset - startingOffset);
  }

  @Override
  public void onBatchRestored(TopicPartition partition, String storeName, long batchEndOffset, long numRestored) {
    restored.addAndGet(numRestored);
    AtomicLong remaining = remainingByPartition.get(partition);
    if (remaining != null) {
      remaining.updateAndGet(left -> Math.max(0, left - numRestored));
    }
  }

  @Override
  public void onRestoreEnd(TopicPartition partition, String storeName, long totalRestored) {
    remainingByPartition.remove(partition);
    log.info("Restored {} from {} ({} records)", storeName, partition, totalRestored);
  }

  @Override
  public void onRestoreSuspended(TopicPartition partition, String storeName, long totalRestored) {
    remainingByPartition.remove(partition); // the task moved elsewhere
  }

  public int partitionsRestoring() {
    return remainingByPartition.size();
  }

  public long recordsRemaining() {
    return remainingByPartition.values().stream().mapToLong(AtomicLong::get).sum();
  }

  public long recordsRestored() {
    return restored.get();
  }
}
