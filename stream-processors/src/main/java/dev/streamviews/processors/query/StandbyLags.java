package dev.streamviews.processors.query;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.LagInfo;

/**
 * How far this instance's copies are behind their changelogs, read at most once a second: Kafka
 * Streams asks the brokers for end offsets each time, too slow for every query a standby answers.
 *
 * <p>Queries run on the gRPC server's event loop, which must not wait on a broker: after the first
 * read, a stale reading is refreshed in the background while queries go on with the last one (at
 * most a second or so old, which is what a lag in records can mean anyway).
 *
 * <p>A copy the last reading does not know is one this instance was given since (a standby after
 * a rebalance, often the copy a moving task left behind), and until a reading knows it, it cannot
 * answer: such a question starts a reading at once rather than when the last one goes stale, so
 * the copy can answer once that reading is in, not only once the last reading is a second old.
 */
final class StandbyLags {
  private static final Duration STALE_AFTER = Duration.ofSeconds(1);
  /** The least time between two readings started by unknown copies: a burst of questions starts one. */
  private static final Duration LEAST_GAP = Duration.ofMillis(50);

  private final Supplier<Map<String, Map<Integer, Long>>> reader;
  private final long staleAfterNanos;
  private final long leastGapNanos;
  private final AtomicBoolean refreshing = new AtomicBoolean();
  private volatile Map<String, Map<Integer, Long>> lags = Map.of();
  private volatile long readAt;
  private volatile boolean everRead;

  StandbyLags(KafkaStreams streams) {
    this(() -> offsetLags(streams.allLocalStorePartitionLags()), STALE_AFTER, LEAST_GAP);
  }

  /** With a reader of lags (records behind, by store and partition) and how often to read them. */
  StandbyLags(Supplier<Map<String, Map<Integer, Long>>> reader, Duration staleAfter, Duration leastGap) {
    this.reader = reader;
    this.staleAfterNanos = staleAfter.toNanos();
    this.leastGapNanos = leastGap.toNanos();
  }

  /** Records behind, or -1 if unknown (and then a new reading is on its way). */
  long of(String store, int partition) {
    Long lag = all().getOrDefault(store, Map.of()).get(partition);
    if (lag == null) {
      refreshIfOlderThan(leastGapNanos);
      return -1;
    }
    return lag;
  }

  /** Every local copy's lag in records, by store and partition, as last read. */
  Map<String, Map<Integer, Long>> all() {
    if (!everRead) {
      synchronized (this) {
        if (!everRead) {
          read(); // the first answer has nothing older to go on
        }
      }
    } else {
      refreshIfOlderThan(staleAfterNanos);
    }
    return lags;
  }

  /** Starts a reading in the background, unless one is running or the last is younger than that. */
  private void refreshIfOlderThan(long ageNanos) {
    if (System.nanoTime() - readAt >= ageNanos && refreshing.compareAndSet(false, true)) {
      Thread refresh = new Thread(() -> {
        try {
          read();
        } finally {
          refreshing.set(false);
        }
      }, "standby-lags-refresh");
      refresh.setDaemon(true);
      refresh.start();
    }
  }

  private void read() {
    try {
      lags = reader.get();
    } catch (RuntimeException notNow) {
      lags = Map.of();
    }
    readAt = System.nanoTime();
    everRead = true;
  }

  private static Map<String, Map<Integer, Long>> offsetLags(Map<String, Map<Integer, LagInfo>> lags) {
    Map<String, Map<Integer, Long>> offsetLags = new HashMap<>();
    lags.forEach((store, partitions) -> {
      Map<Integer, Long> byPartition = new HashMap<>();
      partitions.forEach((partition, lag) -> byPartition.put(partition, lag.offsetLag()));
      offsetLags.put(store, byPartition);
    });
    return offsetLags;
  }
}
