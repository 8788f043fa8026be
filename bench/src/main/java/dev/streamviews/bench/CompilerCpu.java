package dev.streamviews.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CPU time the JIT compiler threads of some JVMs have used, read from
 * {@code /proc/<pid>/task/<tid>/stat} (Linux). A JVM started seconds before spends much of its CPU
 * compiling the code that a load runs through, and on two shared cores a rate measured then tells
 * more about the compiler than about the code; this says when the compilers have gone quiet.
 */
final class CompilerCpu {
  /**
   * Clock ticks per second of the times in {@code stat}: USER_HZ, which Linux fixes at 100 on every
   * architecture a JDK runs on (the kernel's own tick rate does not change it).
   */
  private static final long TICKS_PER_SECOND = 100;

  private CompilerCpu() {}

  /** CPU time of the compiler threads of all the JVMs, or empty where the system does not report threads. */
  static Optional<Duration> of(Collection<ProcessHandle> jvms) {
    long ticks = 0;
    for (ProcessHandle jvm : jvms) {
      Path tasks = Path.of("/proc", Long.toString(jvm.pid()), "task");
      if (!Files.isDirectory(tasks)) {
        return Optional.empty();
      }
      try (Stream<Path> threads = Files.list(tasks)) {
        ticks += threads.mapToLong(thread -> compilerTicks(thread.resolve("stat"))).sum();
      } catch (IOException e) {
        return Optional.empty(); // the JVM ended meanwhile
      }
    }
    return Optional.of(Duration.ofMillis(ticks * 1000 / TICKS_PER_SECOND));
  }

  private static long compilerTicks(Path stat) {
    try {
      return compilerTicks(Files.readString(stat));
    } catch (IOException e) {
      return 0; // the thread ended between listing and reading
    }
  }

  /**
   * User and system ticks of one thread's {@code stat} line if the thread is a HotSpot compiler
   * thread ("C1 CompilerThre", "C2 CompilerThre": the name cut to 15 characters), else 0.
   */
  static long compilerTicks(String statLine) {
    int open = statLine.indexOf('(');
    int close = statLine.lastIndexOf(')'); // a thread name may itself hold ')' or spaces
    if (open < 0 || close < open || !statLine.substring(open + 1, close).contains("CompilerThre")) {
      return 0;
    }
    // After the name: state (field 3) ... utime (field 14), stime (field 15).
    String[] fields = statLine.substring(close + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }
}
