package dev.streamviews.checker;

import dev.streamviews.schemas.control.ApplicationHistory;
import dev.streamviews.schemas.control.PipelineState;
import dev.streamviews.schemas.control.PipelineStateTopic;
import dev.streamviews.schemas.control.PipelineStates;
import dev.streamviews.schemas.control.Versions;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The version of the views a check is about, as the pipeline state says: the serving one. Its
 * views were built from the input records from {@code processedFrom} on (all of them if empty),
 * and the order lines it judged late carry its generation label.
 *
 * @param pipeline the pipeline's base application id
 * @param version the serving version
 * @param applicationId its Kafka Streams application id
 * @param generationLabel what its late order lines are tagged with
 * @param processedFrom the time its input starts at (Kafka's offsetsForTimes), if not the beginning
 */
public record CheckedVersion(String pipeline, int version, String applicationId, String generationLabel, Optional<Instant> processedFrom) {

  /** The version 1 of a pipeline nobody replayed: every record, generation 0. */
  public static CheckedVersion initial(String pipeline) {
    return of(PipelineStates.initial(), pipeline);
  }

  public static CheckedVersion of(PipelineState state, String pipeline) {
    String applicationId = Versions.applicationId(pipeline, state.getServingVersion());
    ApplicationHistory history = PipelineStates.historyOf(state, applicationId);
    return new CheckedVersion(pipeline, state.getServingVersion(), applicationId, PipelineStates.generationLabel(state, applicationId),
        Optional.ofNullable(history.getProcessedFrom()));
  }

  /** The serving version of the pipeline as its state topic says now. */
  public static CheckedVersion serving(String bootstrapServers, String pipeline) {
    return of(new PipelineStateTopic(bootstrapServers, pipeline).read(Duration.ofSeconds(30)), pipeline);
  }

  /** The label of lines judged late before lines were tagged: version 1's, generation 0. */
  public String untaggedLabel() {
    return Versions.applicationId(pipeline, Versions.FIRST) + "@0";
  }

  /** One line for people: which version, built from when. */
  public String describe() {
    return "version " + version + " (" + applicationId + "), built from "
        + processedFrom.map(from -> "the records of " + from + " on").orElse("every record");
  }
}
