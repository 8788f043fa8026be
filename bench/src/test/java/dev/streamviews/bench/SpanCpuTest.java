package dev.streamviews.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SpanCpuTest {

  @Test
  void saysHowBusyTheMachineWasAndHowManyCoresEachProcessKeptBusy() {
    Map<String, Duration> used = new LinkedHashMap<>();
    used.put("processor", Duration.ofMillis(9_000));
    used.put("broker", Duration.ofMillis(4_500));

    String text = SpanCpu.describe(Optional.of(new MachineCpu.Usage(2, 0.87, 0.01)), used, Duration.ofSeconds(10));

    assertThat(text).isEqualTo("2 cores 87 % busy (steal 1 %); in cores: processor 0.90, broker 0.45");
  }

  @Test
  void saysSoWhereTheMachinesShareCannotBeRead() {
    String text = SpanCpu.describe(Optional.empty(), Map.of("processor", Duration.ofSeconds(5)), Duration.ofSeconds(10));

    assertThat(text).isEqualTo("machine's busy share not readable here; in cores: processor 0.50");
  }

  @Test
  void saysNothingOfASpanTooShortForTheKernelsTicks() {
    String text = SpanCpu.describe(Optional.of(new MachineCpu.Usage(2, 0.5, 0)), Map.of("processor", Duration.ofMillis(10)),
        Duration.ofMillis(20));

    assertThat(text).isEqualTo("CPU not measured: the span lasted under 1 s");
  }

  @Test
  void aSpanStoppedAtOnceIsNotMeasured() {
    SpanCpu span = new SpanCpu(Map.of("bench", ProcessHandle.current()));
    span.start();
    span.stop();

    assertThat(span.stopped()).isTrue();
    assertThat(span.measured()).isFalse();
  }

  @Test
  void measuresTheSpanBetweenStartAndStopOnly() {
    SpanCpu span = new SpanCpu(Map.of("bench", ProcessHandle.current()));
    assertThat(span.used()).isEqualTo("CPU not measured");
    assertThat(span.measured()).isFalse();

    span.start();
    long spins = spin(Duration.ofMillis(1_200));
    span.stop();

    assertThat(spins).isPositive();
    assertThat(span.stopped()).isTrue();
    assertThat(span.measured()).as("a span of over a second").isTrue();
    // One thread spinning through the whole span keeps most of a core busy (a fifth at the least on a
    // crowded machine); and nothing after stop() counts
    String used = span.used();
    assertThat(used).containsPattern("in cores: bench [0-9]\\.[0-9]{2}$");
    double cores = Double.parseDouble(used.substring(used.lastIndexOf(' ') + 1));
    assertThat(cores).isGreaterThan(0.2);
    spin(Duration.ofMillis(100));
    assertThat(span.used()).isEqualTo(used);
  }

  /** Keeps this thread busy for that long; how many rounds it went. */
  private static long spin(Duration duration) {
    long until = System.nanoTime() + duration.toNanos();
    long spins = 0;
    while (System.nanoTime() < until) {
      spins++;
    }
    return spins;
  }
}
