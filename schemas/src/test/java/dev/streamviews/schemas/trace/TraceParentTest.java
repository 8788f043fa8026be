package dev.streamviews.schemas.trace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TraceParentTest {

  @Test
  void readsBackWhatItWritesAndKeepsTheTraceInChildSpans() {
    TraceParent trace = TraceParent.start();
    TraceParent child = trace.child();

    assertThat(TraceParent.parse(trace.toString())).contains(trace);
    assertThat(trace.toString()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
    assertThat(child.traceId()).isEqualTo(trace.traceId());
    assertThat(child.spanId()).isNotEqualTo(trace.spanId());
  }

  @Test
  void refusesWhatTheSpecRefuses() {
    assertThat(TraceParent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")).isPresent();
    assertThat(TraceParent.parse("00-00000000000000000000000000000000-00f067aa0ba902b7-01")).isEmpty();
    assertThat(TraceParent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01")).isEmpty();
    assertThat(TraceParent.parse("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01")).isEmpty();
    assertThat(TraceParent.parse("garbage")).isEmpty();
    assertThat(TraceParent.parse(null)).isEmpty();
  }
}
