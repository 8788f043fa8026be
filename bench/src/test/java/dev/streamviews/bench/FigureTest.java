package dev.streamviews.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamviews.bench.Figure.Better;
import org.junit.jupiter.api.Test;

class FigureTest {
  @Test
  void aRateIsARatioToTheReferenceThatMustReachItsGoal() {
    Figure met = new Figure("A. publish", 90_000, 100_000, "records/s", 0.85, "");
    Figure short_ = new Figure("B. process", 30_000, 100_000, "records/s", 0.35, "one instance");

    assertThat(met.ratio()).isEqualTo(0.9);
    assertThat(met.met()).isTrue();
    assertThat(short_.met()).isFalse();
    assertThat(met.line()).contains("ours         90,000", "reference        100,000", "ratio  0.90", "goal >= 0.85", "met");
    assertThat(short_.line()).contains("NOT MET", "(one instance)");
    assertThat(short_.markdownRow()).isEqualTo("| B. process | 30,000 records/s | 100,000 records/s | 0.30 | ≥ 0.35 | not met |");
  }

  @Test
  void aLatencyIsARatioToTheReferenceThatMustStayUnderItsGoal() {
    Figure met = new Figure("E. freshness", 12.4, 4, "ms p99", 5, Better.LOWER, "");
    Figure short_ = new Figure("E. freshness", 30, 4, "ms p99", 5, Better.LOWER, "");

    assertThat(met.met()).isTrue();
    assertThat(short_.met()).isFalse();
    assertThat(met.line()).contains("ours           12.4 ms p99", "reference            4.0 ms p99", "ratio  3.10", "goal <= 5.00", "met");
    assertThat(short_.markdownRow()).isEqualTo("| E. freshness | 30.0 ms p99 | 4.0 ms p99 | 7.50 | ≤ 5.00 | not met |");
  }

  @Test
  void aFigureWithoutAReferenceIsNotMet() {
    assertThat(new Figure("C. query", 1_000, 0, "requests/s", 0.6, "").met()).isFalse();
  }
}
