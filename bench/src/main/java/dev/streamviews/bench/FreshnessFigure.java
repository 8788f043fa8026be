package dev.streamviews.bench;

import dev.streamviews.bench.Figure.Better;
import dev.streamviews.bench.FreshnessProbes.Probe;
import dev.streamviews.bench.FreshnessProbes.Probes;
import dev.streamviews.schemas.events.OrderLine;
import dev.streamviews.schemas.events.OrderPlaced;
import dev.streamviews.schemas.registry.SchemaRegistryClient;
import dev.streamviews.schemas.serde.AvroSerializer;
import dev.streamviews.schemas.topics.Topics;
import dev.streamviews.schemas.topics.Views;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Figure E: how soon a published event can be read from its view. While generated events of all
 * four topics flow in at half of B's rate, probe orders are published at a steady rate with
 * {@code acks=all} (our serializer, through the registry) and, from the moment Kafka acknowledges
 * one, its {@code order-status} is asked for over REST until it answers. Each probe's times are
 * written to {@code freshness-probes.csv}, with the moment it appeared in the view topic. The reference is Kafka's
 * {@code EndToEndLatency} (send with {@code acks=all}, then poll for the record) with records of
 * the probes' size, run under the same load for as long as the probes were measured: what Kafka
 * alone takes to carry a record from producer to consumer on this machine over that span.
 */
final class FreshnessFigure {
  static final String REFERENCE_TOPIC = "bench.end-to-end-latency";
  /** Enough for minutes of EndToEndLatency at its pace here (a record in well under a millisecond). */
  private static final int MAX_REFERENCE_RECORDS = 200_000;
  /** A probe not visible by then is a failed run, not a slow sample. */
  private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(30);
  /** Probes a second: a few hundred in a quick run's load, light beside the load itself. */
  private static final int PROBES_PER_SECOND = 20;
  /** Between two rounds of looks at the view: short against the latencies measured, long enough not to load the server. */
  private static final long POLL_PAUSE_NANOS = 500_000;
  /** Kept up: no input partition holds more than this much of the load (of one partition number) waiting... */
  private static final Duration CAUGHT_UP = Duration.ofMillis(100);
  /** ...for this long. */
  private static final Duration STEADY_FOR = Duration.ofSeconds(5);
  /** The goal: our p99 at most this many times the reference's. */
  private static final int GOAL_TIMES_REFERENCE = 5;

  private FreshnessFigure() {}

