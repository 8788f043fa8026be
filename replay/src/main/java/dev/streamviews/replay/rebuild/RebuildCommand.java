package dev.streamviews.replay.rebuild;

import dev.streamviews.producers.CliFailure;
import dev.streamviews.replay.cli.KafkaConnection;
import dev.streamviews.replay.cli.TimeConverter;
import dev.streamviews.replay.kafka.ClusterClient;
import dev.streamviews.replay.kafka.InputSlice;
import dev.streamviews.replay.kafka.ReplayStart;
import dev.streamviews.schemas.control.ApplicationHistory;
import dev.streamviews.schemas.control.PipelineState;
import dev.streamviews.schemas.control.PipelineStateTopic;
import dev.streamviews.schemas.control.PipelineStates;
import dev.streamviews.schemas.control.Versions;
import dev.streamviews.schemas.topics.Topic;
import dev.streamviews.schemas.topics.TopicSpec;
import dev.streamviews.schemas.topics.Topics;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code replay rebuild}: builds the next version of the views beside the serving one and switches
 * to it once it has caught up. The new version is its own Kafka Streams application (own group,
 * internal topics, local state and view topics), started by every processor when the pipeline
 * state names it as being built; view services keep reading the serving version until the state
 * says the new one serves, then move in one step. The old version's internal topics and consumer
 * group are removed once its instances have stopped (each wipes its local copy as it stops).
 */
@Command(name = "rebuild", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Build a new version of the views beside the serving one, then switch to it.",
        "The serving version keeps answering while the new one processes the input; when the new one",
        "has caught up (lag zero on every input partition) view services switch to it in one step,",
        "and the old version's internal topics and local state are removed. Progress is shown",
        "while it runs; if a build is already under way, this follows it."})
