package dev.streamviews.schemas.topics;

/** The headers an order line in {@code shop.late-events} carries beside the original record's own. */
public final class LateEventHeaders {
  /**
   * Which run judged the line late: {@code <application id>@<generation>} (see
   * {@code PipelineStates.generationLabel}). Replaying history judges lateness afresh, so a checker
   * counts only the lines of the generation that built the views it checks.
   */
  public static final String GENERATION = "late.generation";

  private LateEventHeaders() {}
}
