package dev.streamviews.processors.query;

import dev.streamviews.processors.topology.LocalView;
import dev.streamviews.query.v1.KeyReply;
import dev.streamviews.query.v1.KeyReply.Outcome;
import dev.streamviews.schemas.serde.ViewValueCodec;
import com.google.protobuf.ByteString;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.LagInfo;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.query.KeyQuery;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.StateQueryResult;

/**
 * Answers a key from this instance's copy of the key's partition, with Kafka Streams' interactive
 * queries (IQv2). Says plainly when the copy is not here or cannot answer now; never throws.
 */
final class KeyLookup {
  private final KafkaStreams streams;
  private final HostInfo self;

  KeyLookup(KafkaStreams streams, HostInfo self) {
    this.streams = streams;
    this.self = self;
  }

  KeyReply lookup(LocalView<?, ?> view, String key) {
    KafkaStreams.State state = streams.state();
    if (state != KafkaStreams.State.RUNNING && state != KafkaStreams.State.REBALANCING) {
      return unavailable(-1, "Kafka Streams is " + state);
    }
    String store = view.storeName();
    KeyQueryMetadata where = streams.queryMetadataForKey(store, key, Serdes.String().serializer());
    if (where == null || KeyQueryMetadata.NOT_AVAILABLE.equals(where)) {
      return unavailable(-1, "no owner known for the key yet (rebalancing)");
    }
    int partition = where.partition();
    boolean active = self.equals(where.activeHost());
    if (!active && !where.standbyHosts().contains(self)) {
      return KeyReply.newBuilder().setOutcome(Outcome.NOT_HOSTED).setPartition(partition)
          .setDetail("partition " + partition + " of " + store + " is held by " + where.activeHost()).build();
    }
    StateQueryRequest<Object> request = StateQueryRequest.inStore(store)
        .withQuery(KeyQuery.<String, Object>withKey(key))
        .withPartitions(Set.of(partition));
    if (active) {
      request = request.requireActive();
    }
    QueryResult<Object> result;
    try {
      StateQueryResult<Object> results = streams.query(request);
      result = results.getPartitionResults().get(partition);
    } catch (InvalidStateStoreException e) {
      return unavailable(partition, e.getMessage());
    }
    if (result == null || result.isFailure()) {
      return unavailable(partition, result == null ? "no answer for partition " + partition
          : result.getFailureReason() + ": " + result.getFailureMessage());
    }
    KeyReply.Builder reply = KeyReply.newBuilder().setPartition(partition).setStandby(!active)
        .setLagRecords(active ? 0 : lagOf(store, partition));
    Object stored = result.getResult();
    if (stored == null) {
      return reply.setOutcome(Outcome.NOT_FOUND).build();
    }
    return reply.setOutcome(Outcome.FOUND).setValue(ByteString.copyFrom(ViewValueCodec.encode(view.viewOf(key, stored)))).build();
  }

  private long lagOf(String store, int partition) {
    Map<Integer, LagInfo> lags = streams.allLocalStorePartitionLags().getOrDefault(store, Map.of());
    LagInfo lag = lags.get(partition);
    return lag == null ? -1 : lag.offsetLag();
  }

  private static KeyReply unavailable(int partition, String why) {
    return KeyReply.newBuilder().setOutcome(Outcome.NOT_AVAILABLE).setPartition(partition).setDetail(why).build();
  }
}
