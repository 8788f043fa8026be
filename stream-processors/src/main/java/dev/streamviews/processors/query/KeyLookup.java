package dev.streamviews.processors.query;

import com.google.protobuf.ByteString;
import dev.streamviews.processors.topology.LocalView;
import dev.streamviews.query.v1.KeyReply;
import dev.streamviews.query.v1.Outcome;
import dev.streamviews.query.v1.WindowsReply;
import dev.streamviews.schemas.serde.ViewValueCodec;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Answers questions about one key (its value, or its windows) from this instance's copy of the
 * key's partition, with Kafka Streams' interactive queries ({@link LocalStores}). Says plainly when
 * the copy is not here or cannot answer now; never throws.
 */
final class KeyLookup {
  private final KafkaStreams streams;
  private final LocalStores stores;
  private final HostInfo self;
  private final StandbyLags lags;
  private final long maxStandbyLag;

  /**
   * @param maxStandbyLag how far behind its changelog a standby copy may be and still answer
   */
  KeyLookup(KafkaStreams streams, HostInfo self, StandbyLags lags, long maxStandbyLag) {
    this.streams = streams;
    this.stores = new LocalStores(streams);
    this.self = self;
    this.lags = lags;
    this.maxStandbyLag = maxStandbyLag;
  }

  /** Where the key's partition is, seen from here: the copy to read (with its lag), or why there is none. */
  private record Location(int partition, boolean active, long lag, Outcome failure, String detail) {
    boolean failed() {
      return failure != null;
    }
  }

  KeyReply value(LocalView<?, ?> view, String key) {
    Location where = locate(view.storeName(), key);
    if (where.failed()) {
      return KeyReply.newBuilder().setOutcome(where.failure()).setPartition(where.partition()).setDetail(where.detail()).build();
    }
    Object stored;
    try {
      stored = stores.partition(view.storeName(), QueryableStoreTypes.<String, Object>keyValueStore(), where.partition(), where.active())
          .get(key);
    } catch (InvalidStateStoreException e) {
      return KeyReply.newBuilder().setOutcome(Outcome.NOT_AVAILABLE).setPartition(where.partition()).setDetail(e.getMessage()).build();
    }
    KeyReply.Builder reply = KeyReply.newBuilder().setPartition(where.partition()).setStandby(!where.active())
        .setLagRecords(where.lag());
    if (stored == null && where.lag() > 0) {
      // A copy behind its changelog cannot say a key is absent: it may just not have it yet.
      return reply.setOutcome(Outcome.NOT_AVAILABLE).setDetail("standby copy is " + where.lag() + " records behind").build();
    }
    if (stored == null) {
      return reply.setOutcome(Outcome.NOT_FOUND).build();
    }
    return reply.setOutcome(Outcome.FOUND).setValue(ByteString.copyFrom(ViewValueCodec.encode(view.viewOf(key, stored)))).build();
  }

  WindowsReply windows(LocalView<?, ?> view, String key, long fromMillis, long toMillis) {
    Location where = locate(view.storeName(), key);
    if (where.failed()) {
      return WindowsReply.newBuilder().setOutcome(where.failure()).setPartition(where.partition()).setDetail(where.detail()).build();
    }
    WindowsReply.Builder reply = WindowsReply.newBuilder().setOutcome(Outcome.FOUND).setPartition(where.partition())
        .setStandby(!where.active()).setLagRecords(where.lag());
    try (WindowStoreIterator<Object> windows = stores.partition(view.storeName(), QueryableStoreTypes.<String, Object>windowStore(),
        where.partition(), where.active()).fetch(key, Instant.ofEpochMilli(fromMillis), Instant.ofEpochMilli(toMillis))) {
      while (windows.hasNext()) {
        KeyValue<Long, Object> window = windows.next();
        reply.addValues(ByteString.copyFrom(ViewValueCodec.encode(view.viewOf(key, window.value))));
      }
    } catch (InvalidStateStoreException e) {
      return WindowsReply.newBuilder().setOutcome(Outcome.NOT_AVAILABLE).setPartition(where.partition()).setDetail(e.getMessage()).build();
    }
    return reply.build();
  }

  private Location locate(String store, String key) {
    KafkaStreams.State state = streams.state();
    if (state != KafkaStreams.State.RUNNING && state != KafkaStreams.State.REBALANCING) {
      return new Location(-1, false, 0, Outcome.NOT_AVAILABLE, "Kafka Streams is " + state);
    }
    KeyQueryMetadata where = streams.queryMetadataForKey(store, key, Serdes.String().serializer());
    if (where == null || KeyQueryMetadata.NOT_AVAILABLE.equals(where)) {
      return new Location(-1, false, 0, Outcome.NOT_AVAILABLE, "no owner known for the key yet (rebalancing)");
    }
    boolean active = self.equals(where.activeHost());
    if (!active && !where.standbyHosts().contains(self)) {
      return new Location(where.partition(), false, 0, Outcome.NOT_HOSTED,
          "partition " + where.partition() + " of " + store + " is held by " + where.activeHost());
    }
    if (active) {
      return new Location(where.partition(), true, 0, null, "");
    }
    long lag = lags.of(store, where.partition());
    if (lag < 0 || lag > maxStandbyLag) {
      return new Location(where.partition(), false, lag, Outcome.NOT_AVAILABLE, "standby copy of partition "
          + where.partition() + " is " + (lag < 0 ? "of unknown lag" : lag + " records behind (at most " + maxStandbyLag + ")"));
    }
    return new Location(where.partition(), false, lag, null, "");
  }

}
