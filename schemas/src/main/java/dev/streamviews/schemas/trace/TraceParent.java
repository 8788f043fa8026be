package dev.streamviews.schemas.trace;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A W3C Trace Context {@code traceparent}: version 00, a 16-byte trace id, an 8-byte parent (span)
 * id and flags. The CLI starts a trace per run and gives each record a span; the record header and
 * the HTTP header carry it through Kafka, the processors and the view service into their logs.
 */
public record TraceParent(String traceId, String spanId, String flags) {
  /** The name of the header in HTTP, Kafka records and the query API. */
  public static final String HEADER = "traceparent";

  private static final Pattern FORMAT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HexFormat HEX = HexFormat.of();

  /** A new trace, sampled. */
  public static TraceParent start() {
    return new TraceParent(randomHex(16), randomHex(8), "01");
  }

  /** The traceparent in the text, if it is a valid one (all-zero ids are invalid, as the spec says). */
  public static Optional<TraceParent> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    var match = FORMAT.matcher(text.trim());
    if (!match.matches() || match.group(1).chars().allMatch(c -> c == '0') || match.group(2).chars().allMatch(c -> c == '0')) {
      return Optional.empty();
    }
    return Optional.of(new TraceParent(match.group(1), match.group(2), match.group(3)));
  }

  /**
   * A new span in the same trace. Span ids need to be unique within the trace, not unguessable, so
   * they come from a fast generator; the trace id of {@link #start()} keeps the secure one. (The
   * producer makes one span per record: SecureRandom there showed in the publish benchmark.)
   */
  public TraceParent child() {
    long id;
    do {
      id = java.util.concurrent.ThreadLocalRandom.current().nextLong();
    } while (id == 0);
    return new TraceParent(traceId, HEX.toHexDigits(id), flags);
  }

  @Override
  public String toString() {
    return "00-" + traceId + "-" + spanId + "-" + flags;
  }

  private static String randomHex(int bytes) {
    byte[] random = new byte[bytes];
    do {
      RANDOM.nextBytes(random);
    } while (allZero(random));
    return HEX.formatHex(random);
  }

  private static boolean allZero(byte[] bytes) {
    for (byte b : bytes) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }
}
