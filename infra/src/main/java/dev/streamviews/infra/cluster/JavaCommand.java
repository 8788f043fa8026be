package dev.streamviews.infra.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A command line that runs a main class on the JVM this process runs on. */
final class JavaCommand {
  private JavaCommand() {}

  static List<String> of(String classpath, List<String> jvmOptions, String mainClass, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(classpath);
    command.add(mainClass);
    command.addAll(List.of(args));
    return command;
  }
}
