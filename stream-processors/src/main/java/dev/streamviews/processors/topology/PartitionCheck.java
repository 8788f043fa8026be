package dev.streamviews.processors.topology;

import dev.streamviews.processors.deadletter.InvalidInputException;
import dev.streamviews.schemas.topics.KeyPartitioner;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Refuses a record that sits in a partition its key does not belong to. Views are read by key
 * from the partition Kafka's Java producer would choose (murmur2); a record a client put elsewhere
 * (librdkafka's default partitioner, for one) would be folded where no query finds it, so it is
 * dead-lettered instead, to be replayed once its producer is fixed.
 */
final class PartitionCheck<V> implements FixedKeyProcessor<String, V, V> {
  private final int partitions;
  private FixedKeyProcessorContext<String, V> context;

  PartitionCheck(int partitions) {
    this.partitions = partitions;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, V> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, V> record) {
    int expected = KeyPartitioner.partitionOf(record.key(), partitions);
    int actual = context.recordMetadata().map(metadata -> metadata.partition()).orElse(expected);
    if (actual != expected) {
      throw new InvalidInputException("record is in partition " + actual + " but its key belongs in partition "
          + expected + ": its producer does not partition keys with murmur2 as Kafka's Java client does "
          + "(librdkafka clients: set partitioner=murmur2_random)");
    }
    context.forward(record);
  }
}
