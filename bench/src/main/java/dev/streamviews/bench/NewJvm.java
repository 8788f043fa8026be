package dev.streamviews.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a main class of the bench's class path in a JVM started for it, as its command line would
 * run it, and hands back what it printed. A tool measured for a few seconds in a JVM of its own
 * compiles only its own code, on type profiles of its own: run in the bench's JVM beside another
 * client of the same Kafka classes, it would run on code compiled, and recompiled, for both.
 */
final class NewJvm {
  private NewJvm() {}

  /**
   * Runs {@code mainClass} with {@code args} and waits for it; its standard output and error
   * together.
   *
   * @param jvmOptions options before the class name (profiling, for one)
   * @throws IllegalStateException when it exits other than with 0, with what it printed
   */
  static String run(String name, List<String> jvmOptions, String mainClass, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add(BenchCli.logbackOption()); // the caller's options come after it, so theirs win
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
    command.addAll(args);
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int exit = process.waitFor();
      if (exit != 0) {
        throw new IllegalStateException(name + " exited with " + exit + ":\n" + output);
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while " + name + " ran", e);
    }
  }
}
