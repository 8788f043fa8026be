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
  void aRatioJustShortOfItsGoalIsNotPrintedAsTheGoal() {
    Figure justShort = new Figure("D. restore", 925_388, 1_853_735, "records/s", 0.5, "");
    Figure justOver = new Figure("E. freshness", 20.016, 4, "ms p99", 5, Better.LOWER, "");
    Figure farShort = new Figure("D. restore", 1, 3, "records/s", 0.5, "");

    assertThat(justShort.met()).isFalse();
    assertThat(justShort.line()).contains("ratio 0.499  goal >= 0.50  NOT MET");
    assertThat(justShort.markdownRow()).contains("| 0.499 | ≥ 0.50 | not met |");
    assertThat(justOver.met()).isFalse();
    assertThat(justOver.markdownRow()).contains("| 5.004 | ≤ 5.00 | not met |");
    assertThat(farShort.markdownRow()).contains("| 0.33 | ≥ 0.50 | not met |");
    assertThat(new Figure("D. restore", 0.49999, 1, "records/s", 0.5, "").ratioText()).isEqualTo("0.499");
    assertThat(new Figure("E. freshness", 5.0001, 1, "ms p99", 5, Better.LOWER, "").ratioText()).isEqualTo("5.001");
  }

  @Test
  void aFigureWithoutAReferenceIsNotMet() {
    assertThat(new Figure("C. query", 1_000, 0, "requests/s", 0.6, "").met()).isFalse();
  }
}
