package dev.streamviews.processors.query;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreType;

/**
 * Read access to one partition of a local store, active copy only or any copy (standby, or an
 * active one still restoring).
 *
 * <p>Reads go through Kafka Streams' classic interactive queries, not IQv2: in Kafka 4.3.1 an IQv2
 * query on a RocksDB store takes the store's position lock, then the store lock, while the stream
 * thread's writes take them the other way round, and the two deadlock under load (KAFKA-19629,
 * fixed upstream after 4.3.1). Classic reads take the store lock alone. Switch back to IQv2 once a
 * release with the fix is on Maven Central.
 */
final class LocalStores {
  private final KafkaStreams streams;

  LocalStores(KafkaStreams streams) {
    this.streams = streams;
  }

  /**
   * @throws org.apache.kafka.streams.errors.InvalidStateStoreException when the copy is not here
   *     or cannot be read now (migrating, restoring an active copy)
   */
  <T> T partition(String store, QueryableStoreType<T> type, int partition, boolean activeOnly) {
    StoreQueryParameters<T> parameters = StoreQueryParameters.fromNameAndType(store, type).withPartition(partition);
    return streams.store(activeOnly ? parameters : parameters.enableStaleStores());
  }
}
