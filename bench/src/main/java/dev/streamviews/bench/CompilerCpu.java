package dev.streamviews.bench;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * CPU time the JIT compiler threads of some JVMs have used, read from
 * {@code /proc/<pid>/task/<tid>/stat} (Linux). A JVM started seconds before spends much of its CPU
 * compiling the code that a load runs through, and on two shared cores a rate measured then tells
 * more about the compiler than about the code; this says when the compilers have gone quiet.
 */
final class CompilerCpu {
  private CompilerCpu() {}

  /** CPU time of the compiler threads of all the JVMs, or empty where the system does not report threads. */
  static Optional<Duration> of(Collection<ProcessHandle> jvms) {
    long ticks = 0;
    for (ProcessHandle jvm : jvms) {
      Optional<List<ThreadStat>> threads = ThreadStat.of(jvm);
      if (threads.isEmpty()) {
        return Optional.empty();
      }
      ticks += threads.get().stream().mapToLong(CompilerCpu::compilerTicks).sum();
    }
    return Optional.of(Duration.ofMillis(ticks * 1000 / ThreadStat.TICKS_PER_SECOND));
  }

  /**
   * User and system ticks of one thread's {@code stat} line if the thread is a HotSpot compiler
   * thread ("C1 CompilerThre", "C2 CompilerThre": the name cut to 15 characters), else 0.
   */
  static long compilerTicks(String statLine) {
    return compilerTicks(ThreadStat.parse(statLine));
  }

  private static long compilerTicks(ThreadStat thread) {
    return isCompiler(thread.shortName()) ? thread.ticks() : 0;
  }

  /** A HotSpot JIT compiler thread, by its full name ("C2 CompilerThread0") or the kernel's 15 characters of it. */
  static boolean isCompiler(String threadName) {
    return threadName.contains("CompilerThre");
  }
}
