package dev.streamviews.bench;

import dev.streamviews.infra.cluster.LocalCluster;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code scripts/bench}: starts a local cluster, measures each figure beside its reference in the
 * same run, and prints one line per figure and a Markdown table for {@code docs/BENCHMARKS.md}.
 * Figures are reported, not asserted: a goal not met is a finding to explain, not a failed run.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Measure streamviews against Kafka's own tools and Avro alone, in one run on a local cluster.",
        "  A  publish: the producer CLI vs ProducerPerformance",
        "  B  process: the processor (exactly-once) vs ConsumerPerformance on the same backlog;",
        "     B' exactly-once vs at-least-once; D restore after wiping state vs ConsumerPerformance on the changelogs;",
        "     C point lookups through the view service vs a constant JSON endpoint on the same server;",
        "     E freshness, acknowledged to visible over REST under load, vs EndToEndLatency",
        "  F  serde: our Avro serde vs SpecificDatumWriter/Reader alone (JMH)"})
public final class BenchCli implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--quick", description = "A short run (two to three minutes; figures indicative only).")
  boolean quick;

  @Option(names = "--only", split = ",", paramLabel = "FIGURE", description = "Only these figure groups: A, B (with B', D, C and E), F.")
  Set<String> only = Set.of("A", "B", "F");

  @Option(names = "--stream-threads", defaultValue = "2", paramLabel = "N",
      description = "Stream threads of the processor instance in B and D (default: ${DEFAULT-VALUE}, the processor's default).")
  int streamThreads;

  @Option(names = "--dir", paramLabel = "DIR", description = "Where the run's cluster, logs and reports go (default: .data/bench, wiped first).")
  Path dir;

  /** The bench's logging configuration, a class path resource: several of our jars bring a logback.xml for their own CLI. */
  static final String LOGBACK_CONFIG = "streamviews-bench-logback.xml";

  /**
   * The option that gives a JVM started on the bench's class path (JMH's forks, the tools and the
   * CLI run) the bench's logging: without it, the first of several logback.xml wins and logback
   * prints its start-up status.
   */
  static String logbackOption() {
    return "-Dlogback.configurationFile=" + LOGBACK_CONFIG;
  }

  public static void main(String[] args) {
    System.setProperty("logback.configurationFile", LOGBACK_CONFIG);
    System.exit(new CommandLine(new BenchCli()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path root = projectRoot();
    Path workDir = dir != null ? dir : root.resolve(".data/bench");
    Directories.deleteRecursively(workDir);
    Files.createDirectories(workDir);
    out.printf("streamviews bench%s: %d cores, %s %s, %s%n", quick ? " --quick" : "", Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.name"), System.getProperty("java.version"), Instant.now());
    out.flush();
    List<Figure> figures = new ArrayList<>();
    if (only.contains("F")) {
      figures.add(report(out, SerdeFigure.measure(new BenchRun(null, root, workDir, quick, streamThreads))));
    }
    if (only.contains("A") || only.contains("B")) {
      Path clusterDir = workDir.resolve("cluster");
      try (LocalCluster cluster = LocalCluster.start(LocalCluster.Config.onFreePorts(clusterDir))) {
        BenchRun run = new BenchRun(cluster, root, workDir, quick, streamThreads);
        run.createTopics();
        if (only.contains("A")) {
          figures.add(report(out, PublishFigure.measure(run)));
        }
        if (only.contains("B")) {
          for (Figure figure : ProcessFigures.measure(run)) {
            figures.add(report(out, figure));
          }
        }
      } catch (Exception e) {
        // What the broker saw is the first thing to read when a figure fails on a machine we cannot log in to.
        Path brokerLog = clusterDir.resolve("kafka/broker.log");
        spec.commandLine().getErr().printf("The run failed; the last lines of %s:%n%s%n", brokerLog, Directories.tail(brokerLog, 40));
        throw e;
      }
    }
    Path table = workDir.resolve("BENCHMARKS-table.md");
    List<String> rows = new ArrayList<>(List.of("| figure | ours | reference | ratio | goal | |", "|---|---|---|---|---|---|"));
    figures.forEach(figure -> rows.add(figure.markdownRow()));
    Files.write(table, rows);
    out.println("Table for docs/BENCHMARKS.md: " + table);
    return 0;
  }

  private static Figure report(PrintWriter out, Figure figure) {
    out.println(figure.line());
    out.flush();
    return figure;
  }

  /** The project root: this jar is {@code <root>/bench/target/streamviews-bench.jar}. */
  private static Path projectRoot() throws URISyntaxException {
    Path jar = Path.of(BenchCli.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    return jar.getParent().getParent().getParent();
  }
}
