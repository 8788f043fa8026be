package dev.streamviews.bench;

import dev.streamviews.schemas.topics.Topics;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
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
    Duration warmUp = Duration.ofSeconds(run.quick() ? 2 : 10);
    Duration measured = Duration.ofSeconds(run.quick() ? 5 : 20);
    Supplier<URI> lookups = HttpLoad.randomKeys(views.http, "/views/order-status/", keys);
    Supplier<URI> constantAnswer = () -> views.http.resolve("/healthz/liveness");
    // Both paths are warmed up before either is measured. The constant answer runs through the same
    // Netty and Micronaut HTTP code as a lookup, so measured after the lookups it would run on code
    // the JIT had compiled for them, and the lookups on code still being compiled: a profile of a run
    // that warmed each for 5 s just before measuring it had the view service's compiler threads at a
    // third of its CPU.
    CpuMeter none = new CpuMeter(Map.of());
    HttpLoad.run(lookups, CONNECTIONS, Duration.ZERO, warmUp, none);
    HttpLoad.run(constantAnswer, CONNECTIONS, Duration.ZERO, warmUp, none);
    Map<String, ProcessHandle> jvms = new LinkedHashMap<>();
    jvms.put("view service", views.handle());
    jvms.put("processor", processor.handle());
    jvms.put("load generator", ProcessHandle.current());
    Duration settle = Duration.ofSeconds(1);
    HttpLoad.Result ours = HttpLoad.run(lookups, CONNECTIONS, settle, measured, new CpuMeter(jvms));
    HttpLoad.Result constant = HttpLoad.run(constantAnswer, CONNECTIONS, settle, measured, new CpuMeter(jvms));
    return new Figure("C. query", ours.requestsPerSecond(), constant.requestsPerSecond(), "requests/s", 0.6, String.format(Locale.ROOT,
        "p50/p99 %.1f/%.1f ms against %.1f/%.1f ms; %d connections, %,d keys; non-200 answers %d and %d; CPU ms per request %s against %s",
        ours.p50Millis(), ours.p99Millis(), constant.p50Millis(), constant.p99Millis(), CONNECTIONS, keys.size(), ours.non200(),
        constant.non200(), cpuPerRequest(ours), cpuPerRequest(constant)));
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
