package dev.streamviews.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The machine's busy share over a span, from two readings of /proc/stat's cpu line given by hand. */
class MachineCpuTest {

  @Test
  void countsUserNiceSystemAndInterruptsAsBusyAndIoWaitAsIdle() {
    //                                   user nice system idle iowait irq softirq steal guest guest_nice
    MachineCpu.Sample sample = MachineCpu.parse("cpu  100 10 50 400 40 5 15 30 7 1");

    assertThat(sample).isEqualTo(new MachineCpu.Sample(180, 440, 30));
  }

  @Test
  void sharesAreOfTheTimeThatPassedBetweenTheTwoReadings() {
    MachineCpu.Sample from = MachineCpu.parse("cpu  1000 0 500 8000 0 0 0 0 0 0");
    // 150 ticks busy, 40 idle, 10 stolen since
    MachineCpu.Sample to = MachineCpu.parse("cpu  1100 0 550 8040 0 0 0 10 0 0");

    MachineCpu.Usage usage = MachineCpu.between(from, to, 2);

    assertThat(usage.busyShare()).isCloseTo(0.75, within(1e-9));
    assertThat(usage.stealShare()).isCloseTo(0.05, within(1e-9));
    assertThat(usage.toString()).isEqualTo("2 cores 75 % busy (steal 5 %)");
  }

  @Test
  void aSpanWithNoTicksIsNotBusy() {
    MachineCpu.Sample same = MachineCpu.parse("cpu  1 2 3 4 5 6 7 8 0 0");

    assertThat(MachineCpu.between(same, same, 2).busyShare()).isZero();
  }

  @Test
  void refusesALineThatIsNotTheMachinesTotal() {
    assertThatThrownBy(() -> MachineCpu.parse("cpu0 1 2 3 4 5 6 7 8 0 0")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void readsThisMachinesCounters() {
    MachineCpu span = MachineCpu.start().orElseThrow();
    MachineCpu.Usage usage = span.stop().orElseThrow();

    assertThat(usage.cores()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(usage.busyShare()).isBetween(0.0, 1.0);
  }
}
