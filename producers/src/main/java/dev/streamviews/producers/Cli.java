package dev.streamviews.producers;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The entry point of {@code scripts/produce} and {@code scripts/topics}. A {@link CliFailure} is
 * told in one line; anything unexpected too, never as a stack trace.
 */
@Command(name = "streamviews", mixinStandardHelpOptions = true,
    subcommands = {ProduceCommand.class, TopicsCommand.class},
    description = "Publish events and manage the topics of the streamviews pipeline.")
public final class Cli {
  private Cli() {}

  public static void main(String[] args) {
    System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  /** Runs the command line and returns its exit code: 0 done, 1 failed, 2 usage error. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    return commandLine(out, err).execute(args);
  }

  /** The command line, writing to {@code out} and {@code err} whatever happens to System.out and System.err meanwhile. */
  static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine commandLine = new CommandLine(new Cli());
    commandLine.setOut(out);
    commandLine.setErr(err);
    // picocli's default strategy (RunLast, one of its older handlers) keeps System.out and System.err
    // as they were when the CommandLine was made; if they are others when it executes, it points the
    // writers set above at the kept streams. The bench swaps System.out to capture Kafka's tools while a
    // load thread publishes through this CLI, whose output then reached the bench's own. A strategy that
    // is not one of those handlers is left as it is.
    commandLine.setExecutionStrategy(parseResult -> new CommandLine.RunLast().execute(parseResult));
    commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
      String message = e instanceof CliFailure ? e.getMessage() : "unexpected error: " + e;
      cmd.getErr().println(cmd.getCommandName() + ": " + message);
      cmd.getErr().flush();
      return 1;
    });
    return commandLine;
  }
}
