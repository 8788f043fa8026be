package dev.streamviews.processors.query;

import dev.streamviews.processors.streams.ProcessorStreams;
import dev.streamviews.query.v1.Instance;
import dev.streamviews.query.v1.LocalLag;
import dev.streamviews.query.v1.MetadataReply;
import dev.streamviews.query.v1.StorePartitions;
import java.util.Set;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The queries one running version of the views answers: keys, ranges, windows, and its metadata. */
final class VersionQueries {
  private static final Logger log = LoggerFactory.getLogger(VersionQueries.class);

  final ProcessorStreams version;
  final KeyLookup lookup;
  final RangeScan ranges;
  private final StoreLayout layout;
  private final StandbyLags lags;
  private final String self;

  VersionQueries(ProcessorStreams version, HostInfo self, long maxStandbyLag) {
    this.version = version;
    KafkaStreams streams = version.streams();
    this.layout = StoreLayout.of(version.topology().describe(), version.applicationId());
    this.lags = new StandbyLags(streams);
    this.lookup = new KeyLookup(streams, self, lags, maxStandbyLag);
    this.ranges = new RangeScan(streams, new LocalCopies(streams, self, layout, lags), maxStandbyLag);
    this.self = self.host() + ":" + self.port();
  }

  /** Which instance holds which partitions of this version's stores, and how far this instance's copies lag. */
  void describe(MetadataReply.Builder reply) {
    KafkaStreams streams = version.streams();
    reply.setApplicationId(version.applicationId()).setVersion(version.version()).setAnsweredBy(self);
    try {
      for (StreamsMetadata instance : streams.metadataForAllStreamsClients()) {
        reply.addInstances(describe(instance));
      }
      // As last read (at most a second or so old): this runs on the query server's event loop.
      lags.all().forEach((store, partitions) -> partitions.forEach((partition, lag) ->
          reply.addLags(LocalLag.newBuilder().setStore(store).setPartition(partition).setOffsetLag(lag))));
    } catch (RuntimeException notRunningYet) {
      log.debug("No Streams metadata for version {} yet: {}", version.version(), notRunningYet.getMessage());
    }
  }

  private Instance describe(StreamsMetadata instance) {
    HostInfo host = instance.hostInfo();
    Instance.Builder described = Instance.newBuilder().setHost(host.host()).setPort(host.port());
    for (String store : layout.stores()) {
      Set<Integer> active = layout.partitionsOf(store, instance.topicPartitions());
      Set<Integer> standby = layout.partitionsOf(store, instance.standbyTopicPartitions());
      if (!active.isEmpty() || !standby.isEmpty()) {
        described.addStores(StorePartitions.newBuilder().setStore(store).addAllActive(active).addAllStandby(standby));
      }
    }
    return described.build();
  }
}
