package dev.streamviews.replay.reset;

import dev.streamviews.producers.CliFailure;
import dev.streamviews.replay.cli.KafkaConnection;
import dev.streamviews.replay.cli.TimeConverter;
import dev.streamviews.replay.kafka.ClusterClient;
import dev.streamviews.replay.kafka.ConsumerGroup;
import dev.streamviews.replay.kafka.InputSlice;
import dev.streamviews.replay.kafka.ReplayStart;
import dev.streamviews.schemas.control.ApplicationHistory;
import dev.streamviews.schemas.control.PipelineState;
import dev.streamviews.schemas.control.PipelineStateTopic;
import dev.streamviews.schemas.control.PipelineStates;
import dev.streamviews.schemas.control.Versions;
import dev.streamviews.schemas.topics.Topic;
import dev.streamviews.schemas.topics.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code replay reset}: rewinds a stopped application so that its next start rebuilds every view
 * from the earliest record or from a datetime. The rewinding and the removal of internal topics
 * are done by Kafka's own {@code StreamsResetter}; around it this command refuses to run beside
 * live instances, counts what will be reprocessed, and records a new generation in the pipeline
 * state, by which each processor knows to wipe its local stores when it starts.
 */
@Command(name = "reset", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Rewind a stopped application to reprocess its input from the earliest record or a datetime.",
        "Refuses while instances of the application are in its group (a stopped one stays until its session",
        "times out; --force removes stopped ones at once). Input offsets are reset and internal topics",
        "deleted by Kafka's StreamsResetter; each processor wipes its local state when it next starts",
        "(--state-dir wipes a directory now). Start the processors again to rebuild every view."})
public final class ResetCommand implements Callable<Integer> {
  /** How long a stopped instance's endpoint may stay silent; a connection refused says so at once. */
  private static final Duration ENDPOINT_PATIENCE = Duration.ofSeconds(2);

  @Spec
  CommandSpec spec;

  @Option(names = "--app", required = true, paramLabel = "APPLICATION_ID",
      description = "The application to reset, e.g. streamviews-processor (or streamviews-processor.v2).")
  String applicationId;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Where where;

  /** Exactly one of the two starts. */
  static final class Where {
    @Option(names = "--to-earliest", description = "Reprocess from the earliest record.")
    boolean earliest;

    @Option(names = "--to-datetime", paramLabel = "TIME", converter = TimeConverter.class,
        description = "Reprocess from the first record at or after TIME (ISO-8601, e.g. 2026-11-01T00:00:00Z, or epoch ms).")
    Instant datetime;
  }

  @Option(names = "--dry-run", description = "Print the plan (and what StreamsResetter would do); change nothing.")
  boolean dryRun;

  @Option(names = "--force", description = {"Remove what stopped instances left in the group first, rather than refuse until",
      "their session times out (processors are static members). Only instances whose query endpoint takes no",
      "connection are removed; if one answers, nothing is."})
  boolean force;

  @Option(names = "--state-dir", paramLabel = "DIR",
      description = "A processor state directory on this machine whose copy of the application's state to wipe now.")
  List<Path> stateDirs = new ArrayList<>();

