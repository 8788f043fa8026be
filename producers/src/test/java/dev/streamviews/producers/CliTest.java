package dev.streamviews.producers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CliTest {

  @Test
  void writesToItsOwnWritersWhenSystemOutIsSwappedBetweenMakingAndExecuting() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = Cli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true));
    ByteArrayOutputStream swapped = new ByteArrayOutputStream();
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    // What another thread of the same JVM may do at any time, as the bench does to capture Kafka's tools.
    System.setOut(new PrintStream(swapped, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(swapped, true, StandardCharsets.UTF_8));
    int exit;
    try {
      exit = commandLine.execute("--help");
      commandLine.execute("produce", "nowhere", "--generate", "0", "--bootstrap-servers", "127.0.0.1:1");
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }

    assertThat(exit).isZero();
    assertThat(out.toString()).contains("Usage: streamviews");
    assertThat(err.toString()).contains("produce: unknown topic 'nowhere'");
    assertThat(swapped.toString(StandardCharsets.UTF_8)).isEmpty();
  }
}
