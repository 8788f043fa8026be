package dev.streamviews.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CompilerCpuTest {
  /** A stat line as Linux writes it, with the thread's name and its user and system ticks (fields 14 and 15). */
  private static String stat(String name, long utime, long stime) {
    return "5471 (" + name + ") S 3413 3409 28443 0 -1 4194368 16164 0 0 0 " + utime + " " + stime
        + " 0 0 20 0 29 0 1072880 3216007168 88951";
  }

  @Test
  void countsTheUserAndSystemTicksOfCompilerThreadsOnly() {
    assertThat(CompilerCpu.compilerTicks(stat("C2 CompilerThre", 1633, 62))).isEqualTo(1695);
    assertThat(CompilerCpu.compilerTicks(stat("C1 CompilerThre", 192, 14))).isEqualTo(206);
    assertThat(CompilerCpu.compilerTicks(stat("grpc-default-wo", 5000, 70))).isZero();
  }

  @Test
  void readsTheFieldsAfterTheLastParenthesisWhateverTheNameHolds() {
    assertThat(CompilerCpu.compilerTicks(stat("x) (CompilerThre", 10, 5))).isEqualTo(15);
    assertThat(CompilerCpu.compilerTicks(stat("a b) c 1 2 3", 10, 5))).isZero();
  }

  @Test
  void compilersAreQuietUnderATenthOfACoreOverTheSpan() {
    Duration span = Duration.ofSeconds(4);

    assertThat(QueryFigure.isQuiet(Duration.ofMillis(390), span)).isTrue();
    assertThat(QueryFigure.isQuiet(Duration.ofMillis(400), span)).isFalse();
    assertThat(QueryFigure.isQuiet(Duration.ofMillis(2_000), span)).isFalse();
  }

  @Test
  void readsThisJvmsCompilerThreadsWhereTheSystemListsThem() {
    if (!java.nio.file.Files.isDirectory(java.nio.file.Path.of("/proc/self/task"))) {
      assertThat(CompilerCpu.of(java.util.List.of(ProcessHandle.current()))).isEmpty();
      return;
    }
    // This JVM has compiled the test framework by now: its compiler threads have used some CPU.
    assertThat(CompilerCpu.of(java.util.List.of(ProcessHandle.current()))).hasValueSatisfying(cpu -> assertThat(cpu).isPositive());
  }
}
