package dev.streamviews.producers;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
  /**
   * How long Ctrl-C waits for the command to stop cleanly, a publish flushing what it has sent; the
   * JVM halts after it whatever the command is doing (a flush to a broker that does not answer may
   * otherwise wait out the producer's delivery timeout).
   */
  private static final long STOP_WAIT_SECONDS = 30;

  private Cli() {}

  /**
   * Runs the command in this thread. On Ctrl-C (or a SIGTERM) the JVM runs its shutdown hooks and
   * then halts, whatever the command was doing; the hook here interrupts the command first and
   * waits for it, so that a publish stops sending, waits for what it sent to be acknowledged and
   * says how far it got, instead of leaving records in flight unreported.
   */
  public static void main(String[] args) {
    Thread command = Thread.currentThread();
    CountDownLatch done = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (done.getCount() > 0) {
        command.interrupt();
        try {
          done.await(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }, "streamviews-cli-stop"));
    int exit = run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    done.countDown();
    System.exit(exit);
  }

  /**
   * Runs the command line and returns its exit code: 0 done, 1 failed, 2 usage error,
   * {@link CliInterrupted#EXIT_CODE} interrupted.
   */
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
      String message = e instanceof CliFailure || e instanceof CliInterrupted ? e.getMessage() : "unexpected error: " + e;
      cmd.getErr().println(cmd.getCommandName() + ": " + message);
      cmd.getErr().flush();
      return e instanceof CliInterrupted ? CliInterrupted.EXIT_CODE : 1;
    });
    return commandLine;
  }
}
