package dev.streamviews.processors.query;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/** Whether this instance holds a store partition as the active copy or a standby, and how far a standby lags. */
final class LocalCopies {
  private final KafkaStreams streams;
  private final HostInfo self;
  private final StoreLayout layout;
  private final StandbyLags lags;

  LocalCopies(KafkaStreams streams, HostInfo self, StoreLayout layout, StandbyLags lags) {
    this.streams = streams;
    this.self = self;
    this.layout = layout;
    this.lags = lags;
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

  /** Records the copy is behind its changelog, or -1 if unknown. */
  long lagOf(String store, int partition) {
    return lags.of(store, partition);
  }
}
