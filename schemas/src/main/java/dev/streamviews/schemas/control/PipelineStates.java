package dev.streamviews.schemas.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Making, reading and encoding {@link PipelineState}s. */
public final class PipelineStates {
  private PipelineStates() {}

  /** The state of a pipeline nobody has replayed: version 1 serves, built from the beginning. */
  public static PipelineState initial() {
    return PipelineState.newBuilder()
        .setServingVersion(Versions.FIRST)
        .setServingSince(Instant.EPOCH)
        .setBuildingVersion(null)
        .setApplications(new HashMap<>())
        .build();
  }

  /** What the application's state was built from; generation 0, from the beginning, if nothing was ever said. */
  public static ApplicationHistory historyOf(PipelineState state, String applicationId) {
    ApplicationHistory history = state.getApplications().get(applicationId);
    return history != null ? history : ApplicationHistory.newBuilder().setGeneration(0).setProcessedFrom(null).build();
  }

  /** The state with the application's history replaced. */
  public static PipelineState withHistory(PipelineState state, String applicationId, ApplicationHistory history) {
    Map<String, ApplicationHistory> applications = new HashMap<>(state.getApplications());
    applications.put(applicationId, history);
    return PipelineState.newBuilder(state).setApplications(applications).build();
  }

  /** The state without the application's history (its version is gone for good). */
  public static PipelineState withoutHistory(PipelineState state, String applicationId) {
    Map<String, ApplicationHistory> applications = new HashMap<>(state.getApplications());
    applications.remove(applicationId);
    return PipelineState.newBuilder(state).setApplications(applications).build();
  }

  /**
   * The label of what an application writes under its current generation, {@code <application id>@<generation>}:
   * output of an earlier generation (a run before a reset) can be told from the current one's.
   */
  public static String generationLabel(PipelineState state, String applicationId) {
    return applicationId + "@" + historyOf(state, applicationId).getGeneration();
  }

  /** Avro single-object encoding: the schema's fingerprint, then the binary record. */
  public static byte[] encode(PipelineState state) {
    try {
      ByteBuffer buffer = PipelineState.getEncoder().encode(state);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode the pipeline state", e);
    }
  }

  /** @throws IllegalStateException when the bytes are not a pipeline state this build can read */
  public static PipelineState decode(byte[] bytes) {
    try {
      return PipelineState.getDecoder().decode(bytes);
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("unreadable pipeline state (" + e.getMessage() + ")", e);
    }
  }
}
