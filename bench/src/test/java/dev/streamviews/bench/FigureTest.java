package dev.streamviews.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FigureTest {
  @Test
  void isARatioToTheReferenceJudgedAgainstItsGoal() {
    Figure met = new Figure("A. publish", 90_000, 100_000, "records/s", 0.85, "");
    Figure short_ = new Figure("B. process", 30_000, 100_000, "records/s", 0.35, "one instance");

    assertThat(met.ratio()).isEqualTo(0.9);
    assertThat(met.met()).isTrue();
    assertThat(short_.met()).isFalse();
    assertThat(met.line()).contains("ours         90,000", "reference        100,000", "ratio  0.90", "goal >= 0.85", "met");
    assertThat(short_.line()).contains("NOT MET", "(one instance)");
    assertThat(short_.markdownRow()).isEqualTo("| B. process | 30,000 records/s | 100,000 records/s | 0.30 | ≥ 0.35 | not met |");
  }
}
