package dev.streamviews.bench;

import dev.streamviews.schemas.topics.Topics;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Supplier;

/**
 * Figure C: point lookups of {@code order-status} through the view service (HTTP, routing by
 * Kafka Streams metadata, gRPC to the processor, RocksDB) over many keys, against the same server's
 * liveness endpoint, which answers a constant JSON body; the same load generator drives both.
 */
final class QueryFigure {
  private static final int CONNECTIONS = 16;

  private QueryFigure() {}

  /**
   * @param views a view service in front of a ready processor instance
   * @param processor that instance, whose CPU time is counted beside the view service's and the load generator's
   */
  static Figure measure(BenchRun run, ViewServiceProcess views, ProcessorProcess processor) throws InterruptedException {
    List<String> keys = orderIds(run, run.quick() ? 5_000 : 50_000);
    Duration measured = Duration.ofSeconds(run.quick() ? 5 : 20);
    Supplier<URI> lookups = HttpLoad.randomKeys(views.http, "/views/order-status/", keys);
    Supplier<URI> constantAnswer = () -> views.http.resolve("/healthz/liveness");
    Map<String, ProcessHandle> jvms = new LinkedHashMap<>();
    jvms.put("view service", views.handle());
    jvms.put("processor", processor.handle());
    jvms.put("load generator", ProcessHandle.current());
    String warmedUp = warmUp(run, lookups, constantAnswer, jvms.values());
    Duration settle = Duration.ofSeconds(1);
    HttpLoad.Result ours = HttpLoad.run(lookups, CONNECTIONS, settle, measured, new CpuMeter(jvms));
    HttpLoad.Result constant = HttpLoad.run(constantAnswer, CONNECTIONS, settle, measured, new CpuMeter(jvms));
    return new Figure("C. query", ours.requestsPerSecond(), constant.requestsPerSecond(), "requests/s", 0.6, String.format(Locale.ROOT,
        "p50/p99 %.1f/%.1f ms against %.1f/%.1f ms; %d connections, %,d keys; non-200 answers %d and %d; CPU ms per request %s against %s; %s",
        ours.p50Millis(), ours.p99Millis(), constant.p50Millis(), constant.p99Millis(), CONNECTIONS, keys.size(), ours.non200(),
        constant.non200(), cpuPerRequest(ours), cpuPerRequest(constant), warmedUp));
  }

  /**
   * Drives both paths until the JIT compilers of the JVMs involved have gone quiet, and says how
   * long that took. Both are warmed before either is measured: the constant answer runs through the
   * same Netty and Micronaut HTTP code as a lookup, and measured second it would run on code compiled
   * for the lookups. A fixed 10 s was not enough: the view service (started just before) and the
   * processor (restarted for D) kept compiling for 40 s of lookups on two busy cores, the compilers
   * took half of their CPU through the measured 20 s, and the lookup rate rose from 1 k to 7 k
   * requests/s within it while the constant answer, measured after, found everything compiled.
   * The cap was 90 s until six of twelve full runs reached it with the compilers busy (docs/BENCHMARKS.md, C).
   */
  private static String warmUp(BenchRun run, Supplier<URI> lookups, Supplier<URI> constantAnswer, Collection<ProcessHandle> jvms)
      throws InterruptedException {
    Duration first = Duration.ofSeconds(run.quick() ? 2 : 10);
    Duration slice = Duration.ofSeconds(2);
    Duration cap = Duration.ofSeconds(run.quick() ? 10 : 150);
    CpuMeter none = new CpuMeter(Map.of());
    long started = System.nanoTime();
    HttpLoad.run(lookups, CONNECTIONS, Duration.ZERO, first, none);
    HttpLoad.run(constantAnswer, CONNECTIONS, Duration.ZERO, first, none);
    while (true) {
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      Optional<Duration> before = CompilerCpu.of(jvms);
      if (before.isEmpty()) {
        return "warmed up " + took.toSeconds() + " s (compiler threads not readable here)";
      }
      if (took.compareTo(cap) >= 0) {
        return "warmed up " + took.toSeconds() + " s, the compilers still busy at that cap";
      }
      HttpLoad.run(lookups, CONNECTIONS, Duration.ZERO, slice, none);
      HttpLoad.run(constantAnswer, CONNECTIONS, Duration.ZERO, slice, none);
      Optional<Duration> after = CompilerCpu.of(jvms);
      if (after.isPresent() && isQuiet(after.get().minus(before.get()), slice.multipliedBy(2))) {
        return "warmed up " + Duration.ofNanos(System.nanoTime() - started).toSeconds()
            + " s, until the JIT compilers of the three JVMs used under a tenth of a core";
      }
    }
  }

  /** Compilers that used under a tenth of one core over a span of both paths: what is left to compile is not what runs. */
  static boolean isQuiet(Duration compilerCpu, Duration span) {
    return compilerCpu.toNanos() * 10 < span.toNanos();
  }

  /** "view service 0.90, processor 0.60, load generator 0.40". */
  private static String cpuPerRequest(HttpLoad.Result result) {
    StringJoiner joined = new StringJoiner(", ");
    result.cpuMillisPerRequest().forEach((jvm, millis) -> joined.add(String.format(Locale.ROOT, "%s %.3f", jvm, millis)));
    return joined.toString();
  }

  /** Until the processor's readiness says UP (its stores restored): before a view service is put in front of it. */
  static void awaitReady(ProcessorProcess processor) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (System.nanoTime() < deadline) {
      if (processor.readiness().map(report -> "UP".equals(report.path("status").asText())).orElse(false)) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the processor did not become ready for the query figure");
  }

  /** Order ids published to shop.orders (each has an order-status). */
  private static List<String> orderIds(BenchRun run, int wanted) {
    List<String> keys = new ArrayList<>();
    TopicReading.fromBeginning(run.cluster().bootstrapServers(), Topics.ORDERS.name(), Duration.ofSeconds(30), record -> {
      if (record.key() != null) {
        keys.add(new String(record.key(), StandardCharsets.UTF_8));
      }
      return keys.size() < wanted;
    });
    if (keys.isEmpty()) {
      throw new IllegalStateException("no order ids to query");
    }
    return keys;
  }
}
