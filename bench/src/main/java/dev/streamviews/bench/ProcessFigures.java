package dev.streamviews.bench;

import dev.streamviews.schemas.topics.Topic;
import dev.streamviews.schemas.topics.Topics;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * Figures B, B′, D and C, on one backlog in the four input topics:
 * <ul>
 *   <li>B: the processor (its jar, one instance, exactly-once) working through the backlog, input
 *       records per second from its first commit to its last, against {@code ConsumerPerformance}
 *       reading the same backlog. Beside it, how many records the views write per input record (counted in the B′ run) and the
 *       rate of Kafka Streams doing nothing per record ({@link StreamsFloor});
 *   <li>B′: the same processor with {@code at_least_once}, as the reference for exactly-once;
 *   <li>D: the exactly-once instance restarted on a wiped state directory (see {@link RestoreFigure});
 *   <li>C: with that instance restored and ready, point lookups through a view service (see
 *       {@link QueryFigure});
 *   <li>E: with the same instance and view service, how soon a published order is visible while a
 *       load runs at half of B's rate (see {@link FreshnessFigure}).
 * </ul>
 */
final class ProcessFigures {
  private static final String INPUTS = "shop\\.(orders|payments|shipments|stock-adjustments)";
  private static final Duration POLL = Duration.ofMillis(50);

  private ProcessFigures() {}

  static List<Figure> measure(BenchRun run) throws Exception {
    List<String> inputs = Topics.inputs().stream().map(Topic::name).toList();
    // Orders are in shop.orders already (figure A); a consistent run of all four topics joins them.
    run.produce("all", "--generate", run.quick() ? "10000" : "250000", "--seed", "2");
    List<Figure> figures = new ArrayList<>();
    try (GroupProgress kafka = new GroupProgress(run.cluster().bootstrapServers())) {
      long backlog = kafka.records(inputs);
      double reference = KafkaTools.consumerPerformance(run.cluster().bootstrapServers(), INPUTS, backlog, "bench-consumer-performance");
      Path eosState = run.workDir().resolve("state-eos");
      double exactlyOnce;
      SpanCpu exactlyOnceCpu;
      try (ProcessorProcess processor = ProcessorProcess.start(run, "bench-eos", eosState, "exactly_once_v2",
          run.workDir().resolve("processor-eos.log"))) {
        Map<String, ProcessHandle> jvms = new LinkedHashMap<>();
        jvms.put("processor", processor.handle());
        jvms.put("broker", run.broker());
        exactlyOnceCpu = new SpanCpu(jvms);
        exactlyOnce = processingRate(kafka, processor::alive, "bench-eos", inputs, backlog, run.quick(), exactlyOnceCpu);
      }
      double floor;
      try (StreamsFloor streams = StreamsFloor.start(run.cluster().bootstrapServers(), "bench-floor", inputs,
          run.workDir().resolve("state-floor"), run.streamThreads())) {
        floor = processingRate(kafka, streams::running, "bench-floor", inputs, backlog, run.quick(), new SpanCpu(Map.of()));
      }
      // What the views write for each input record (changelogs, repartitions, view topics) is counted
      // in the at-least-once run: offsets there are records only, while exactly-once adds a
      // transaction marker to every partition at every commit, so its offsets grow with its run time.
      ReferenceInstanceTopics aloTopics = new ReferenceInstanceTopics(run.cluster().bootstrapServers(), "bench-alo");
      aloTopics.create();
      double atLeastOnce;
      try (ProcessorProcess processor = ProcessorProcess.start(run, "bench-alo", run.workDir().resolve("state-alo"),
          "at_least_once", run.workDir().resolve("processor-alo.log"), ReferenceInstanceTopics.VIEWS_VERSION)) {
        atLeastOnce = processingRate(kafka, processor::alive, "bench-alo", inputs, backlog, run.quick(), new SpanCpu(Map.of()));
      }
      long written = kafka.records(kafka.topicsMatching("bench-alo-.*-(changelog|repartition)")) + kafka.records(aloTopics.viewTopics());
      aloTopics.delete(kafka);
      String backlogNote = String.format("backlog of %,d input records, one processor instance, %d stream thread(s), exactly_once_v2; "
              + "%.1f records written per input record; Kafka Streams doing nothing per record: %,.0f records/s, ratio %.2f; "
              + "while timed %s",
          backlog, run.streamThreads(), written / (double) backlog, floor, floor / reference, exactlyOnceCpu.used());
      figures.add(new Figure("B. process", exactlyOnce, reference, "records/s", 0.35, backlogNote));
      figures.add(new Figure("B'. guarantee", exactlyOnce, atLeastOnce, "records/s", 0.8, "B with exactly_once_v2 against B with at_least_once"));
      restoreThenQuery(run, kafka, eosState, exactlyOnce, figures);
    }
    return figures;
  }

  /**
   * Input records per second between the group's first observed commit and the moment it has
   * committed everything: the inputs, and then what it wrote to its own repartition topics on the
   * way (the inputs are committed well before the views are done with the records they repartitioned;
   * at that moment a quarter of the order lines were still to be added up).
   */
  private static double processingRate(GroupProgress kafka, BooleanSupplier alive, String group, List<String> inputs, long backlog,
      boolean quick, SpanCpu cpu) throws InterruptedException {
    long startedAt = System.nanoTime();
    long deadline = startedAt + Duration.ofMinutes(quick ? 5 : 30).toNanos();
    long firstAt = 0;
    long firstCommitted = 0;
    while (System.nanoTime() < deadline && alive.getAsBoolean()) {
      long committed = kafka.committed(group, inputs);
      long now = System.nanoTime();
      if (firstAt == 0 && committed > 0) {
        firstAt = now;
        firstCommitted = committed;
        cpu.start();
      }
      if (committed >= backlog && kafka.drained(group, kafka.topicsMatching(Pattern.quote(group) + "-.*-repartition"))) {
        cpu.stop();
        // A small backlog can be done at the first look: then time it from the start of the JVM, a lower bound.
        return committed > firstCommitted ? (committed - firstCommitted) / ((now - firstAt) / 1e9) : committed / ((now - startedAt) / 1e9);
      }
      Thread.sleep(POLL.toMillis());
    }
    throw new IllegalStateException(group + " did not process the backlog of " + backlog + " records ("
        + (alive.getAsBoolean() ? "still running" : "stopped") + "; see the logs in the bench directory)");
  }

  /** D, then (with the restored instance still running) C and E. */
  private static void restoreThenQuery(BenchRun run, GroupProgress kafka, Path stateDir, double processingRate, List<Figure> figures)
      throws IOException, InterruptedException {
    Directories.deleteRecursively(stateDir);
    try (ProcessorProcess processor = ProcessorProcess.start(run, "bench-eos", stateDir, "exactly_once_v2",
        run.workDir().resolve("processor-restore.log"))) {
      figures.add(RestoreFigure.measure(run, kafka, processor));
      QueryFigure.awaitReady(processor);
      try (ViewServiceProcess views = ViewServiceProcess.start(run, processor.queryEndpoint(), run.workDir().resolve("view-service.log"))) {
        views.awaitReady(Duration.ofMinutes(2));
        figures.add(QueryFigure.measure(run, views, processor));
        figures.add(FreshnessFigure.measure(run, views, processor, processingRate));
      }
    }
  }
}
