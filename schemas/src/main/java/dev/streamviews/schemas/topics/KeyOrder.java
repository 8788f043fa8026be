package dev.streamviews.schemas.topics;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The order of keys in a view: their UTF-8 bytes, compared unsigned, as RocksDB orders the stores.
 * (Java's {@code String.compareTo} orders UTF-16 units, which disagrees for some characters.)
 */
public final class KeyOrder {
  public static final Comparator<String> UTF8 =
      (a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

  private KeyOrder() {}
}
