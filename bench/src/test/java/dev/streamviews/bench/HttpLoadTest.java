package dev.streamviews.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HttpLoadTest {
  @Test
  void readsPercentilesAsTheNearestRankOfSortedLatencies() {
    long[] nanos = new long[100];
    for (int i = 0; i < nanos.length; i++) {
      nanos[i] = (i + 1) * 1_000_000L; // 1 ms .. 100 ms
    }

    assertThat(HttpLoad.percentile(nanos, 0.50)).isEqualTo(50.0);
    assertThat(HttpLoad.percentile(nanos, 0.99)).isEqualTo(99.0);
    assertThat(HttpLoad.percentile(new long[] {7_000_000L}, 0.99)).isEqualTo(7.0);
    assertThat(HttpLoad.percentile(new long[0], 0.5)).isZero();
  }
}
