package dev.streamviews.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One thread's line in {@code /proc/<pid>/task/<tid>/stat} (Linux): its id, its name as the kernel
 * keeps it (cut to 15 characters) and the CPU it has used, in clock ticks.
 */
record ThreadStat(long tid, String shortName, long ticks) {
  /**
   * Clock ticks per second of the times in {@code stat}: USER_HZ, which Linux fixes at 100 on every
   * architecture a JDK runs on (the kernel's own tick rate does not change it).
   */
  static final long TICKS_PER_SECOND = 100;

  /** Every thread of the process; empty where the system does not list threads or the process has ended. */
  static Optional<List<ThreadStat>> of(ProcessHandle process) {
    Path tasks = Path.of("/proc", Long.toString(process.pid()), "task");
    if (!Files.isDirectory(tasks)) {
      return Optional.empty();
    }
    List<ThreadStat> threads = new ArrayList<>();
    try (Stream<Path> listed = Files.list(tasks)) {
      for (Path thread : (Iterable<Path>) listed::iterator) {
        try {
          threads.add(parse(Files.readString(thread.resolve("stat"))));
        } catch (IOException endedMeanwhile) {
          // the thread ended between listing and reading
        }
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      return Optional.empty(); // the process ended meanwhile
    }
    return Optional.of(threads);
  }

  /** {@code 5471 (C2 CompilerThre) S 3413 ...}: user and system ticks are fields 14 and 15. */
  static ThreadStat parse(String statLine) {
    int open = statLine.indexOf('(');
    int close = statLine.lastIndexOf(')');
    String[] fields = fieldsAfterName(statLine);
    return new ThreadStat(Long.parseLong(statLine.substring(0, open).trim()), statLine.substring(open + 1, close),
        Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
  }

  /**
   * The fields of a {@code stat} line (a process's or a thread's) after its name, from the state
   * (field 3, at index 0) on: field n is at index n - 3.
   */
  static String[] fieldsAfterName(String statLine) {
    int open = statLine.indexOf('(');
    int close = statLine.lastIndexOf(')'); // a name may itself hold ')' or spaces
    if (open < 0 || close < open) {
      throw new IllegalArgumentException("not a stat line: " + statLine);
    }
    return statLine.substring(close + 2).split(" ");
  }
}