public final class RebuildCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--from", paramLabel = "TIME", converter = TimeConverter.class,
      description = "Build from the first record at or after TIME (ISO-8601 or epoch ms); default: the earliest record.")
  Instant from;

  @Option(names = "--app", defaultValue = "streamviews-processor", paramLabel = "APPLICATION_ID",
      description = "The processors' base application id (default: ${DEFAULT-VALUE}).")
  String pipeline;

  @Option(names = "--dry-run", description = "Print the plan; change nothing.")
  boolean dryRun;

  @Option(names = "--interval-ms", defaultValue = "2000", paramLabel = "MS", description = "Show progress every MS ms (default: ${DEFAULT-VALUE}).")
  long intervalMs;

  @Option(names = "--give-up-after", defaultValue = "0", paramLabel = "S",
      description = "Stop following after S seconds without switching (the build goes on; run rebuild again to follow it). 0: never.")
  long giveUpAfterSeconds;

  @Option(names = "--drain-timeout", defaultValue = "300", paramLabel = "S",
      description = "After the switch, wait up to S seconds for the old version's instances to stop before removing its topics (default: ${DEFAULT-VALUE}).")
  long drainTimeoutSeconds;

  @Mixin
  KafkaConnection connection;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<String> inputs = Topics.inputs().stream().map(Topic::name).toList();
    try (ClusterClient kafka = connection.connect()) {
      List<String> needed = new ArrayList<>(inputs);
      needed.add(Topics.PIPELINE_STATE.name());
      kafka.requireTopics(needed);
      PipelineStateTopic stateTopic = new PipelineStateTopic(kafka.bootstrapServers(), pipeline);
      PipelineState state = read(stateTopic, kafka);
      int serving = state.getServingVersion();
      int version;
      InputSlice slice;
      if (state.getBuildingVersion() != null) {
        version = state.getBuildingVersion();
        ApplicationHistory history = PipelineStates.historyOf(state, Versions.applicationId(pipeline, version));
        ReplayStart start = history.getProcessedFrom() == null ? ReplayStart.earliest() : ReplayStart.at(history.getProcessedFrom());
        if (from != null && !ReplayStart.at(from).equals(start)) {
          throw new CliFailure("version " + version + " is already being built from " + start
              + "; run rebuild without --from to follow it");
        }
        slice = InputSlice.of(kafka, inputs, start);
        out.printf("Version %d of %s is already being built beside version %d (from %s); following it.%n",
            version, pipeline, serving, start);
        if (dryRun) {
          out.println("Dry run: nothing changed.");
          return 0;
        }
      } else {
        version = nextVersion(state);
        ReplayStart start = from == null ? ReplayStart.earliest() : ReplayStart.at(from);
        slice = InputSlice.of(kafka, inputs, start);
        printPlan(out, kafka, serving, version, start, slice);
        if (dryRun) {
          out.println("Dry run: nothing changed.");
          return 0;
        }
        begin(kafka, stateTopic, state, version, start, slice, out);
      }
      if (!follow(kafka, version, slice, out)) {
        throw new CliFailure("gave up waiting after " + giveUpAfterSeconds + " s; version " + version
            + " goes on building (run scripts/replay rebuild again to follow it)");
      }
      int old = switchTo(kafka, stateTopic, version, out);
      removeOldVersion(kafka, stateTopic, old, out);
      return 0;
    }
  }

  private void printPlan(PrintWriter out, ClusterClient kafka, int serving, int version, ReplayStart start, InputSlice slice) {
    out.printf("%s version %d of %s beside version %d, which keeps serving (Kafka at %s)%n",
        dryRun ? "Plan (dry run) to build" : "Building", version, pipeline, serving, kafka.bootstrapServers());
    out.printf("  application id: %s (its own consumer group, internal topics and local state)%n",
        Versions.applicationId(pipeline, version));
    out.printf("  input: from %s, %,d records to process (counted by offset: transaction markers count too)%n", start, slice.records());
    slice.recordsByTopic().forEach((topic, records) -> out.printf("    %-28s %,12d%n", topic, records));
    out.println("  view topics: " + String.join(", ", viewTopics(version).stream().map(TopicSpec::name).toList()));
    out.printf("  then: switch view services to version %d when its lag is zero on every input partition,%n", version);
    out.printf("        and remove version %d's internal topics and consumer group once its instances have stopped%n", serving);
  }

  private void begin(ClusterClient kafka, PipelineStateTopic stateTopic, PipelineState state, int version, ReplayStart start,
      InputSlice slice, PrintWriter out) {
    String applicationId = Versions.applicationId(pipeline, version);
    short replication = kafka.replicationFactorOf(Topics.inputs().get(0).name());
    List<String> created = kafka.createMissing(viewTopics(version), replication);
    if (!created.isEmpty()) {
      out.println("  created " + String.join(", ", created));
    }
    if (start.from().isPresent()) {
      // Kafka Streams starts a new group from the earliest record; a group given offsets starts there.
      kafka.setGroupOffsets(applicationId, slice.start());
    }
    ApplicationHistory history = ApplicationHistory.newBuilder()
        .setGeneration(System.currentTimeMillis())
        .setProcessedFrom(start.processedFrom())
        .build();
    PipelineState building = PipelineState.newBuilder(PipelineStates.withHistory(state, applicationId, history))
        .setBuildingVersion(version)
        .build();
    write(stateTopic, building, kafka);
    out.printf("Version %d is being built: processors start it beside version %d.%n", version, state.getServingVersion());
  }

  /** Shows progress until the version has caught up; false if it gave up first. */
  private boolean follow(ClusterClient kafka, int version, InputSlice slice, PrintWriter out) {
    String applicationId = Versions.applicationId(pipeline, version);
    long deadline = giveUpAfterSeconds <= 0 ? Long.MAX_VALUE : System.nanoTime() + Duration.ofSeconds(giveUpAfterSeconds).toNanos();
    try (BuildWatch watch = new BuildWatch(kafka, applicationId, slice)) {
      BuildProgress previous = null;
      long previousAt = System.nanoTime();
      while (true) {
        BuildProgress now = watch.look();
        long at = System.nanoTime();
        out.println(now.describe(version, previous, Duration.ofNanos(at - previousAt)));
        out.flush();
        if (now.caughtUp()) {
          return true;
        }
        if (System.nanoTime() > deadline) {
          return false;
        }
        previous = now;
        previousAt = at;
        sleep(intervalMs);
      }
    }
  }

  /** Makes the version the serving one; returns the version it replaced. */
  private int switchTo(ClusterClient kafka, PipelineStateTopic stateTopic, int version, PrintWriter out) {
    PipelineState state = read(stateTopic, kafka);
    if (state.getBuildingVersion() == null || state.getBuildingVersion() != version) {
      throw new CliFailure("the pipeline state changed while version " + version + " was being built (now: version "
          + state.getServingVersion() + " serves, building " + state.getBuildingVersion() + "); not switching");
    }
    int old = state.getServingVersion();
    Instant now = Instant.now();
    write(stateTopic, PipelineState.newBuilder(state)
        .setServingVersion(version)
        .setServingSince(now)
        .setBuildingVersion(null)
        .build(), kafka);
    out.printf("Switched: version %d serves since %s (was version %d). Version %d answers a little longer while view"
        + " services move over, then its instances stop it.%n", version, now, old, old);
    return old;
  }

  private void removeOldVersion(ClusterClient kafka, PipelineStateTopic stateTopic, int old, PrintWriter out) {
    String applicationId = Versions.applicationId(pipeline, old);
    long deadline = System.nanoTime() + Duration.ofSeconds(drainTimeoutSeconds).toNanos();
    long lastSaid = 0;
    while (!kafka.group(applicationId).members().isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new CliFailure("version " + old + " (" + applicationId + ") still has running instances after "
            + drainTimeoutSeconds + " s; its internal topics were kept. Once they stop: scripts/replay reset --app "
            + applicationId + " --to-earliest removes them");
      }
      if (System.nanoTime() - lastSaid > Duration.ofSeconds(10).toNanos()) {
        out.printf("waiting for the instances of version %d to stop ...%n", old);
        out.flush();
        lastSaid = System.nanoTime();
      }
      sleep(500);
    }
    List<String> internalTopics = kafka.internalTopicsOf(applicationId);
    kafka.deleteTopics(internalTopics);
    kafka.deleteGroup(applicationId);
    write(stateTopic, PipelineStates.withoutHistory(read(stateTopic, kafka), applicationId), kafka);
    out.printf("Removed version %d: %d internal topics and consumer group %s (its view topics %s are kept for their readers).%n",
        old, internalTopics.size(), applicationId, String.join(", ", viewTopics(old).stream().map(TopicSpec::name).toList()));
  }

  private int nextVersion(PipelineState state) {
    int highest = state.getServingVersion();
    for (String applicationId : state.getApplications().keySet()) {
      if (Versions.baseApplicationId(applicationId).equals(pipeline)) {
        highest = Math.max(highest, Versions.versionOf(applicationId));
      }
    }
    return highest + 1;
  }

  private static List<TopicSpec> viewTopics(int version) {
    return Topics.views().stream()
        .map(Topic::spec)
        .map(spec -> new TopicSpec(Versions.viewTopic(spec.name(), version), spec.partitions(), spec.cleanupPolicy(), spec.configs()))
        .toList();
  }

  private static PipelineState read(PipelineStateTopic stateTopic, ClusterClient kafka) {
    try {
      return stateTopic.read(kafka.timeout());
    } catch (IllegalStateException e) {
      throw new CliFailure(e.getMessage());
    }
  }

  private static void write(PipelineStateTopic stateTopic, PipelineState state, ClusterClient kafka) {
    try {
      stateTopic.write(state, kafka.timeout());
    } catch (IllegalStateException e) {
      throw new CliFailure(e.getMessage());
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliFailure("interrupted");
    }
  }
}
