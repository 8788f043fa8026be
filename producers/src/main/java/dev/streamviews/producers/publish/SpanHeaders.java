package dev.streamviews.producers.publish;

import dev.streamviews.schemas.trace.TraceParent;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The {@code traceparent} header values of one trace, each with a span id of its own: what
 * {@code trace.child().toString().getBytes()} gives, written straight into the bytes. The publisher
 * makes one for every record it sends, and going through a new {@link TraceParent}, its hex string
 * and the concatenated text cost a twentieth of the CLI's sending thread when it publishes as fast
 * as it can (figure A of docs/BENCHMARKS.md).
 */
final class SpanHeaders {
  private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  /** {@code 00-<32 hex digits of the trace id>-}: the span id starts after it. */
  private static final int SPAN_START = 3 + 32 + 1;
  private static final int SPAN_DIGITS = 16;

  /** The trace's header value with an all-zero span id, copied for every record. */
  private final byte[] template;

  SpanHeaders(TraceParent trace) {
    this.template = new TraceParent(trace.traceId(), "0".repeat(SPAN_DIGITS), trace.flags()).toString().getBytes(StandardCharsets.US_ASCII);
  }

  /** A header value for a new span: a random span id, never all zeros (the spec makes that invalid). */
  byte[] next() {
    long id;
    do {
      id = ThreadLocalRandom.current().nextLong();
    } while (id == 0);
    byte[] value = template.clone();
    for (int i = SPAN_START + SPAN_DIGITS - 1; i >= SPAN_START; i--) {
      value[i] = HEX_DIGITS[(int) (id & 0xF)];
      id >>>= 4;
    }
    return value;
  }
}