  /**
   * @param processor the instance the view service asks, whose input lag says when it keeps up
   * @param processingRate figure B's result: the background load runs at half of it
   */
  static Figure measure(BenchRun run, ViewServiceProcess views, ProcessorProcess processor, double processingRate)
      throws InterruptedException {
    double rate = processingRate / 2;
    // The instance was restarted for D and has only restored and answered queries since: its
    // processing code is not compiled yet, and after the ten million records of a full run's restore
    // RocksDB still has compactions to catch up on. Probes count once the load has warmed it up
    // (after 20 s its compiler still took half a core for 8 s more, and 29 of the run's 42 probes
    // over 30 ms fell in those 8 s) and it keeps up: a full run whose probes counted from a fixed
    // 40 s had its first 10 s of probes seconds late, the instance still working through the load
    // of its warm-up, and then no probe over 101 ms (docs/BENCHMARKS.md, E). Freshness is measured
    // in the steady state; how long the instance took to reach it is printed beside the figure.
    // Keeping up is not enough for that. Two runs on 2026-12-02 counted from 40-42 s into the load,
    // once the processor had kept up for 5 s. In one, 52 of the 85 probes over 15 ms fell in the
    // first 8 s of the span (p99 37.9 ms, 22.8 ms without those 8 s), and the processor used 0.62
    // cores against 0.44 in the other for the same load. In the other, sampled thread by thread,
    // the processor's compiler threads took a quarter to half a core until 41 s into the load and
    // next to nothing after (docs/BENCHMARKS.md, E). So the compilers of every JVM on the probes'
    // path must have gone quiet too, as C waits for them.
    // How long the compilers take is the compile work over the share of a core they get. A JFR
    // recording of the processor's compilations in an --only B run had its C2 compile about 33 s of
    // CPU of E's path in the first 40 s of the load, on cores with room for it; in a full run with
    // the cores 97 % busy it had 0.28 of a core, and 40 s of allowance ran out with the compilers
    // busy in five of twelve full runs (docs/BENCHMARKS.md, E). Hence 100 s: the line still says
    // when the allowance ran out instead.
    // A quick run only shows that the figure is measured: its processor is seconds old.
    Duration warmUp = Duration.ofSeconds(run.quick() ? 5 : 40);
    Duration allowance = Duration.ofSeconds(run.quick() ? 5 : 100);
    Duration measured = Duration.ofSeconds(run.quick() ? 5 : 45);
    // The load spreads over the partitions of each topic; the lag is read per partition.
    long maxLag = Math.max(10, Math.round(rate * CAUGHT_UP.toNanos() / 1e9 / Topics.PARTITIONS));
    // Where the CPU went while the probes counted: short of the goal with the cores all busy is short of CPU.
    Map<String, ProcessHandle> jvms = new LinkedHashMap<>();
    jvms.put("processor", processor.handle());
    jvms.put("broker", run.broker());
    jvms.put("view service", views.handle());
    jvms.put("bench (load, probes)", ProcessHandle.current());
    SpanCpu cpu = new SpanCpu(jvms);
    List<ThreadCpuSamples.Interval> perThread;
    List<Probe> counted;
    CatchUpWatch caughtUp;
    // Second by second and thread by thread too: the few seconds that decide the p99 (SlowestStretch).
    Map<ThreadCpuSamples.ThreadKey, String> threadNames;
    try (BackgroundLoad load = BackgroundLoad.start(run, events(rate, warmUp.plus(allowance).plus(measured)), rate, 3);
        CatchUpWatch watch = new CatchUpWatch(processor, jvms.values(), maxLag, STEADY_FOR, warmUp, warmUp.plus(allowance));
        ThreadCpuSamples threads = new ThreadCpuSamples(jvms)) {
      caughtUp = watch;
      counted = probe(run, views.http, load, watch, measured, cpu, threads);
      threadNames = threads.names(); // thread dumps pause the JVMs: only once the probes are done
      perThread = threads.intervals();
    }
    long origin = counted.get(0).ackedAt;
    ThreadCpuSamples.writeSeries(run.workDir().resolve("freshness-threads.csv"), perThread, threadNames, origin);
    Probes probes = new Probes(counted.stream().mapToLong(probe -> probe.visibleAt - probe.ackedAt).toArray(), counted.get(0).recordSize);
    ReferenceRun asManyAsProbes;
    ReferenceRun overTheSpan;
    // Three times the measured span leaves room for both reference runs; the load stops once they are done.
    try (BackgroundLoad load = BackgroundLoad.start(run, events(rate, measured.multipliedBy(3)), rate, 4)) {
      // EndToEndLatency sends a record only once it has received the one before, so as many records
      // as probes take it a second or two, while the probes take the whole measured span. Its p99
      // would then see only that second or two of the machine, starting cold (p99 5-6 ms where a
      // longer run had 3 ms), and none of what happens now and then: in one full run, 21 of the 33
      // probes over 30 ms fell in the 4 s when the broker's log cleaner took most of a core
      // (docs/BENCHMARKS.md, E). So it runs a second time, with as many records as fill the
      // probes' span at the pace of its first run, and that run is the reference.
      asManyAsProbes = ReferenceRun.of(run, probes.count(), probes.recordSize());
      int spanning = (int) Math.min(MAX_REFERENCE_RECORDS, Math.round(probes.count() * (double) measured.toNanos() / asManyAsProbes.nanos));
      overTheSpan = spanning > probes.count() ? ReferenceRun.of(run, spanning, probes.recordSize()) : asManyAsProbes;
      load.stop();
    }
    // EndToEndLatency prints whole milliseconds, rounded down; under one is counted as one.
    long referenceP99 = Math.max(1, overTheSpan.latencies.p99Millis());
    String slowest = SlowestStretch.describe(perThread, counted, Duration.ofMillis(referenceP99 * GOAL_TIMES_REFERENCE).toNanos(), threadNames,
        origin);
    return new Figure("E. freshness", probes.p99Millis(), referenceP99, "ms p99", GOAL_TIMES_REFERENCE, Better.LOWER, String.format(Locale.ROOT,
        "order-status, acknowledged to visible over REST: p50/p99 %.1f/%.1f ms over %,d probes (%d/s, %d s) against send to received"
            + " p50/p99 %d/%d ms (whole ms) over %,d records in %.1f s (over %,d records in %.1f s: p99 %d ms); background load %,.0f events/s;"
            + " probes counted from %d s into the load, %s; over the measured span %s; %s (every second's threads in freshness-threads.csv)",
        probes.p50Millis(), probes.p99Millis(), probes.count(), PROBES_PER_SECOND, measured.toSeconds(),
        overTheSpan.latencies.p50Millis(), overTheSpan.latencies.p99Millis(), overTheSpan.records, overTheSpan.nanos / 1e9,
        asManyAsProbes.records, asManyAsProbes.nanos / 1e9, asManyAsProbes.latencies.p99Millis(), rate, caughtUp.after().toSeconds(),
        caughtUp.reason(), cpu.used(), slowest));
  }

