package dev.streamviews.schemas.topics;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * The partition of a string key, computed as Kafka's producer computes it for a keyed record
 * (murmur2 of the UTF-8 bytes), so the view service can find a key's owner without asking Kafka.
 */
public final class KeyPartitioner {
  private KeyPartitioner() {}

  public static int partitionOf(String key, int partitions) {
    byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
    return Utils.toPositive(Utils.murmur2(bytes)) % partitions;
  }
}
