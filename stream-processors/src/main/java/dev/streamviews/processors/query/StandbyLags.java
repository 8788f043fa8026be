package dev.streamviews.processors.query;

import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.LagInfo;

/**
 * How far this instance's copies are behind their changelogs, read at most once a second: Kafka
 * Streams asks the brokers for end offsets each time, too slow for every query a standby answers.
 */
final class StandbyLags {
  private static final long TTL_NANOS = 1_000_000_000L;

  private final KafkaStreams streams;
  private volatile Map<String, Map<Integer, LagInfo>> lags = Map.of();
  private volatile long readAt;

  StandbyLags(KafkaStreams streams) {
    this.streams = streams;
  }

  /** Records behind, or -1 if unknown. */
  long of(String store, int partition) {
    if (System.nanoTime() - readAt > TTL_NANOS) {
      synchronized (this) {
        if (System.nanoTime() - readAt > TTL_NANOS) {
          try {
            lags = streams.allLocalStorePartitionLags();
          } catch (RuntimeException notNow) {
            lags = Map.of();
          }
          readAt = System.nanoTime();
        }
      }
    }
    LagInfo lag = lags.getOrDefault(store, Map.of()).get(partition);
    return lag == null ? -1 : lag.offsetLag();
  }
}