  @Mixin
  KafkaConnection connection;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    ReplayStart start = where.datetime != null ? ReplayStart.at(where.datetime) : ReplayStart.earliest();
    List<String> inputs = Topics.inputs().stream().map(Topic::name).toList();
    try (ClusterClient kafka = connection.connect()) {
      ConsumerGroup group = kafka.group(applicationId);
      List<String> internalTopics = kafka.internalTopicsOf(applicationId);
      if (!group.known() && internalTopics.isEmpty()) {
        throw new CliFailure("unknown application '" + applicationId + "': Kafka at " + kafka.bootstrapServers()
            + " has no consumer group and no internal topics of that name");
      }
      StoppedInstances stopped = null;
      if (!group.members().isEmpty()) {
        if (!force) {
          throw new CliFailure("refusing to reset " + applicationId + " while " + group.instances().size()
              + " instance(s) of it are in its group: " + group.instances() + "; stop them first (a stopped one stays"
              + " until its session times out; --force removes it now)");
        }
        stopped = StoppedInstances.of(group, ENDPOINT_PATIENCE);
      }
      kafka.requireTopics(inputs);
      InputSlice slice = InputSlice.of(kafka, inputs, start);
      long generation = System.currentTimeMillis();
      printPlan(out, kafka, start, slice, internalTopics, generation);

      List<String> arguments = new ArrayList<>(List.of("--bootstrap-server", kafka.bootstrapServers(),
          "--application-id", applicationId, "--input-topics", String.join(",", inputs)));
      arguments.addAll(List.of(start.resetterOptions()));
      if (!internalTopics.isEmpty()) {
        arguments.addAll(List.of("--internal-topics", String.join(",", internalTopics)));
      }
      if (stopped != null) {
        out.printf("  %s %d member(s) of %d stopped instance(s) from the group (no answer at their query endpoints)%n",
            dryRun ? "would remove" : "removing", stopped.memberIds().size(), stopped.instances());
        if (dryRun) {
          // Kafka's resetter previews only an empty group; with --force it would remove the members, dry run or not.
          out.println("Dry run: nothing changed (StreamsResetter previews once the group is empty).");
          return 0;
        }
        kafka.removeStaticMembers(applicationId, stopped.memberIds());
      }
      if (dryRun) {
        arguments.add("--dry-run");
      } else {
        // First, so that a reset never leaves processors starting on local state it made stale: if
        // the resetter then fails, wiping state for nothing only costs a restore from the changelogs.
        recordGeneration(kafka, start, generation);
      }
      KafkaStreamsResetter.Outcome outcome = KafkaStreamsResetter.run(arguments);
      out.println("Kafka's StreamsResetter" + (dryRun ? " (dry run)" : "") + " says:");
      outcome.messages().forEach(line -> out.println("  | " + line));
      if (!outcome.succeeded()) {
        throw new CliFailure("Kafka's StreamsResetter failed: " + outcome.error()
            + (dryRun ? "" : "; run the reset again before starting the processors"));
      }
      if (dryRun) {
        out.println("Dry run: nothing changed.");
        return 0;
      }
      stateDirs.forEach(dir -> wipe(out, dir));
      out.printf("Reset %s: %,d records will be reprocessed from %s. Start the processors again to rebuild every view.%n",
          applicationId, slice.records(), start);
      return 0;
    }
  }

  private void printPlan(PrintWriter out, ClusterClient kafka, ReplayStart start, InputSlice slice, List<String> internalTopics,
      long generation) {
    out.printf("%s %s on Kafka at %s%n", dryRun ? "Plan (dry run) to reset" : "Resetting", applicationId, kafka.bootstrapServers());
    out.printf("  input offsets  -> %s: %,d records to reprocess (counted by offset: transaction markers count too)%n",
        start, slice.records());
    slice.recordsByTopic().forEach((topic, records) -> out.printf("    %-28s %,12d%n", topic, records));
    out.printf("  internal topics to delete: %s%n", internalTopics.isEmpty() ? "none" : internalTopics.size());
    internalTopics.forEach(topic -> out.println("    " + topic));
    out.printf("  pipeline state: %s starts generation %d; each processor wipes its local state of it when it starts%n",
        applicationId, generation);
    stateDirs.forEach(dir -> out.printf("  local state to wipe now: %s%n", dir.resolve(applicationId)));
  }

  private void recordGeneration(ClusterClient kafka, ReplayStart start, long generation) {
    PipelineStateTopic stateTopic = new PipelineStateTopic(kafka.bootstrapServers(), Versions.baseApplicationId(applicationId));
    try {
      PipelineState state = stateTopic.read(kafka.timeout());
      ApplicationHistory history = ApplicationHistory.newBuilder()
          .setGeneration(generation)
          .setProcessedFrom(start.processedFrom())
          .build();
      stateTopic.write(PipelineStates.withHistory(state, applicationId, history), kafka.timeout());
    } catch (IllegalStateException e) {
      throw new CliFailure("nothing was reset: the new generation could not be recorded (" + e.getMessage() + ")");
    }
  }

  private void wipe(PrintWriter out, Path stateDir) {
    Path state = stateDir.resolve(applicationId);
    try {
      if (Files.exists(state)) {
        try (Stream<Path> all = Files.walk(state)) {
          for (Path each : all.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(each);
          }
        }
      }
      Files.deleteIfExists(stateDir.resolve(applicationId + ".generation"));
      out.println("  wiped " + state);
    } catch (IOException e) {
      throw new CliFailure("cannot wipe " + state + ": " + e.getMessage());
    }
  }
}
