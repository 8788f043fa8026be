package dev.streamviews.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReapedChildrenCpuTest {
  @Test
  void readsTheReapedChildrensUserAndSystemTicksPastANameWithSpacesAndParentheses() {
    // Fields after the name: state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime.
    String line = "4242 (a (strange) name) S 1 4242 4242 0 -1 4194304 10 20 0 0 7 3 250 40 20 0 1 0 526352";

    assertThat(ReapedChildrenCpu.parse(line)).isEqualTo(Duration.ofMillis(2_900));
  }

  @Test
  void countsWhatAChildJvmUsedOnceItHasBeenWaitedFor() {
    assumeThat(ReapedChildrenCpu.now()).as("/proc/self/stat").isPresent();

    ReapedChildrenCpu.Measured<String> burnt = ReapedChildrenCpu.of(
        () -> NewJvm.run("cpu burner", List.of(), CpuBurner.class.getName(), List.of("400")));

    assertThat(burnt.result()).contains("burnt");
    assertThat(burnt.cpu()).hasValueSatisfying(cpu -> assertThat(cpu).isGreaterThanOrEqualTo(Duration.ofMillis(350)));
  }

  /** Spins until its own thread has used the milliseconds of CPU given. */
  public static final class CpuBurner {
    public static void main(String[] args) {
      long until = Long.parseLong(args[0]) * 1_000_000;
      var threads = ManagementFactory.getThreadMXBean();
      long spins = 0;
      while (threads.getCurrentThreadCpuTime() < until) {
        spins++;
      }
      System.out.println("burnt after " + spins + " spins");
    }
  }
}
