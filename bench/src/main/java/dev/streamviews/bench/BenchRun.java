package dev.streamviews.bench;

import dev.streamviews.infra.cluster.LocalCluster;
import dev.streamviews.producers.Cli;
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
    List<String> all = new ArrayList<>(List.of("produce"));
    all.addAll(List.of(args));
    all.addAll(List.of("--bootstrap-servers", cluster.bootstrapServers(), "--schema-registry", cluster.schemaRegistryUrl().toString()));
    cli(all);
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
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
    if (exit != 0) {
      throw new IllegalStateException(String.join(" ", args) + " failed: " + err);
    }
    return out.toString();
  }
}
