package dev.streamviews.replay;

import dev.streamviews.producers.CliFailure;
import dev.streamviews.replay.copy.CopyCommand;
import dev.streamviews.replay.dlq.DlqCommand;
import dev.streamviews.replay.rebuild.RebuildCommand;
import dev.streamviews.replay.reset.ResetCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The entry point of {@code scripts/replay}: reprocess history. A failure is told in one line,
 * a usage error too (with a pointer to {@code --help}), never a stack trace.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
    subcommands = {ResetCommand.class, RebuildCommand.class, DlqCommand.class, CopyCommand.class},
    description = "Reprocess history in the streamviews pipeline. Each command has its own --help.")
public final class ReplayCli {
  private ReplayCli() {}

  public static void main(String[] args) {
    System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  /** Runs the command line and returns its exit code: 0 done, 1 failed, 2 usage error. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine commandLine = new CommandLine(new ReplayCli());
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setParameterExceptionHandler((e, arguments) -> {
      CommandLine command = e.getCommandLine();
      command.getErr().println(command.getCommandSpec().qualifiedName() + ": " + e.getMessage()
          + " (see " + command.getCommandSpec().qualifiedName() + " --help)");
      command.getErr().flush();
      return 2;
    });
    commandLine.setExecutionExceptionHandler((e, command, parsed) -> {
      String message = e instanceof CliFailure ? e.getMessage() : "unexpected error: " + e;
      command.getErr().println(command.getCommandSpec().qualifiedName() + ": " + message);
      command.getErr().flush();
      return 1;
    });
    return commandLine.execute(args);
  }
}
