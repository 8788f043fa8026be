package dev.streamviews.bench;

import dev.streamviews.infra.cluster.LocalCluster;
import dev.streamviews.producers.Cli;
import dev.streamviews.producers.CliInterrupted;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What every figure of one benchmark run shares: the local cluster, where the project and the
 * run's files are, and how big the run is.
 *
 * @param quick a short run (CI keeps the harness from rotting with it); its figures are indicative only
 * @param streamThreads stream threads of the processor instance (its setting STREAMVIEWS_STREAM_THREADS)
 */
record BenchRun(LocalCluster cluster, Path root, Path workDir, boolean quick, int streamThreads) {

  /** {@code scripts/produce ARGS} through the CLI's own entry point, against this run's cluster. */
  void produce(String... args) {
    cli(produceArgs(args), false);
  }

  /**
   * The same, in a thread that may be interrupted to stop it early: true when it was (the publish
   * then stopped sending and waited for what it had sent), false when it published every event.
   */
  boolean produceUntilInterrupted(String... args) {
    return cli(produceArgs(args), true).exit() == CliInterrupted.EXIT_CODE;
  }

  private List<String> produceArgs(String... args) {
    List<String> all = new ArrayList<>(List.of("produce"));
    all.addAll(List.of(args));
    all.addAll(List.of("--bootstrap-servers", cluster.bootstrapServers(), "--schema-registry", cluster.schemaRegistryUrl().toString()));
    return all;
  }

  /** The broker's JVM, for the CPU it uses while a figure is measured. */
  ProcessHandle broker() {
    return ProcessHandle.of(cluster.brokerPid()).orElseThrow(() -> new IllegalStateException("the broker's process is gone"));
  }

  /** {@code scripts/topics create}. */
  void createTopics() {
    cli(List.of("topics", "create", "--bootstrap-servers", cluster.bootstrapServers(),
        "--schema-registry", cluster.schemaRegistryUrl().toString()));
  }

  /** A command of the CLI through its own entry point; what it printed on standard output. */
  static String cli(List<String> args) {
    return cli(args, false).out();
  }

  /** A command run; its exit code is 0, or it was interrupted and that is fine. */
  private record Ran(int exit, String out) {}

  private static Ran cli(List<String> args, boolean interruptIsFine) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
    if (exit != 0 && !(interruptIsFine && exit == CliInterrupted.EXIT_CODE)) {
      throw new IllegalStateException(String.join(" ", args) + " failed: " + err);
    }
    return new Ran(exit, out.toString());
  }
}
