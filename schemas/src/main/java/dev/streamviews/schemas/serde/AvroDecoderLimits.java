package dev.streamviews.schemas.serde;

import java.lang.reflect.Method;
import org.apache.avro.SystemLimitException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caps what Avro's decoder allocates for one string, bytes value or collection, so a forged
 * length in a payload (a string "of two gigabytes" in a 30-byte record) fails fast as bad data
 * instead of exhausting memory. Avro reads its limits from system properties once, when its
 * {@link SystemLimitException} class initialises; a property already set by the operator wins.
 */
public final class AvroDecoderLimits {
  /** Far above any event of this pipeline, far below what hurts a JVM. */
  public static final int MAX_STRING_BYTES = 16 * 1024 * 1024;
  public static final int MAX_BYTES_LENGTH = 16 * 1024 * 1024;
  public static final int MAX_COLLECTION_ITEMS = 1_000_000;

  private static final Logger log = LoggerFactory.getLogger(AvroDecoderLimits.class);
  private static volatile boolean installed;

  private AvroDecoderLimits() {}

  /** Sets the limits unless the operator set them, and makes Avro read them now. Idempotent. */
  public static synchronized void install() {
    if (installed) {
      return;
    }
    setIfAbsent(SystemLimitException.MAX_STRING_LENGTH_PROPERTY, MAX_STRING_BYTES);
    setIfAbsent(SystemLimitException.MAX_BYTES_LENGTH_PROPERTY, MAX_BYTES_LENGTH);
    setIfAbsent(SystemLimitException.MAX_COLLECTION_LENGTH_PROPERTY, MAX_COLLECTION_ITEMS);
    rereadLimits();
    installed = true;
  }

  private static void setIfAbsent(String property, int value) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, Integer.toString(value));
    }
  }

  /**
   * Avro may have read the (unset) properties already, if something decoded before us. Its
   * package-private {@code resetLimits()} makes it read them again; without it, the limits would
   * depend on class-loading order.
   */
  private static void rereadLimits() {
    try {
      Method reset = SystemLimitException.class.getDeclaredMethod("resetLimits");
      reset.setAccessible(true);
      reset.invoke(null);
    } catch (ReflectiveOperationException | RuntimeException e) {
      log.warn("Could not make Avro re-read its decoder limits; they apply only if set before Avro loaded", e);
    }
  }
}
