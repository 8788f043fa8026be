package dev.streamviews.processors.query;

import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.LagInfo;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/** Whether this instance holds a store partition as the active copy or a standby, and how far a standby lags. */
final class LocalCopies {
  private final KafkaStreams streams;
  private final HostInfo self;
  private final StoreLayout layout;

  LocalCopies(KafkaStreams streams, HostInfo self, StoreLayout layout) {
    this.streams = streams;
    this.self = self;
    this.layout = layout;
  }

  boolean isStandby(String store, int partition) {
    for (StreamsMetadata instance : streams.metadataForAllStreamsClients()) {
      if (instance.hostInfo().equals(self)) {
        return !layout.partitionsOf(store, instance.topicPartitions()).contains(partition)
            && layout.partitionsOf(store, instance.standbyTopicPartitions()).contains(partition);
      }
    }
    return false;
  }

  /** Records the standby copy is behind its changelog; asks the brokers, so only for standbys. */
  long lagOf(String store, int partition) {
    Map<Integer, LagInfo> lags = streams.allLocalStorePartitionLags().getOrDefault(store, Map.of());
    LagInfo lag = lags.get(partition);
    return lag == null ? -1 : lag.offsetLag();
  }
}
