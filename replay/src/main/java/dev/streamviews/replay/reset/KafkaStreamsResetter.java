package dev.streamviews.replay.reset;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.tools.StreamsResetter;

/**
 * Runs Kafka's own {@link StreamsResetter} in this JVM. It prints to {@code System.out} and
 * {@code System.err} (stack traces included), so both are captured while it runs and handed back
 * as lines for the command to show as it sees fit.
 */
final class KafkaStreamsResetter {
  /** What the tool said and how it ended. */
  record Outcome(int exitCode, List<String> lines) {
    boolean succeeded() {
      return exitCode == 0;
    }

    /** What the tool said, without its stack traces. */
    List<String> messages() {
      return lines.stream()
          .filter(line -> !line.isBlank() && !line.startsWith("\tat ") && !line.startsWith("Caused by") && !line.startsWith("\t..."))
          .toList();
    }

    /** The tool's error line, or its last words. */
    String error() {
      List<String> messages = messages();
      return messages.stream().filter(line -> line.startsWith("ERROR")).findFirst()
          .orElse(messages.isEmpty() ? "exit code " + exitCode : messages.get(messages.size() - 1));
    }
  }

  private KafkaStreamsResetter() {}

  static synchronized Outcome run(List<String> arguments) {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
    PrintStream out = System.out;
    PrintStream err = System.err;
    int exitCode;
    System.setOut(capture);
    System.setErr(capture);
    try {
      exitCode = new StreamsResetter().execute(arguments.toArray(String[]::new));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    return new Outcome(exitCode, captured.toString(StandardCharsets.UTF_8).lines().toList());
  }
}