  /** One run of EndToEndLatency, and how long it took. */
  private record ReferenceRun(KafkaTools.Latencies latencies, int records, long nanos) {
    static ReferenceRun of(BenchRun run, int records, int recordSize) {
      long started = System.nanoTime();
      KafkaTools.Latencies latencies = KafkaTools.endToEndLatency(run.cluster().bootstrapServers(), REFERENCE_TOPIC, records, recordSize);
      return new ReferenceRun(latencies, records, Math.max(1, System.nanoTime() - started));
    }
  }

  /**
   * Probes at a steady rate while the load runs, each published whatever became of the ones before
   * (so a stall is measured by every probe it holds up, not by one), and one thread asking over REST
   * for every acknowledged probe not yet seen, round after round. A probe's latency is therefore
   * exact to within one round, which is one request when the pipeline keeps up. Probes go out from
   * the start of the warm-up, so that the path they take (this producer, the HTTP client asking, the
   * view service's and the processor's not-found answers, which the query figure never asks for) is
   * compiled before the ones that count: only probes sent in the measured span, which starts once
   * the processor keeps up with the load and the compilers are quiet ({@code caughtUp}), count.
   */
  private static List<Probe> probe(BenchRun run, URI views, BackgroundLoad load, CatchUpWatch caughtUp, Duration measured, SpanCpu cpu,
      ThreadCpuSamples threads) throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    String prefix = "fresh-" + Long.toString(System.currentTimeMillis(), 36) + "-";
    List<Probe> all = new ArrayList<>();
    Queue<Probe> acknowledged = new ConcurrentLinkedQueue<>();
    AtomicReference<Exception> failure = new AtomicReference<>();
    try (KafkaProducer<String, OrderPlaced> producer = probeProducer(run);
        ViewTopicWatch emitted = new ViewTopicWatch(run.cluster().bootstrapServers(), Views.ORDER_STATUS.topic().name(), prefix)) {
      ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor();
      sender.scheduleAtFixedRate(() -> {
        if (!load.running()) {
          return;
        }
        long now = System.nanoTime();
        long from = caughtUp.fromNanos(); // Long.MAX_VALUE until the steady state
        Probe probe = new Probe(prefix + all.size(), now >= from && now - from < measured.toNanos());
        all.add(probe);
        if (probe.measured && !cpu.started()) {
          cpu.start();
          threads.start();
        } else if (cpu.started() && !probe.measured && !cpu.stopped()) {
          cpu.stop();
          threads.stop();
          load.stop(); // the measured span is over; the probes still out are waited for below
        }
        OrderPlaced order = new OrderPlaced(probe.orderId, "c-fresh", List.of(new OrderLine("sku-fresh", 1, 100L)), Instant.now());
        try {
          producer.send(new ProducerRecord<>(Topics.ORDERS.name(), probe.orderId, order), (metadata, error) -> {
            if (error != null) {
              failure.compareAndSet(null, error);
              return;
            }
            probe.ackedAt = System.nanoTime();
            probe.recordSize = metadata.serializedKeySize() + metadata.serializedValueSize();
            acknowledged.add(probe);
          });
        } catch (RuntimeException e) {
          failure.compareAndSet(null, e); // thrown here, it would silently end the schedule
        }
      }, 0, 1_000 / PROBES_PER_SECOND, TimeUnit.MILLISECONDS);
      List<Probe> outstanding = new ArrayList<>();
      while (load.running() || !outstanding.isEmpty() || !acknowledged.isEmpty()) {
        if (!load.running() && !sender.isShutdown()) {
          // The last probes go out with the load; wait until they are acknowledged before the last rounds.
          sender.shutdown();
          sender.awaitTermination(10, TimeUnit.SECONDS);
          producer.flush();
        }
        if (failure.get() != null) {
          throw new IllegalStateException("a probe order was not acknowledged: " + failure.get(), failure.get());
        }
        for (Probe probe; (probe = acknowledged.poll()) != null; ) {
          outstanding.add(probe);
        }
        for (Iterator<Probe> it = outstanding.iterator(); it.hasNext(); ) {
          if (answered(http, views, it.next())) {
            it.remove();
          }
        }
        LockSupport.parkNanos(POLL_PAUSE_NANOS);
      }
      sender.shutdownNow();
      cpu.stop(); // if the load ended within the measured span
      threads.stop();
      Thread.sleep(200);
      all.forEach(probe -> probe.inViewTopicAt = emitted.firstSeen(probe.orderId));
    }
    List<Probe> counted = all.stream().filter(probe -> probe.measured).toList();
    if (counted.isEmpty()) {
      throw new IllegalStateException("no probe was measured: the load ended before the processor kept up with it");
    }
    FreshnessProbes.writeSeries(run.workDir().resolve("freshness-probes.csv"), counted);
    return counted;
  }

  private static long events(double ratePerSecond, Duration duration) {
    return Math.max(1, Math.round(ratePerSecond * duration.toSeconds()));
  }

  /** Asks for the probe's order once: true (and its time noted) when the view has it. */
  private static boolean answered(HttpClient http, URI views, Probe probe) throws InterruptedException {
    int status;
    try {
      status = http.send(HttpRequest.newBuilder(views.resolve("/views/order-status/" + probe.orderId)).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      throw new IllegalStateException("the view service did not answer for " + probe.orderId + ": " + e, e);
    }
    long now = System.nanoTime();
    if (status == 200) {
      probe.visibleAt = now;
      return true;
    }
    probe.otherAnswers.merge(status, 1, Integer::sum);
    if (now - probe.ackedAt > VISIBLE_WITHIN.toNanos()) {
      throw new IllegalStateException(probe.orderId + " was not visible " + VISIBLE_WITHIN.toSeconds() + " s after it was acknowledged"
          + " (answers " + probe.otherAnswers + ")");
    }
    return false;
  }

  private static KafkaProducer<String, OrderPlaced> probeProducer(BenchRun run) {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, run.cluster().bootstrapServers());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    // One record at a time, sent at once: as EndToEndLatency sends.
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    return new KafkaProducer<>(config, new StringSerializer(),
        new AvroSerializer<>(new SchemaRegistryClient(run.cluster().schemaRegistryUrl()), true));
  }
}
