package dev.streamviews.replay.kafka;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Where reprocessing starts: the earliest record, or the first record at or after a datetime.
 *
 * @param from the datetime, or empty for the earliest record
 */
public record ReplayStart(Optional<Instant> from) {
  /** Kafka's tools read {@code yyyy-MM-dd'T'HH:mm:ss.SSS} with a zone; UTC says exactly the instant. */
  private static final DateTimeFormatter KAFKA_TOOLS_FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneOffset.UTC);

  public static ReplayStart earliest() {
    return new ReplayStart(Optional.empty());
  }

  public static ReplayStart at(Instant from) {
    return new ReplayStart(Optional.of(from));
  }

  /** The StreamsResetter options that say this start. */
  public String[] resetterOptions() {
    return from.map(time -> new String[] {"--to-datetime", KAFKA_TOOLS_FORMAT.format(time)})
        .orElse(new String[] {"--to-earliest"});
  }

  /** The epoch milliseconds to record as where processing started, or null from the earliest. */
  public Instant processedFrom() {
    return from.orElse(null);
  }

  @Override
  public String toString() {
    return from.map(time -> "the first record at or after " + time).orElse("the earliest record");
  }
}
