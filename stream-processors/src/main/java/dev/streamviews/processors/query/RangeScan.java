package dev.streamviews.processors.query;

import com.google.protobuf.ByteString;
import dev.streamviews.processors.topology.LocalView;
import dev.streamviews.query.v1.Entry;
import dev.streamviews.query.v1.PartitionCopy;
import dev.streamviews.query.v1.RangeReply;
import dev.streamviews.query.v1.RangeRequest;
import dev.streamviews.schemas.serde.ViewValueCodec;
import dev.streamviews.schemas.topics.KeyOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * A page of a key-value view from the partitions held here: each partition's keys come sorted
 * from its store, at most {@code limit} are read from each, and the pages are merged. Every
 * iterator a query opens is closed, whatever happens.
 */
final class RangeScan {
  private final LocalStores stores;
  private final LocalCopies copies;
  private final long maxStandbyLag;

  RangeScan(KafkaStreams streams, LocalCopies copies, long maxStandbyLag) {
    this.stores = new LocalStores(streams);
    this.copies = copies;
    this.maxStandbyLag = maxStandbyLag;
  }

  RangeReply scan(LocalView<?, ?> view, RangeRequest request) {
    String store = view.storeName();
    RangeReply.Builder reply = RangeReply.newBuilder();
    List<Entry> entries = new ArrayList<>();
    for (int partition : new TreeSet<>(request.getPartitionsList())) {
      boolean standby;
      long lag = 0;
      try {
        standby = copies.isStandby(store, partition);
        lag = standby ? copies.lagOf(store, partition) : 0;
        if (lag < 0 || lag > maxStandbyLag) {
          reply.addUnavailable(partition).setDetail("standby copy of partition " + partition + " is "
              + (lag < 0 ? "of unknown lag" : lag + " records behind"));
          continue;
        }
        ReadOnlyKeyValueStore<String, Object> copy =
            stores.partition(store, QueryableStoreTypes.<String, Object>keyValueStore(), partition, !standby);
        try (KeyValueIterator<String, Object> iterator = copy.range(lowerBound(request), request.hasTo() ? request.getTo() : null)) {
          read(view, request, partition, iterator, entries);
        }
      } catch (InvalidStateStoreException notReadable) { // also: not started yet
        reply.addUnavailable(partition).setDetail(String.valueOf(notReadable.getMessage()));
        continue;
      }
      reply.addAnswered(PartitionCopy.newBuilder().setPartition(partition).setStandby(standby).setLagRecords(lag));
    }
    entries.sort(Comparator.comparing(Entry::getKey, KeyOrder.UTF8));
    return reply.addAllEntries(entries.subList(0, Math.min(entries.size(), request.getLimit()))).build();
  }

  /** Up to limit entries of one partition after the cursor's key. */
  private static void read(LocalView<?, ?> view, RangeRequest request, int partition, KeyValueIterator<String, Object> iterator,
      List<Entry> entries) {
    int taken = 0;
    while (taken < request.getLimit() && iterator.hasNext()) {
      KeyValue<String, Object> entry = iterator.next();
      if (request.hasAfter() && KeyOrder.UTF8.compare(entry.key, request.getAfter()) <= 0) {
        continue;
      }
      entries.add(Entry.newBuilder().setKey(entry.key).setPartition(partition)
          .setValue(ByteString.copyFrom(ViewValueCodec.encode(view.viewOf(entry.key, entry.value)))).build());
      taken++;
    }
  }

  /** Where to start reading: the later of from and after (an entry equal to after is skipped); null for the start. */
  private static String lowerBound(RangeRequest request) {
    String lower = request.hasFrom() ? request.getFrom() : null;
    if (request.hasAfter() && (lower == null || KeyOrder.UTF8.compare(request.getAfter(), lower) > 0)) {
      lower = request.getAfter();
    }
    return lower;
  }
}
