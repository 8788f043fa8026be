package dev.streamviews.processors.query;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.LagInfo;

/**
 * How far this instance's copies are behind their changelogs, read at most once a second: Kafka
 * Streams asks the brokers for end offsets each time, too slow for every query a standby answers.
 *
 * <p>Queries run on the gRPC server's event loop, which must not wait on a broker: after the first
 * read, a stale reading is refreshed in the background while queries go on with the last one (at
 * most a second or so old, which is what a lag in records can mean anyway).
 */
final class StandbyLags {
  private static final long TTL_NANOS = 1_000_000_000L;

  private final KafkaStreams streams;
  private final AtomicBoolean refreshing = new AtomicBoolean();
  private volatile Map<String, Map<Integer, LagInfo>> lags = Map.of();
  private volatile long readAt;
  private volatile boolean everRead;

  StandbyLags(KafkaStreams streams) {
    this.streams = streams;
  }

  /** Records behind, or -1 if unknown. */
  long of(String store, int partition) {
    LagInfo lag = all().getOrDefault(store, Map.of()).get(partition);
    return lag == null ? -1 : lag.offsetLag();
  }

  /** Every local copy's lag, by store and partition, as last read. */
  Map<String, Map<Integer, LagInfo>> all() {
    if (!everRead) {
      synchronized (this) {
        if (!everRead) {
          read(); // the first answer has nothing older to go on
        }
      }
    } else if (System.nanoTime() - readAt > TTL_NANOS && refreshing.compareAndSet(false, true)) {
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
    return lags;
  }

  private void read() {
    try {
      lags = streams.allLocalStorePartitionLags();
    } catch (RuntimeException notNow) {
      lags = Map.of();
    }
    readAt = System.nanoTime();
    everRead = true;
  }
}
