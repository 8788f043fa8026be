package dev.streamviews.bench;

import java.nio.file.Path;
import java.util.Collection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Figure F: {@link SerdeBenchmark} under JMH, in a forked JVM; JMH's own report goes to the run's directory. */
final class SerdeFigure {
  private SerdeFigure() {}

  static Figure measure(BenchRun run) throws Exception {
    Path report = run.workDir().resolve("jmh-serde.txt");
    Options options = new OptionsBuilder()
        .include(SerdeBenchmark.class.getName() + "\\.")
        .forks(1)
        .warmupIterations(run.quick() ? 2 : 5)
        .warmupTime(TimeValue.seconds(1))
        .measurementIterations(run.quick() ? 3 : 10)
        .measurementTime(TimeValue.seconds(run.quick() ? 1 : 2))
        .jvmArgs("-Xmx512m", BenchCli.logbackOption()) // JMH forks a JVM per benchmark
        .output(report.toString())
        .build();
    Collection<RunResult> results = new Runner(options).run();
    double ours = score(results, "ourSerde");
    double avro = score(results, "avroAlone");
    return new Figure("F. serde", ours, avro, "ops/s", 0.9,
        "OrderPlaced written and read back, JMH " + (run.quick() ? "short run" : "10 x 2 s after 5 x 1 s warm-up") + ", report " + report);
  }

  private static double score(Collection<RunResult> results, String method) {
    return results.stream()
        .filter(result -> result.getParams().getBenchmark().endsWith("." + method))
        .mapToDouble(result -> result.getPrimaryResult().getScore())
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("JMH gave no result for " + method));
  }
}
