package dev.streamviews.producers.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamviews.schemas.trace.TraceParent;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SpanHeadersTest {
  private final TraceParent trace = TraceParent.start();
  private final SpanHeaders headers = new SpanHeaders(trace);

  @Test
  void eachValueIsAValidTraceparentOfTheSameTrace() {
    for (int i = 0; i < 1_000; i++) {
      String value = new String(headers.next(), StandardCharsets.US_ASCII);
      TraceParent parsed = TraceParent.parse(value).orElseThrow(() -> new AssertionError("not a valid traceparent: " + value));
      assertThat(parsed.traceId()).isEqualTo(trace.traceId());
      assertThat(parsed.flags()).isEqualTo(trace.flags());
      assertThat(parsed.spanId()).isNotEqualTo(trace.spanId()).isNotEqualTo("0".repeat(16));
    }
  }

  @Test
  void everyValueHasASpanOfItsOwn() {
    Set<String> spans = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      spans.add(TraceParent.parse(new String(headers.next(), StandardCharsets.US_ASCII)).orElseThrow().spanId());
    }
    assertThat(spans).hasSize(10_000);
  }

  @Test
  void valuesAreNotSharedBetweenRecords() {
    byte[] first = headers.next();
    byte[] copy = first.clone();
    headers.next();
    assertThat(first).isEqualTo(copy);
  }
}
